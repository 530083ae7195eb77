package quota

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// The load simulation (issue 5, item 6): a dashboard of 12 panels (7 distinct queries) open by 10
// viewers refreshing every 30 s, plus 5 alert rules every minute, for 10 minutes of fake time, against
// the emulator with the 2026 limits (45 calls a minute, 1,500 an hour) driven by the same fake clock.
// Each scenario runs twice in the same test: through the quota layer and through a pass-through client
// (the baseline). Time is discrete: each simulated second the clock fires its timers, new requests
// start, and the simulation waits until every request is finished or parked on the clock.
const (
	simViewers      = 10
	simPanels       = 12
	simDistinct     = 7 // panels 7..11 repeat the queries of panels 0..4
	simRefresh      = 30 * time.Second
	simAlerts       = 5
	simAlertEvery   = time.Minute
	simPanelTimeout = 30 * time.Second
	simCacheTTL     = 30 * time.Second
	simBudget       = 45
)

// simDuration is the simulated time: 10 minutes, or 2 under the race detector (same targets).
func simDuration() time.Duration {
	if raceDetector {
		return 2 * time.Minute
	}
	return 10 * time.Minute
}

type simScenario struct {
	name string
	// perUser runs the dashboard in current-user mode: every viewer is an identity of its own, so
	// nothing is shared between viewers and the demand is 10x7 queries per refresh.
	perUser bool
	// limits is the emulator's limits profile ("" means 2026: 45 a minute, like the configured budget).
	limits string
	// burst, when positive, makes the emulator answer that many calls with 429 (no Retry-After) from
	// minute 3: another app in the tenant spending the quota.
	burst int
	// noBaseline skips the pass-through run (when it would repeat another scenario's baseline).
	noBaseline bool
}

// simulate runs one scenario, through the quota layer or straight to the client.
func simulate(t testing.TB, sc simScenario, withQuota bool) *simReport {
	t.Helper()
	start := time.Now().UTC().Truncate(time.Minute).Add(time.Minute)
	clk := newFakeClock(start)
	profile := sc.limits
	if profile == "" {
		profile = "2026"
	}
	emu := emulatortest.Start(t, emulatortest.WithLimits(profile), emulatortest.WithClock(clk))
	counter := &countingRunner{next: emulatorClient(t, emu)}
	var runner hunting.Runner = counter
	var reg *Registry
	rep := &simReport{mode: "pass-through"}
	if withQuota {
		reg = NewRegistry(WithClock(clk), WithJitterSeed(7))
		qr := reg.Runner(counter, Config{Tenant: emulator.DemoTenantID, Flavor: "graph",
			CallsPerMinute: simBudget, CallsPerHour: 1500, CacheTTL: simCacheTTL})
		defer qr.Dispose()
		runner = qr
		rep.mode = "quota"
	}

	var (
		mu       sync.Mutex
		answered = map[string]bool{}
		active   atomic.Int64
	)
	record := func(req hunting.Request, res *hunting.Result, err error, wait time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		rep.requests++
		rep.waits = append(rep.waits, wait)
		panel := req.Identity + "\x00" + req.Query
		var be *BudgetError
		switch {
		case err == nil && res.Cache == CacheHit && len(res.Notices) > 0:
			rep.stale++
		case err == nil && res.Cache == CacheHit:
			rep.ttlHits++
		case err == nil && res.Cache == CacheShared:
			rep.shared++
		case err == nil:
			rep.fresh++
		case errors.As(err, &be):
			rep.budgetErrs++
			if answered[panel] {
				rep.errsAfterAnswered++
			}
			if !strings.Contains(err.Error(), "frees up at") {
				rep.unclear++
			}
		case errors.As(err, new(*hunting.QuotaError)):
			rep.throttleErrs++
		default:
			rep.otherErrs++
			if rep.firstOther == nil {
				rep.firstOther = err
			}
		}
		if err == nil {
			answered[panel] = true
		} else if req.FromAlert {
			rep.alertErrs++
		}
	}
	launch := func(req hunting.Request) {
		active.Add(1)
		go func() {
			defer active.Add(-1)
			begin := clk.Now()
			ctx := fakeDeadline{Context: context.Background(), at: begin.Add(simPanelTimeout)}
			res, err := runner.Run(ctx, req)
			record(req, res, err, clk.Now().Sub(begin))
		}()
	}
	settle := func() {
		for {
			a := active.Load()
			p := 0
			if reg != nil {
				p = reg.parked.value()
			}
			if int64(p) == a {
				return
			}
			time.Sleep(20 * time.Microsecond)
		}
	}

	for s := time.Duration(0); s < simDuration(); s += time.Second {
		now := start.Add(s)
		clk.AdvanceTo(now)
		// The burst comes once every panel and alert rule has been answered (minute 3; minute 1 in the
		// shortened race run), so that every request has cached data to fall back on.
		if sc.burst > 0 && s == max(time.Minute, simDuration()*3/10) {
			if _, err := emu.Server.AddFaults(emulator.Fault{Kind: emulator.FaultThrottle, Count: sc.burst}); err != nil {
				t.Fatal(err)
			}
		}
		// Grafana aligns relative ranges to the query interval: one minute here.
		to := now.Truncate(time.Minute)
		for v := range simViewers {
			offset := time.Duration(v) * 3 * time.Second
			if s < offset || (s-offset)%simRefresh != 0 {
				continue
			}
			id := ""
			if sc.perUser {
				id = fmt.Sprintf("viewer%02d@contoso.example", v)
			}
			for p := range simPanels {
				launch(hunting.Request{Query: fmt.Sprintf("DeviceProcessEvents | take %d", p%simDistinct+1),
					From: to.Add(-6 * time.Hour), To: to, Identity: id})
			}
		}
		for a := range simAlerts {
			offset := time.Duration(a) * 12 * time.Second
			if s < offset || (s-offset)%simAlertEvery != 0 {
				continue
			}
			launch(hunting.Request{Query: fmt.Sprintf("DeviceProcessEvents | take %d", 20+a),
				From: to.Add(-5 * time.Minute), To: to, FromAlert: true})
		}
		settle()
	}
	for active.Load() > 0 { // let the last requests finish or time out
		clk.Advance(time.Second)
		settle()
	}
	rep.calls, rep.throttled = int(counter.calls.Load()), int(counter.throttle.Load())
	// The emulator counts injected 429s as faults.
	if st := emu.Server.Stats().Tenants[emulator.DemoTenantID]; st.Throttled+st.Faults != int64(rep.throttled) {
		t.Errorf("%s: the emulator counted %d 429s and %d faults, the client saw %d 429s", rep.mode, st.Throttled, st.Faults, rep.throttled)
	}
	return rep
}

