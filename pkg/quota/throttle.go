package quota

import (
	"errors"
	"regexp"
	"strconv"
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

// limitPattern reads "maximum allowed 45 per 00:01:00" when the client could not (an unknown flavor's
// wording, a wrapped message).
var limitPattern = regexp.MustCompile(`(?i)maximum allowed\s+(\d+)\s+per\s+(\d{1,2}):(\d{2}):(\d{2})`)

// cyclePattern reads the CPU quota's cycle from "... of query running time per 01:00:00".
var cyclePattern = regexp.MustCompile(`(?i)\bper\s+(\d{1,2}):(\d{2}):(\d{2})`)

// clockDuration converts the hh, mm, ss submatches of a pattern.
func clockDuration(h, m, s string) time.Duration {
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	ss, _ := strconv.Atoi(s)
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second
}

// classify reports whether err is a 429 and what it says.
func classify(err error) (throttle, bool) {
	var q *hunting.QuotaError
	if !errors.As(err, &q) {
		return throttle{}, false
	}
	t := throttle{quota: q.Quota, limit: q.Limit, period: q.Period, retryAfter: q.RetryAfter, err: q}
	switch {
	case t.quota == hunting.QuotaCPU && t.period == 0:
		if m := cyclePattern.FindStringSubmatch(q.Message); m != nil {
			t.period = clockDuration(m[1], m[2], m[3])
		}
	case t.limit == 0:
		if m := limitPattern.FindStringSubmatch(q.Message); m != nil {
			t.limit, _ = strconv.Atoi(m[1])
			t.period = clockDuration(m[2], m[3], m[4])
			t.quota = window{period: t.period}.name()
		}
	}
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
