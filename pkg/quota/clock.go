package quota

import (
	"sync"
	"time"
)

// Clock is the package's only source of time. Its method set matches the emulator's Clock, so one fake
// clock can drive both sides of a load simulation.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f once d has passed on this clock. stop cancels the call and reports whether it
	// did so before f ran.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// wallClock is the real clock.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) AfterFunc(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }

// park is one goroutine's wait for a signal (a queue grant, a coalesced result, a deadline). The
// Registry counts parks that have not been woken yet: a discrete-time load simulation advances its fake
// clock only when every request goroutine is parked. The count drops when the wake is decided (inside
// the signalling code), not when the parked goroutine resumes, so the simulation never races it.
type park struct {
	ch      chan struct{}
	once    sync.Once
	counter *parkCounter
}

// parkCounter counts unwoken parks.
type parkCounter struct {
	mu sync.Mutex
	n  int
}

func (c *parkCounter) add(d int) {
	c.mu.Lock()
	c.n += d
	c.mu.Unlock()
}

func (c *parkCounter) value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func newPark(c *parkCounter) *park {
	c.add(1)
	return &park{ch: make(chan struct{}), counter: c}
}

// wake releases the parked goroutine; later calls do nothing.
func (p *park) wake() {
	p.once.Do(func() {
		p.counter.add(-1)
		close(p.ch)
	})
}