func TestLoadSimulation(t *testing.T) {
	if testing.Short() {
		t.Skip("load simulation: about 10 s")
	}
	scenarios := []simScenario{
		{name: "fits the budget (shared app identity: 7 distinct queries x 2/min + 5 alerts = 19 calls/min)"},
		{name: "3x the budget (current-user mode: 10 users x 7 queries x 2/min + 5 alerts = 145 calls/min)", perUser: true},
		{name: "tenant quota below the setting (emulator -limits 2018: 15/min; data source says 45/min; 19 calls/min)", limits: "2018"},
		{name: "another app bursts (5 calls answered 429 without Retry-After from minute 3; 19 calls/min)", burst: 5, noBaseline: true},
	}
	for i, sc := range scenarios {
		t.Run(fmt.Sprintf("scenario%d", i+1), func(t *testing.T) {
			q := simulate(t, sc, true)
			base := &simReport{mode: "pass-through (skipped)"}
			// The baseline exercises no quota code, only HTTP, which the race detector slows tenfold.
			if !raceDetector && !sc.noBaseline {
				base = simulate(t, sc, false)
			}
			t.Logf("%s\n  %s\n  %s", sc.name, q, base)
			hist := map[time.Duration]int{}
			for _, w := range q.waits {
				hist[w.Truncate(5*time.Second)]++
			}
			t.Logf("waits: %v", hist)
			if q.otherErrs > 0 || q.unclear > 0 {
				t.Errorf("quota: %d unexpected errors (first: %v), %d budget errors without a reset time", q.otherErrs, q.firstOther, q.unclear)
			}
			if q.alertErrs > 0 {
				t.Errorf("quota: %d alert-rule queries failed; their reserved share should serve them", q.alertErrs)
			}
			if q.errsAfterAnswered > 0 {
				t.Errorf("quota: %d errors for panels answered before; they should get cached data with a notice", q.errsAfterAnswered)
			}
			switch {
			case sc.burst > 0:
				// Each injected 429 costs one call; back-off must not run into more, and panels keep
				// cached data with a notice meanwhile.
				if q.throttled != sc.burst || q.shown() > 0 {
					t.Errorf("quota with a burst of %d 429s: %d 429s, %d errors shown; want %d and none", sc.burst, q.throttled, q.shown(), sc.burst)
				}
			case sc.limits != "":
				// The first 429 teaches the budget the tenant's real limit; after that, no more.
				if q.throttled > 2 {
					t.Errorf("quota with a lower tenant limit: %d 429s, want the budget to adapt after the first", q.throttled)
				}
			case !sc.perUser:
				if q.throttled > 0 || q.shown() > 0 {
					t.Errorf("quota, demand within budget: %d 429s and %d errors shown, want none", q.throttled, q.shown())
				}
			case pct(q.throttled, q.calls) > 1:
				t.Errorf("quota at 3x: %.1f%% of calls answered 429, want at most 1%%", pct(q.throttled, q.calls))
			}
			if base.requests > 0 && (base.throttled == 0 || q.calls >= base.calls) {
				t.Errorf("baseline made %d calls with %d 429s, quota %d calls: the simulation does not load the API", base.calls, base.throttled, q.calls)
			}
		})
	}
}

// BenchmarkLoadSimulation reports the 3x scenario against its pass-through baseline, as ratios:
// go test -run '^$' -bench LoadSimulation -benchtime 1x ./pkg/quota/
func BenchmarkLoadSimulation(b *testing.B) {
	sc := simScenario{name: "3x", perUser: true}
	for b.Loop() {
		q := simulate(b, sc, true)
		base := simulate(b, sc, false)
		b.ReportMetric(float64(q.calls)/float64(base.calls), "calls/baseline-calls")
		b.ReportMetric(pct(q.throttled, q.calls), "%429-quota")
		b.ReportMetric(pct(base.throttled, base.calls), "%429-baseline")
		b.ReportMetric(float64(q.shown())/float64(max(base.shown(), 1)), "errors/baseline-errors")
		b.ReportMetric(q.hitRatio(), "hit-ratio")
		b.ReportMetric(q.p95().Seconds(), "p95-wait-s")
	}
}
