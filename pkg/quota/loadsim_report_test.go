package quota

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

// simReport is what one run measured.
type simReport struct {
	mode                                  string
	requests, calls, throttled            int
	fresh, ttlHits, shared, stale         int
	budgetErrs, throttleErrs, otherErrs   int
	alertErrs, errsAfterAnswered, unclear int
	waits                                 []time.Duration
	firstOther                            error
}

func (r *simReport) shown() int { return r.budgetErrs + r.throttleErrs + r.otherErrs }

func (r *simReport) hitRatio() float64 {
	if r.requests == 0 {
		return 0
	}
	return float64(r.ttlHits+r.shared+r.stale) / float64(r.requests)
}

func (r *simReport) p95() time.Duration {
	if len(r.waits) == 0 {
		return 0
	}
	w := slices.Clone(r.waits)
	slices.Sort(w)
	return w[(len(w)*95+99)/100-1]
}

func (r *simReport) String() string {
	if r.requests == 0 {
		return r.mode
	}
	return fmt.Sprintf("%-12s requests %5d | API calls %5d | 429s %5d (%.1f%%) | errors shown %5d (budget %d, 429 %d, other %d) | "+
		"fresh %5d, cache hits %4d, coalesced %4d, stale+notice %4d | hit ratio %.2f | p95 wait %s",
		r.mode, r.requests, r.calls, r.throttled, pct(r.throttled, r.calls), r.shown(), r.budgetErrs, r.throttleErrs, r.otherErrs,
		r.fresh, r.ttlHits, r.shared, r.stale, r.hitRatio(), r.p95())
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// countingRunner counts the API calls that reach the client and the 429s among them.
type countingRunner struct {
	next            hunting.Runner
	calls, throttle atomic.Int64
}

func (c *countingRunner) Run(ctx context.Context, req hunting.Request) (*hunting.Result, error) {
	c.calls.Add(1)
	res, err := c.next.Run(ctx, req)
	if errors.As(err, new(*hunting.QuotaError)) {
		c.throttle.Add(1)
	}
	return res, err
}
