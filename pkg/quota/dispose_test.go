package quota

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

func TestDisposeFailsWaitersAndLeavesNothingRunning(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 1})
	if _, err := h.run.Run(h.within(time.Minute), req(0, "")); err != nil {
		t.Fatal(err)
	}
	queued := h.start(h.within(5*time.Minute), h.run, qA)
	waitParked(t, h.reg, 1)
	follower := h.start(h.within(5*time.Minute), h.run, qA)
	waitParked(t, h.reg, 2)
	h.run.Dispose()
	for name, ch := range map[string]<-chan outcome{"queued": queued, "coalesced": follower} {
		if o := get(t, ch); !errors.Is(o.err, ErrDisposed) {
			t.Errorf("%s request: %v, want ErrDisposed", name, o.err)
		}
	}
	if n := h.clock.pending(); n != 0 {
		t.Errorf("%d clock timers still armed after Dispose", n)
	}
	if _, err := h.run.Run(h.within(time.Minute), qA); !errors.Is(err, ErrDisposed) {
		t.Errorf("Run after Dispose: %v, want ErrDisposed", err)
	}
	h.run.Dispose() // twice is fine
}

func TestNoGoroutineLeaksOnTheWallClock(t *testing.T) {
	before := runtime.NumGoroutine()
	reg := NewRegistry()
	api := hunting.RunnerFunc(func(_ context.Context, req hunting.Request) (*hunting.Result, error) { return rowsFor(req), nil })
	run := reg.Runner(api, Config{Tenant: "t", CallsPerMinute: 1})
	if _, err := run.Run(context.Background(), req(0, "")); err != nil {
		t.Fatal(err)
	}
	// Over budget with short deadlines: fail fast (deadline before the minute frees) or wait then give up.
	for i := 1; i <= 3; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		_, err := run.Run(ctx, req(i, ""))
		cancel()
		if !errors.As(err, new(*BudgetError)) {
			t.Fatalf("request %d: %v, want *BudgetError", i, err)
		}
	}
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // waits for the minute to free up
		defer cancel()
		_, err := run.Run(ctx, req(9, ""))
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	run.Dispose()
	if err := <-done; !errors.Is(err, ErrDisposed) {
		t.Fatalf("waiting request after Dispose: %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines before, %d after Dispose", before, runtime.NumGoroutine())
		}
		time.Sleep(5 * time.Millisecond)
	}
}
