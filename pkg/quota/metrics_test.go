package quota

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

func TestMetricsCountEveryDecision(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 10})
	h.api.script = throttleFirst(1, &hunting.QuotaError{Quota: hunting.QuotaCallsPerMinute, RetryAfter: time.Second})
	ch := h.start(h.within(time.Minute), h.run, qA)
	waitParked(t, h.reg, 1)
	h.clock.Advance(time.Second)
	get(t, ch)
	if _, err := h.run.Run(h.within(time.Minute), qA); err != nil { // fresh hit
		t.Fatal(err)
	}
	tests := []struct {
		name string
		c    prometheus.Collector
		want float64
	}{
		{"calls", h.reg.metrics.calls.WithLabelValues("tenant-a", "graph"), 2},
		{"429s", h.reg.metrics.throttled.WithLabelValues("tenant-a", "graph", "calls per minute"), 1},
		{"fresh hits", h.reg.metrics.cache.WithLabelValues("tenant-a", "graph", "fresh"), 1},
	}
	for _, tc := range tests {
		if got := testutil.ToFloat64(tc.c); got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, got, tc.want)
		}
	}
	if n := testutil.CollectAndCount(h.reg.metrics.queueWait); n != 1 {
		t.Errorf("queue wait histogram series = %d, want 1", n)
	}
	// 10 per minute, 2 used, minute window: 8 left; the hour: 1500-2.
	want := map[string]float64{"calls per minute": 8, "calls per hour": 1498}
	mfs, err := h.prom.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		if mf.GetName() != "quarry_quota_budget_remaining" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "window" {
					got[l.GetValue()] = m.GetGauge().GetValue()
				}
			}
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("budget remaining %q = %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
}

func TestTwoRegistriesOnOneRegistererDoNotPanic(t *testing.T) {
	prom := prometheus.NewRegistry()
	a := NewRegistry(WithRegisterer(prom), WithClock(newFakeClock(t0)))
	b := NewRegistry(WithRegisterer(prom), WithClock(newFakeClock(t0)))
	api := hunting.RunnerFunc(func(_ context.Context, req hunting.Request) (*hunting.Result, error) { return rowsFor(req), nil })
	ra, rb := a.Runner(api, Config{Tenant: "x"}), b.Runner(api, Config{Tenant: "x"})
	defer ra.Dispose()
	defer rb.Dispose()
	for _, r := range []*Runner{ra, rb} {
		if _, err := r.Run(context.Background(), qA); err != nil {
			t.Fatal(err)
		}
	}
	if got := testutil.ToFloat64(a.metrics.calls.WithLabelValues("x", "graph")); got != 2 {
		t.Errorf("shared counter = %v, want 2", got)
	}
}
