package emulator

import "time"

// Clock is the emulator's notion of time for everything the service meters: call and CPU budgets, the data
// window, query now(), per-request timeouts and fault delays. Tests and load simulations inject a fake one
// to run hours of quota in milliseconds. Token lifetimes always use the wall clock, because the clients
// that cache tokens (MSAL) judge expiry by the wall clock too.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f in its own goroutine once d has passed on this clock. stop cancels the call and
	// reports whether it did so before f ran.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// WallClock is the real clock.
type WallClock struct{}

// Now returns time.Now().
func (WallClock) Now() time.Time { return time.Now() }

// AfterFunc is time.AfterFunc.
func (WallClock) AfterFunc(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
