package quota

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// t0 is a fixed start five minutes past a quarter hour, so cycle boundaries are easy to state.
var t0 = time.Date(2026, 11, 27, 9, 5, 0, 0, time.UTC)

// fakeAPI records calls and answers them with a one-row frame naming the identity and query, or with
// what script returns for the n-th call (0-based).
type fakeAPI struct {
	clock  *fakeClock
	script func(n int, req hunting.Request) (*hunting.Result, error)

	mu    sync.Mutex
	calls []time.Time
	reqs  []hunting.Request
}

func (f *fakeAPI) Run(_ context.Context, req hunting.Request) (*hunting.Result, error) {
	f.mu.Lock()
	n := len(f.calls)
	f.calls = append(f.calls, f.clock.Now())
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.script != nil {
		return f.script(n, req)
	}
	return rowsFor(req), nil
}

func (f *fakeAPI) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func (f *fakeAPI) callTimes() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.calls...)
}

// rowsFor is the answer the API gives req: its rows name whom they were computed for.
func rowsFor(req hunting.Request) *hunting.Result {
	return &hunting.Result{Frame: data.NewFrame("",
		data.NewField("Owner", nil, []string{req.Identity}),
		data.NewField("Query", nil, []string{req.Query}))}
}

type harness struct {
	t     *testing.T
	clock *fakeClock
	reg   *Registry
	prom  *prometheus.Registry
	api   *fakeAPI
	run   *Runner
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	clk := newFakeClock(t0)
	prom := prometheus.NewRegistry()
	reg := NewRegistry(WithClock(clk), WithRegisterer(prom), WithJitterSeed(1), WithLogger(testLogger{t}))
	api := &fakeAPI{clock: clk}
	if cfg.Tenant == "" {
		cfg.Tenant = "tenant-a"
	}
	h := &harness{t: t, clock: clk, reg: reg, prom: prom, api: api, run: reg.Runner(api, cfg)}
	t.Cleanup(h.run.Dispose)
	return h
}

// testLogger sends debug lines to the test log (shown with -v or on failure).
type testLogger struct{ t testing.TB }

func (l testLogger) Debug(msg string, args ...any) {
	l.t.Helper()
	l.t.Log(append([]any{msg}, args...)...)
}

// fakeDeadline is a context whose deadline lives on the fake clock: only the quota layer's clock timers
// enforce it, never the wall clock.
type fakeDeadline struct {
	context.Context
	at time.Time
}

func (c fakeDeadline) Deadline() (time.Time, bool) { return c.at, true }

// within returns a context whose deadline is d from now on h's clock.
func (h *harness) within(d time.Duration) context.Context {
	return fakeDeadline{Context: context.Background(), at: h.clock.Now().Add(d)}
}

type outcome struct {
	res *hunting.Result
	err error
}

// start runs req in a goroutine; read the outcome from the channel.
func (h *harness) start(ctx context.Context, run *Runner, req hunting.Request) <-chan outcome {
	ch := make(chan outcome, 1)
	go func() {
		res, err := run.Run(ctx, req)
		ch <- outcome{res, err}
	}()
	return ch
}

// get waits (in real time, briefly) for an outcome.
func get(t *testing.T, ch <-chan outcome) outcome {
	t.Helper()
	select {
	case o := <-ch:
		return o
	case <-time.After(5 * time.Second):
		t.Fatal("request did not finish within 5s")
		return outcome{}
	}
}

func owner(t *testing.T, res *hunting.Result) string {
	t.Helper()
	if res == nil || res.Frame == nil || len(res.Frame.Fields) == 0 || res.Frame.Fields[0].Len() == 0 {
		t.Fatalf("result has no rows: %+v", res)
	}
	return res.Frame.Fields[0].At(0).(string)
}
