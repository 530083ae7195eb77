package quota

import (
	"context"
	"time"
)

// acquire waits for a call grant until deadline (on the Registry's clock) or until ctx ends, and
// returns when the call was granted. It fails at once with a *BudgetError when the budget cannot free
// up before the deadline: a user waiting at a screen is better served by a stale result or a clear
// error now than by the same answer later.
func (b *budget) acquire(ctx context.Context, r *Runner, alert bool, identity string, deadline time.Time) (time.Time, error) {
	b.mu.Lock()
	now := b.reg.clock.Now()
	if b.queue.clearFor(alert) && b.admissibleLocked(now, alert) {
		b.grantLocked(now)
		b.mu.Unlock()
		b.reg.log.Debug("quota: call granted", "tenant", b.key.tenant, "flavor", b.key.flavor, "alert", alert, "waited", "0s")
		return now, nil
	}
	if at, quota, win := b.freeAtLocked(now, alert); at.After(deadline) {
		err := b.spentLocked(now, at, quota, win, alert)
		b.mu.Unlock()
		b.reg.log.Debug("quota: budget cannot free up before the deadline", "tenant", b.key.tenant, "flavor", b.key.flavor,
			"alert", alert, "quota", quota, "freesAt", at, "deadline", deadline)
		return time.Time{}, err
	}
	if ahead, room := b.queue.ahead(alert, identity), b.grantsBeforeLocked(now, deadline, alert); ahead >= room {
		err := b.spentNowLocked(now, alert)
		b.mu.Unlock()
		b.reg.log.Debug("quota: queue too long to be served before the deadline", "tenant", b.key.tenant, "flavor", b.key.flavor,
			"alert", alert, "ahead", ahead, "grantsBeforeDeadline", room, "deadline", deadline)
		return time.Time{}, err
	}
	w := &waiter{runner: r, alert: alert, identity: identity, park: newPark(&b.reg.parked)}
	b.queue.push(w)
	w.stopDl = b.reg.clock.AfterFunc(deadline.Sub(now), func() { b.expire(w) })
	b.armLocked(now)
	w.park.count()
	queued := b.queue.len()
	b.mu.Unlock()
	b.reg.log.Debug("quota: request queued", "tenant", b.key.tenant, "flavor", b.key.flavor, "alert", alert,
		"queued", queued, "deadline", deadline)

	select {
	case <-w.park.ch:
	case <-ctx.Done():
		b.cancel(w, ctx.Err())
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if w.err != nil {
		return time.Time{}, w.err
	}
	b.reg.log.Debug("quota: call granted", "tenant", b.key.tenant, "flavor", b.key.flavor, "alert", alert,
		"waited", w.grantedAt.Sub(now).String())
	return w.grantedAt, nil
}

// finished moves a call's entry in the log from its grant to its end. The API counts a call when it
// arrives, somewhere between the two: counting from the end keeps the window conservative however
// long the token fetch, the connection or the query took, so a slot freed here is free there too.
func (b *budget) finished(granted, end time.Time) {
	if !end.After(granted) {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls.refund(granted)
	b.calls.record(end)
}

// expire fails a waiter whose deadline came while it was still queued.
func (b *budget) expire(w *waiter) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.queue.remove(w) {
		return
	}
	now := b.reg.clock.Now()
	w.stopDl = nil
	w.err = b.spentNowLocked(now, w.alert)
	w.park.wake()
	b.armLocked(now)
}

// cancel withdraws a waiter whose context ended. A grant that raced the cancellation is refunded:
// the call was never made.
func (b *budget) cancel(w *waiter, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.queue.remove(w):
		w.stopDeadline()
		w.err = err
		w.park.wake()
		b.armLocked(b.reg.clock.Now())
	case w.granted && w.err == nil:
		b.calls.refund(w.grantedAt)
		w.err = err
		b.dispatchLocked()
	}
}

// spentLocked describes why no call of the class can be made before at.
func (b *budget) spentLocked(now, at time.Time, quota string, win window, alert bool) *BudgetError {
	e := &BudgetError{
		Tenant: b.key.tenant, Flavor: b.key.flavor, Quota: quota,
		Limit: win.limit, Period: win.period, FreesAt: at, now: now,
	}
	if !alert {
		e.Reserved = win.reserve()
	}
	if quota == b.pauseQuota && !b.pausedUntil.Before(at) {
		e.Throttled, e.Err = true, b.pauseErr
		e.Limit, e.Period = b.pauseWindow.limit, b.pauseWindow.period
	}
	return e
}

// estimate is the error a request would get if it gave up waiting now (for coalesced followers).
func (b *budget) estimate(alert bool) *BudgetError {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.spentNowLocked(b.reg.clock.Now(), alert)
}

// spentNowLocked is the error for a request of the class that gives up waiting at now.
func (b *budget) spentNowLocked(now time.Time, alert bool) *BudgetError {
	at, quota, win := b.freeAtLocked(now, alert)
	if !at.After(now) && !b.timerAt.IsZero() {
		// Capacity exists but others are ahead in the queue: the next dispatch is the honest estimate.
		at = b.timerAt
	}
	return b.spentLocked(now, at, quota, win, alert)
}
