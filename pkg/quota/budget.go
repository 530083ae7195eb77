package quota

import (
	"sync"
	"time"
)

// budgetKey names one shared budget: the tenant's quota is per API flavor.
type budgetKey struct {
	tenant, flavor string
}

// budget is the call budget of one tenant and flavor, shared by every Runner configured for it, with
// the queue of requests waiting for it.
type budget struct {
	key budgetKey
	reg *Registry

	mu sync.Mutex
	// limits holds each live Runner's configured limits; the effective ones are the strictest.
	limits  map[*Runner]Config
	windows []window
	calls   callLog
	// pausedUntil blocks every grant after a 429, until the quota that answered it frees up.
	pausedUntil time.Time
	pauseQuota  string
	pauseErr    error
	pauseWindow window
	// strikes counts 429s since the last success, for exponential back-off.
	strikes int
	queue   fairQueue
	// stopTimer cancels the pending dispatch timer; timerAt is when it fires.
	stopTimer func() bool
	timerAt   time.Time
	// timerGen tells a firing timer whether it is still the armed one.
	timerGen uint64
}

func newBudget(key budgetKey, reg *Registry) *budget {
	return &budget{key: key, reg: reg, limits: map[*Runner]Config{}}
}

// attach registers a Runner's configured limits; the strictest live configuration wins, because the
// tenant's real quota is shared and the most careful setting is the one an admin chose deliberately.
func (b *budget) attach(r *Runner, cfg Config) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.limits[r] = cfg
	b.recomputeLocked()
	// Looser limits may admit requests already waiting.
	b.dispatchLocked()
}

// detach forgets a Runner, failing its queued requests.
func (b *budget) detach(r *Runner) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.limits, r)
	for _, w := range b.queue.removeRunner(r) {
		w.err = ErrDisposed
		w.stopDeadline()
		w.park.wake()
	}
	if len(b.limits) == 0 {
		b.stopTimerLocked()
		return
	}
	b.recomputeLocked()
	b.dispatchLocked()
}

func (b *budget) recomputeLocked() {
	perMin, perHour := 0, 0
	for _, c := range b.limits {
		if perMin == 0 || c.CallsPerMinute < perMin {
			perMin = c.CallsPerMinute
		}
		if perHour == 0 || c.CallsPerHour < perHour {
			perHour = c.CallsPerHour
		}
	}
	ws := []window{{period: time.Minute, limit: perMin}, {period: time.Hour, limit: perHour}}
	// Keep limits learned from 429 messages when they are stricter than the configuration.
	for _, w := range b.windows {
		if !w.adapted {
			continue
		}
		ws = mergeWindow(ws, w)
	}
	b.windows = ws
}

// mergeWindow adds w to ws, or lowers the limit of the window with the same period.
func mergeWindow(ws []window, w window) []window {
	for i := range ws {
		if ws[i].period == w.period {
			if w.limit < ws[i].limit {
				ws[i].limit = w.limit
				ws[i].adapted = true
			}
			return ws
		}
	}
	return append(ws, w)
}

// longest is the longest window period, how long the call log must remember.
func (b *budget) longestLocked() time.Duration {
	var d time.Duration
	for _, w := range b.windows {
		d = max(d, w.period)
	}
	return d
}

// freeAtLocked is when a request of the class could be granted, ignoring the queue ahead of it, and the
// window (or pause) that decides it.
func (b *budget) freeAtLocked(now time.Time, alert bool) (time.Time, string, window) {
	at, quota, which := now, "", window{}
	if b.pausedUntil.After(at) {
		at, quota = b.pausedUntil, b.pauseQuota
	}
	for _, w := range b.windows {
		if t := b.calls.freeAt(now, w.period, w.allowed(alert)); t.After(at) {
			at, quota, which = t, w.name(), w
		}
	}
	return at, quota, which
}

// grantsBeforeLocked estimates how many calls of the class the budget can grant between now and
// deadline: what each window allows minus the calls still inside it at the deadline, plus a full
// window's worth for every whole period until then.
func (b *budget) grantsBeforeLocked(now, deadline time.Time, alert bool) int {
	if b.pausedUntil.After(deadline) {
		return 0
	}
	n := -1
	for _, w := range b.windows {
		allowed := w.allowed(alert)
		c := allowed - b.calls.used(now, now.Sub(deadline.Add(-w.period)))
		if span := deadline.Sub(now); span >= w.period {
			c += allowed * int(span/w.period)
		}
		if n < 0 || c < n {
			n = c
		}
	}
	return max(n, 0)
}

func (b *budget) admissibleLocked(now time.Time, alert bool) bool {
	at, _, _ := b.freeAtLocked(now, alert)
	return !at.After(now)
}

// remainingLocked is the number of calls left in each window, by window name (for the metric).
func (b *budget) remainingLocked(now time.Time) map[string]int {
	out := make(map[string]int, len(b.windows))
	for _, w := range b.windows {
		out[w.name()] = max(0, w.limit-b.calls.used(now, w.period))
	}
	return out
}

func (b *budget) grantLocked(now time.Time) {
	b.calls.prune(now, b.longestLocked())
	b.calls.record(now)
}

func (b *budget) stopTimerLocked() {
	if b.stopTimer != nil {
		b.stopTimer()
		b.stopTimer = nil
		b.timerAt = time.Time{}
	}
	b.timerGen++
}

// dispatchLocked grants queued requests while the budget allows, then arms a timer for the next
// instant a grant could happen.
func (b *budget) dispatchLocked() {
	now := b.reg.clock.Now()
	for {
		w := b.queue.next(func(alert bool) bool { return b.admissibleLocked(now, alert) })
		if w == nil {
			break
		}
		b.grantLocked(now)
		w.granted, w.grantedAt = true, now
		w.stopDeadline()
		w.park.wake()
	}
	b.armLocked(now)
}

func (b *budget) armLocked(now time.Time) {
	var at time.Time
	for _, alert := range []bool{true, false} {
		if !b.queue.has(alert) {
			continue
		}
		t, _, _ := b.freeAtLocked(now, alert)
		if at.IsZero() || t.Before(at) {
			at = t
		}
	}
	if at.IsZero() {
		b.stopTimerLocked()
		return
	}
	if b.stopTimer != nil && b.timerAt.Equal(at) {
		return
	}
	b.stopTimerLocked()
	b.timerGen++
	gen := b.timerGen
	b.timerAt = at
	b.stopTimer = b.reg.clock.AfterFunc(at.Sub(now), func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if gen != b.timerGen {
			return
		}
		b.stopTimer, b.timerAt = nil, time.Time{}
		b.dispatchLocked()
	})
}
