package quota

import (
	"errors"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

func TestRequestFailsAtOnceWhenTheQueueAheadOutlastsItsDeadline(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 2, CallsPerHour: 1000})
	// Fill the minute at +0s and +20s: one slot frees at +60s, the next at +80s.
	for i, at := range []time.Duration{0, 20 * time.Second} {
		h.clock.AdvanceTo(t0.Add(at))
		if _, err := h.run.Run(h.within(time.Minute), req(i, "")); err != nil {
			t.Fatal(err)
		}
	}
	h.clock.AdvanceTo(t0.Add(30 * time.Second))
	first := h.start(h.within(90*time.Second), h.run, req(10, "")) // served at +60s
	waitParked(t, h.reg, 1)
	// Only one grant (+60s) fits before +70s, and one request is ahead: fail now, not at +70s.
	_, err := h.run.Run(h.within(42*time.Second), req(11, ""))
	var be *BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want an immediate *BudgetError", err)
	}
	if h.reg.parked.value() != 1 {
		t.Error("the hopeless request was queued")
	}
	h.clock.AdvanceTo(t0.Add(time.Minute))
	if o := get(t, first); o.err != nil {
		t.Fatal(o.err)
	}
}

func TestStaleEligibleRequestWaitsOnlyItsPatience(t *testing.T) {
	newer := qA
	newer.From, newer.To = from.Add(time.Minute), to.Add(time.Minute)
	tests := []struct {
		name      string
		at        time.Duration // when the request comes; the minute frees at +60s
		wantCache string
		wantAt    time.Duration // when it is answered
	}{
		{name: "budget frees within the patience: wait for fresh rows", at: 57 * time.Second, wantCache: CacheMiss, wantAt: time.Minute},
		{name: "budget frees later: cached rows at once", at: 20 * time.Second, wantCache: CacheHit, wantAt: 20 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{CallsPerMinute: 1, CallsPerHour: 1000, CacheTTL: 10 * time.Second})
			if _, err := h.run.Run(h.within(time.Minute), qA); err != nil {
				t.Fatal(err)
			}
			h.clock.AdvanceTo(t0.Add(tc.at))
			// The deadline (2m) would allow waiting for the budget in both cases.
			ch := h.start(h.within(2*time.Minute), h.run, newer)
			if tc.wantCache == CacheMiss {
				waitParked(t, h.reg, 1)
				h.clock.AdvanceTo(t0.Add(time.Minute))
			}
			o := get(t, ch)
			if o.err != nil || o.res.Cache != tc.wantCache || h.clock.Now().Sub(t0) != tc.wantAt {
				t.Fatalf("got %+v, %v at +%s; want cache %q at +%s", o.res, o.err, h.clock.Now().Sub(t0), tc.wantCache, tc.wantAt)
			}
		})
	}
}

func TestRequestWithNothingCachedWaitsForTheBudget(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 1, CallsPerHour: 1000})
	if _, err := h.run.Run(h.within(time.Minute), qA); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(20 * time.Second)
	ch := h.start(h.within(2*time.Minute), h.run, req(5, "bob"))
	waitParked(t, h.reg, 1)
	h.clock.AdvanceTo(t0.Add(time.Minute))
	if o := get(t, ch); o.err != nil || o.res.Cache != CacheMiss {
		t.Fatalf("uncached request: %+v, %v; want its own call at +1m", o.res, o.err)
	}
}

func TestCoalescedRequestWaitsForACallAlreadyRunning(t *testing.T) {
	h := newHarness(t, Config{CacheTTL: 10 * time.Second})
	if _, err := h.run.Run(h.within(time.Minute), qA); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(20 * time.Second)
	release := make(chan struct{})
	h.api.script = func(_ int, req hunting.Request) (*hunting.Result, error) {
		<-release
		return rowsFor(req), nil
	}
	leader := h.start(h.within(time.Minute), h.run, qA)
	waitCalls(t, h.api, 2)
	follower := h.start(h.within(time.Minute), h.run, qA)
	waitParked(t, h.reg, 1)
	h.clock.Advance(stalePatience) // the API is answering: patience does not apply
	waitParked(t, h.reg, 1)
	select {
	case o := <-follower:
		t.Fatalf("the follower gave up on a call the API was already running: %+v, %v", o.res, o.err)
	default:
	}
	close(release)
	for _, ch := range []<-chan outcome{leader, follower} {
		if o := get(t, ch); o.err != nil || len(o.res.Notices) != 0 {
			t.Fatalf("got %+v, %v; want fresh rows", o.res, o.err)
		}
	}
}
