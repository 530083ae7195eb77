package quota

import (
	"fmt"
	"sort"
	"time"
)

// window is one sliding-window limit: at most limit calls in any period.
type window struct {
	period time.Duration
	limit  int
	// adapted marks a limit learned from a 429 message rather than configured.
	adapted bool
}

// name says which quota a window is, for errors and metric labels ("calls per minute").
func (w window) name() string {
	switch w.period {
	case time.Minute:
		return "calls per minute"
	case time.Hour:
		return "calls per hour"
	}
	return "calls per " + w.period.String()
}

func (w window) String() string { return fmt.Sprintf("%d %s", w.limit, w.name()) }

// reserve is the share of a window kept for alert rules: interactive requests stop at limit-reserve.
// Small limits keep no reserve, or dashboards could get nothing at all.
func (w window) reserve() int {
	if w.limit < 5 {
		return 0
	}
	return (w.limit + 9) / 10
}

// allowed is how many calls of the window a request of the class may use: all of them for alert rules,
// the limit less the reserve for everything else.
func (w window) allowed(alert bool) int {
	if alert {
		return w.limit
	}
	return w.limit - w.reserve()
}

// callLog holds the grant times of calls, ascending, for the longest window.
type callLog struct {
	times []time.Time
}

// used counts calls inside (now-period, now].
func (l *callLog) used(now time.Time, period time.Duration) int {
	return len(l.times) - l.firstInside(now, period)
}

// firstInside is the index of the oldest call still inside the window ending at now.
func (l *callLog) firstInside(now time.Time, period time.Duration) int {
	start := now.Add(-period)
	return sort.Search(len(l.times), func(i int) bool { return l.times[i].After(start) })
}

// freeAt is the earliest instant at which the window holds fewer than allowed calls.
func (l *callLog) freeAt(now time.Time, period time.Duration, allowed int) time.Time {
	first := l.firstInside(now, period)
	used := len(l.times) - first
	if used < allowed {
		return now
	}
	if allowed <= 0 {
		// No capacity at all in this class: the reserve swallows the window. Report one period out so
		// callers fail with a clear error instead of waiting forever.
		return now.Add(period)
	}
	return l.times[first+used-allowed].Add(period)
}

func (l *callLog) record(t time.Time) {
	// Grants happen in clock order, but a refund may have left a gap: keep the slice sorted anyway.
	i := sort.Search(len(l.times), func(i int) bool { return l.times[i].After(t) })
	l.times = append(l.times, time.Time{})
	copy(l.times[i+1:], l.times[i:])
	l.times[i] = t
}

// refund removes one call granted at t (a request cancelled after its grant never called the API).
func (l *callLog) refund(t time.Time) {
	for i := len(l.times) - 1; i >= 0; i-- {
		if l.times[i].Equal(t) {
			l.times = append(l.times[:i], l.times[i+1:]...)
			return
		}
	}
}

// prune drops calls older than keep.
func (l *callLog) prune(now time.Time, keep time.Duration) {
	if i := l.firstInside(now, keep); i > 0 {
		l.times = append(l.times[:0], l.times[i:]...)
	}
}
