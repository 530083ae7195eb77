package quota

import (
	"slices"
	"time"
)

// waiter is one request queued for a call grant.
type waiter struct {
	runner   *Runner
	alert    bool
	identity string
	park     *park
	// granted, grantedAt and err are written under the budget's lock before park.wake.
	granted   bool
	grantedAt time.Time
	err       error
	// stopDl cancels the deadline timer.
	stopDl func() bool
}

func (w *waiter) stopDeadline() {
	if w.stopDl != nil {
		w.stopDl()
		w.stopDl = nil
	}
}

// fairQueue orders waiters: alert-rule queries first (first come, first served), then interactive
// queries round-robin across identities, so one user's twelve panels queue behind each other rather
// than in front of everybody else's.
type fairQueue struct {
	alerts []*waiter
	users  map[string][]*waiter
	// order is the round-robin ring of identities with waiters; the head is served next.
	order []string
}

func (q *fairQueue) push(w *waiter) {
	if w.alert {
		q.alerts = append(q.alerts, w)
		return
	}
	if q.users == nil {
		q.users = map[string][]*waiter{}
	}
	if len(q.users[w.identity]) == 0 {
		q.order = append(q.order, w.identity)
	}
	q.users[w.identity] = append(q.users[w.identity], w)
}

// has reports whether waiters of the class are queued.
func (q *fairQueue) has(alert bool) bool {
	if alert {
		return len(q.alerts) > 0
	}
	return len(q.order) > 0
}

// clearFor reports whether a new request of the class may skip the queue: alerts only wait behind
// alerts, interactive requests behind anybody.
func (q *fairQueue) clearFor(alert bool) bool {
	if alert {
		return len(q.alerts) == 0
	}
	return len(q.alerts) == 0 && len(q.order) == 0
}

// ahead estimates how many queued requests would be served before a new one of the class and
// identity: every alert, and for an interactive request, per identity as many as the round-robin
// serves before reaching this identity's next turn.
func (q *fairQueue) ahead(alert bool, identity string) int {
	n := len(q.alerts)
	if alert {
		return n
	}
	turn := len(q.users[identity]) + 1
	for _, ws := range q.users {
		n += min(len(ws), turn)
	}
	return n
}

func (q *fairQueue) len() int {
	n := len(q.alerts)
	for _, ws := range q.users {
		n += len(ws)
	}
	return n
}

// next removes and returns the waiter to serve now, if admit allows its class.
func (q *fairQueue) next(admit func(alert bool) bool) *waiter {
	if len(q.alerts) > 0 {
		if !admit(true) {
			// Interactive requests are admitted under a stricter limit: none can go either.
			return nil
		}
		w := q.alerts[0]
		q.alerts = q.alerts[1:]
		return w
	}
	if len(q.order) == 0 || !admit(false) {
		return nil
	}
	id := q.order[0]
	ws := q.users[id]
	w := ws[0]
	q.order = q.order[1:]
	if len(ws) == 1 {
		delete(q.users, id)
	} else {
		q.users[id] = ws[1:]
		q.order = append(q.order, id)
	}
	return w
}

// remove takes w out of the queue; it reports false when w was not queued (already granted or failed).
func (q *fairQueue) remove(w *waiter) bool {
	if w.alert {
		i := slices.Index(q.alerts, w)
		if i < 0 {
			return false
		}
		q.alerts = slices.Delete(q.alerts, i, i+1)
		return true
	}
	ws := q.users[w.identity]
	i := slices.Index(ws, w)
	if i < 0 {
		return false
	}
	ws = slices.Delete(ws, i, i+1)
	if len(ws) == 0 {
		delete(q.users, w.identity)
		q.order = slices.DeleteFunc(q.order, func(id string) bool { return id == w.identity })
	} else {
		q.users[w.identity] = ws
	}
	return true
}

// removeRunner takes every waiter of r out of the queue and returns them.
func (q *fairQueue) removeRunner(r *Runner) []*waiter {
	var out []*waiter
	for _, w := range slices.Clone(q.alerts) {
		if w.runner == r && q.remove(w) {
			out = append(out, w)
		}
	}
	for _, ws := range q.users {
		for _, w := range slices.Clone(ws) {
			if w.runner == r && q.remove(w) {
				out = append(out, w)
			}
		}
	}
	return out
}
