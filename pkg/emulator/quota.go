package emulator

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// quotas meters every tenant's calls and CPU over sliding windows, as the service documents them ("up to
// 45 calls per minute and 1,500 per hour", "10 minutes of running time every hour and 3 hours a day").
type quotas struct {
	lim     Limits
	mu      sync.Mutex
	tenants map[string]*tenantBudget
}

type tenantBudget struct {
	calls []time.Time // admitted calls within the last hour, oldest first
	cpu   []cpuCharge // charges within the last day, oldest first
}

type cpuCharge struct {
	at  time.Time
	cpu time.Duration
}

func newQuotas(lim Limits) *quotas { return &quotas{lim: lim, tenants: map[string]*tenantBudget{}} }

func (q *quotas) reset() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tenants = map[string]*tenantBudget{}
}

// admit counts one call for tenant at now, or answers 429 when a call or CPU budget is exhausted (a
// refused call does not count).
func (q *quotas) admit(tenant string, now time.Time) *apiError {
	q.mu.Lock()
	defer q.mu.Unlock()
	b := q.budget(tenant, now)
	for _, w := range []struct {
		max    int
		window time.Duration
	}{{q.lim.CallsPerMinute, time.Minute}, {q.lim.CallsPerHour, time.Hour}} {
		if w.max <= 0 {
			continue
		}
		in := callsSince(b.calls, now.Add(-w.window))
		if len(in) >= w.max {
			return errCallsQuota(w.max, w.window, in[len(in)-w.max].Add(w.window).Sub(now))
		}
	}
	for _, w := range []struct {
		max, window time.Duration
	}{{q.lim.CPUPerHour, time.Hour}, {q.lim.CPUPerDay, 24 * time.Hour}} {
		if w.max <= 0 {
			continue
		}
		if wait, over := cpuWait(b.cpu, now, w.window, w.max); over {
			return &apiError{Status: http.StatusTooManyRequests, Code: "429",
				Message: fmt.Sprintf("CPU resources quota exceeded! maximum allowed %s of query running time per %s; quota renews in %s",
					clockText(w.max), clockText(w.window), clockText(wait.Round(time.Second))),
				RetryAfter: wait}
		}
	}
	b.calls = append(b.calls, now)
	return nil
}

// errCallsQuota is the 429 for a call budget of max calls per window.
func errCallsQuota(max int, window, retryAfter time.Duration) *apiError {
	return &apiError{Status: http.StatusTooManyRequests, Code: "429",
		Message:    fmt.Sprintf("API calls quota exceeded! maximum allowed %d per %s", max, clockText(window)),
		RetryAfter: retryAfter}
}

// charge adds a query's CPU time to tenant's budget.
func (q *quotas) charge(tenant string, now time.Time, cpu time.Duration) {
	if cpu <= 0 || (q.lim.CPUPerHour <= 0 && q.lim.CPUPerDay <= 0) {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	b := q.budget(tenant, now)
	b.cpu = append(b.cpu, cpuCharge{at: now, cpu: cpu})
}

// budget returns tenant's budget with entries older than any window dropped.
func (q *quotas) budget(tenant string, now time.Time) *tenantBudget {
	b := q.tenants[tenant]
	if b == nil {
		b = &tenantBudget{}
		q.tenants[tenant] = b
	}
	i := 0
	for i < len(b.calls) && !b.calls[i].After(now.Add(-time.Hour)) {
		i++
	}
	b.calls = b.calls[i:]
	j := 0
	for j < len(b.cpu) && !b.cpu[j].at.After(now.Add(-24*time.Hour)) {
		j++
	}
	b.cpu = b.cpu[j:]
	return b
}

// callsSince returns the tail of calls after t.
func callsSince(calls []time.Time, t time.Time) []time.Time {
	for i, c := range calls {
		if c.After(t) {
			return calls[i:]
		}
	}
	return nil
}

// cpuWait reports whether the CPU used within window before now has reached max, and how long until enough
// of it leaves the window to run again.
func cpuWait(charges []cpuCharge, now time.Time, window, max time.Duration) (time.Duration, bool) {
	var used time.Duration
	start := -1
	for i, c := range charges {
		if c.at.After(now.Add(-window)) {
			if start < 0 {
				start = i
			}
			used += c.cpu
		}
	}
	if used < max || start < 0 {
		return 0, false
	}
	for _, c := range charges[start:] {
		used -= c.cpu
		if used < max {
			return c.at.Add(window).Sub(now), true
		}
	}
	return window, true
}

// clockText writes a duration as .NET writes a TimeSpan, "00:01:00", the way the 429 messages do.
func clockText(d time.Duration) string {
	return string(appendTimeSpan(nil, d.Truncate(time.Second)))
}
