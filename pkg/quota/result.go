package quota

import (
	"context"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// callMargin is kept from a request's deadline for the call itself: a grant that leaves no time to run
// the query only spends budget.
const callMargin = 2 * time.Second

// stalePatience is how long a request that could be answered from a stale cached result waits in the
// queue for a fresh call before it takes the stale one (with a notice).
const stalePatience = 5 * time.Second

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// withCache returns a copy of res marked with kind, with extra notices appended to a copy of its
// notices. The frame is shared, never copied or modified.
func withCache(res *hunting.Result, kind string, extra ...data.Notice) *hunting.Result {
	cp := *res
	cp.Cache = kind
	cp.Notices = nil
	if n := len(res.Notices) + len(extra); n > 0 {
		cp.Notices = make([]data.Notice, 0, n)
		cp.Notices = append(append(cp.Notices, res.Notices...), extra...)
	}
	return &cp
}

// deadlineOf is ctx's deadline, or now+defaultMaxWait when it has none, so nothing queues forever.
func deadlineOf(ctx context.Context, now time.Time) time.Time {
	if d, ok := ctx.Deadline(); ok {
		return d
	}
	return now.Add(defaultMaxWait)
}

// queueDeadline is how long a request may wait for a grant: its deadline less a margin to run the call
// (at most a fifth of the time left, so short deadlines still get to queue).
func queueDeadline(ctx context.Context, now time.Time) time.Time {
	d := deadlineOf(ctx, now)
	margin := min(callMargin, d.Sub(now)/5)
	if margin < 0 {
		margin = 0
	}
	return d.Add(-margin)
}
