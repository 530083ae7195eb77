package quota

import (
	"errors"
	"time"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

// Back-off for a 429 that names neither a Retry-After nor a CPU cycle: the tenant's other apps are using
// the quota, so wait exponentially longer, with jitter so that plugin processes sharing a tenant do not
// retry in step.
const (
	backoffBase = 2 * time.Second
	backoffMax  = time.Minute
	// cpuCycle is the CPU quota's cycle when the answer does not name one (XDR and Graph: 15 minutes).
	cpuCycle = 15 * time.Minute
)

// throttle is what a 429 tells the budget.
type throttle struct {
	quota      string
	limit      int
	period     time.Duration
	retryAfter time.Duration
	err        *hunting.QuotaError
}

// classify reports whether err is a 429 and what it says.
func classify(err error) (throttle, bool) {
	var q *hunting.QuotaError
	if !errors.As(err, &q) {
		return throttle{}, false
	}
	// The client has already read the limit and period from the answer (hunting.ErrorFromResponse):
	// the message text is not parsed again here.
	t := throttle{quota: q.Quota, limit: q.Limit, period: q.Period, retryAfter: q.RetryAfter, err: q}
	if t.quota == "" || t.quota == hunting.QuotaUnknown {
		t.quota = "API calls"
	}
	return t, true
}

// throttled pauses the budget after a 429 and adapts its limits; it returns when calls may resume.
func (b *budget) throttled(t throttle) time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.reg.clock.Now()
	if t.quota != hunting.QuotaCPU && t.limit > 0 && t.period > 0 {
		before := len(b.windows)
		b.windows = mergeWindow(b.windows, window{period: t.period, limit: t.limit, adapted: true})
		b.reg.log.Debug("quota: limit read from a 429 answer", "tenant", b.key.tenant, "flavor", b.key.flavor,
			"limit", t.limit, "period", t.period.String(), "newWindow", len(b.windows) > before)
	}
	var until time.Time
	switch {
	case t.retryAfter > 0:
		until = now.Add(t.retryAfter)
	case t.quota == hunting.QuotaCPU:
		cycle := t.period
		if cycle <= 0 {
			cycle = cpuCycle
		}
		until = now.Truncate(cycle).Add(cycle)
	default:
		d := backoffBase << min(b.strikes, 10)
		d = min(d, backoffMax)
		if t.period > 0 {
			d = min(d, t.period)
		}
		// Equal jitter: at least half the back-off, so retries still spread out.
		until = now.Add(d/2 + b.reg.jitter.upTo(d/2))
	}
	b.strikes++
	if until.After(b.pausedUntil) {
		b.pausedUntil, b.pauseQuota, b.pauseErr = until, t.quota, t.err
		b.pauseWindow = window{period: t.period, limit: t.limit}
	}
	b.reg.log.Debug("quota: throttled by the API, pausing the budget", "tenant", b.key.tenant, "flavor", b.key.flavor,
		"quota", t.quota, "retryAfter", t.retryAfter.String(), "strikes", b.strikes, "until", b.pausedUntil)
	b.armLocked(now)
	return b.pausedUntil
}

// succeeded resets the back-off after an answered call.
func (b *budget) succeeded() {
	b.mu.Lock()
	b.strikes = 0
	b.mu.Unlock()
}
