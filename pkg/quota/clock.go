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
// Registry counts parks that are armed and not yet woken: a discrete-time load simulation advances its
// fake clock only when every request goroutine is parked. A park is counted only once every timer that
// can wake it is registered (count), and uncounted when the wake is decided (inside the signalling
// code), not when the parked goroutine resumes, so the simulation never races either edge.
type park struct {
	ch      chan struct{}
	counter *parkCounter

	mu             sync.Mutex
	counted, woken bool
}

// parkCounter counts armed, unwoken parks.
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
	return &park{ch: make(chan struct{}), counter: c}
}

// count makes the park visible to the counter; call it after arming the park's wake-ups. A park woken
// before (a timer of zero duration on the wall clock) stays uncounted.
func (p *park) count() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.woken && !p.counted {
		p.counted = true
		p.counter.add(1)
	}
}

// wake releases the parked goroutine; later calls do nothing.
func (p *park) wake() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.woken {
		return
	}
	p.woken = true
	if p.counted {
		p.counter.add(-1)
	}
	close(p.ch)
}
