package emulator_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

var start = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

const mdeRun = "/api/advancedqueries/run"

func TestCallBudgets(t *testing.T) {
	tests := []struct {
		name        string
		limits      emulator.Limits
		calls       int
		wantMessage string
		wantRetry   string
		advance     time.Duration
	}{
		{"2026 per minute", mustLimits(t, "2026"), 45, "API calls quota exceeded! maximum allowed 45 per 00:01:00", "60", time.Minute},
		{"2018 per minute", mustLimits(t, "2018"), 15, "API calls quota exceeded! maximum allowed 15 per 00:01:00", "60", time.Minute},
		{"per hour", emulator.Limits{Profile: "test", CallsPerHour: 5}, 5, "API calls quota exceeded! maximum allowed 5 per 01:00:00", "3600", time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := emulatortest.NewFakeClock(start)
			emu := emulatortest.Start(t, emulatortest.WithClock(clock), emulatortest.WithCustomLimits(tc.limits))
			tok := emu.AppToken(t, emulator.DemoReaderAppID, mdeScope)
			for i := 0; i < tc.calls; i++ {
				if status, _, b := emu.Call(t, "POST", mdeRun, tok, `{"Query":"DeviceProcessEvents | take 1"}`); status != 200 {
					t.Fatalf("call %d: %d %s", i+1, status, b)
				}
			}
			status, hdr, b := emu.Call(t, "POST", mdeRun, tok, `{"Query":"DeviceProcessEvents | take 1"}`)
			e := decodeError(t, b)
			if status != 429 || e.Error.Code != "429" || e.Error.Message != tc.wantMessage || hdr.Get("Retry-After") != tc.wantRetry {
				t.Fatalf("call %d: %d %s Retry-After %q; want 429 %q Retry-After %s", tc.calls+1, status, b, hdr.Get("Retry-After"), tc.wantMessage, tc.wantRetry)
			}
			clock.Advance(tc.advance)
			if status, _, b := emu.Call(t, "POST", mdeRun, tok, `{"Query":"DeviceProcessEvents | take 1"}`); status != 200 {
				t.Fatalf("after the window passed: %d %s", status, b)
			}
			if got := emu.Server.Stats().Tenants[emulator.DemoTenantID]; got.Throttled != 1 || got.Calls != int64(tc.calls+2) {
				t.Errorf("tenant stats %+v, want %d calls and 1 throttled", got, tc.calls+2)
			}
		})
	}
}

func mustLimits(t *testing.T, profile string) emulator.Limits {
	t.Helper()
	l, err := emulator.LimitsFor(profile)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestCPUBudgetChargesScaledEngineTime(t *testing.T) {
	clock := emulatortest.NewFakeClock(start)
	inner := emulatortest.TableEngine{Catalog: emulatortest.SmallCatalog(start)}
	// Each query takes one second on the emulator's clock; with CPU scale 240 it costs four minutes.
	slow := emulatortest.EngineFunc(func(ctx context.Context, q dataset.Query) (*dataset.Table, error) {
		clock.Advance(time.Second)
		return inner.Run(ctx, q)
	})
	emu := emulatortest.Start(t, emulatortest.WithClock(clock), emulatortest.WithEngine(slow),
		emulatortest.WithCustomLimits(emulator.Limits{Profile: "test", CPUPerHour: 10 * time.Minute, CPUPerDay: time.Hour}),
		emulatortest.WithConfig(func(c *emulator.Config) { c.CPUScale = 240 }))
	tok := emu.AppToken(t, emulator.DemoReaderAppID, xdrScope)
	for i := 0; i < 3; i++ { // 0, 4 and 8 minutes used before each: all admitted
		if status, _, b := emu.Call(t, "POST", "/api/advancedhunting/run", tok, `{"Query":"DeviceProcessEvents"}`); status != 200 {
			t.Fatalf("call %d: %d %s", i+1, status, b)
		}
	}
	status, hdr, b := emu.Call(t, "POST", "/api/advancedhunting/run", tok, `{"Query":"DeviceProcessEvents"}`)
	e := decodeError(t, b)
	if status != 429 || !strings.HasPrefix(e.Error.Message, "CPU resources quota exceeded! maximum allowed 00:10:00 of query running time per 01:00:00") ||
		hdr.Get("Retry-After") == "" {
		t.Fatalf("4th call: %d %s, want the hourly CPU 429 with Retry-After", status, b)
	}
	if got := emu.Server.Stats().Apps[emulator.DemoReaderAppID].CPUSeconds; got != 720 {
		t.Errorf("app CPU seconds %v, want 720 (3 x 240)", got)
	}
	clock.Advance(time.Hour)
	if status, _, b := emu.Call(t, "POST", "/api/advancedhunting/run", tok, `{"Query":"DeviceProcessEvents"}`); status != 200 {
		t.Fatalf("an hour later: %d %s", status, b)
	}
}

func TestRowCapDataWindowAndTimespan(t *testing.T) {
	clock := emulatortest.NewFakeClock(start)
	eng := newRecordingEngine(start)
	emu := emulatortest.Start(t, emulatortest.WithClock(clock), emulatortest.WithEngine(eng), emulatortest.WithLimits("2018"))
	tok := emu.AppToken(t, emulator.DemoReaderAppID, graphScope)
	window := start.AddDate(0, 0, -30)
	tests := []struct {
		name, timespan string
		wantFrom       time.Time
		wantTo         time.Time
	}{
		{"no timespan: the 30-day window", "", window, time.Time{}},
		{"start/end", "2026-03-08T00:00:00Z/2026-03-09T00:00:00Z", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)},
		{"duration/end", "P1D/2026-03-09T00:00:00Z", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)},
		{"start/duration", "2026-03-08T00:00:00Z/PT6H", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 8, 6, 0, 0, 0, time.UTC)},
		{"duration", "P2D", start.AddDate(0, 0, -2), start},
		{"start", "2026-03-09T00:00:00Z", time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), start},
		{"older than the window is clamped", "P90D", window, start},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := `{"Query":"DeviceProcessEvents"}`
			if tc.timespan != "" {
				body = `{"Query":"DeviceProcessEvents","Timespan":"` + tc.timespan + `"}`
			}
			if status, _, b := emu.Call(t, "POST", "/v1.0/security/runHuntingQuery", tok, body); status != 200 {
				t.Fatalf("%d %s", status, b)
			}
			q := eng.lastQuery(t)
			if !q.From.Equal(tc.wantFrom) || !q.To.Equal(tc.wantTo) || q.MaxRows != 10000 || !q.Now.Equal(start) || q.DeviceGroups != nil {
				t.Fatalf("query From %v To %v MaxRows %d Now %v groups %v; want From %v To %v MaxRows 10000 Now %v, no groups",
					q.From, q.To, q.MaxRows, q.Now, q.DeviceGroups, tc.wantFrom, tc.wantTo, start)
			}
		})
	}
}

func TestRowCapIsSilent(t *testing.T) {
	emu := emulatortest.Start(t, emulatortest.WithCustomLimits(emulator.Limits{Profile: "test", MaxRows: 2}))
	status, _, b := emu.Call(t, "POST", mdeRun, emu.AppToken(t, emulator.DemoReaderAppID, mdeScope), `{"Query":"DeviceProcessEvents"}`)
	if status != 200 || strings.Count(string(b), `"Timestamp":`) != 2 {
		t.Fatalf("%d %s, want 200 with exactly 2 rows", status, b)
	}
}

func TestResultSizeCap(t *testing.T) {
	emu := emulatortest.Start(t, emulatortest.WithCustomLimits(emulator.Limits{Profile: "test", MaxResultBytes: 2000}))
	tok := emu.AppToken(t, emulator.DemoReaderAppID, mdeScope)
	if status, _, b := emu.Call(t, "POST", mdeRun, tok, `{"Query":"DeviceProcessEvents | take 1"}`); status != 200 {
		t.Fatalf("a small result: %d %s", status, b)
	}
	status, _, b := emu.Call(t, "POST", mdeRun, tok, `{"Query":"DeviceProcessEvents"}`)
	if e := decodeError(t, b); status != 400 || !strings.HasPrefix(e.Error.Message, "Query execution has exceeded the allowed result size.") {
		t.Fatalf("%d %s, want 400 result size", status, b)
	}
}

func TestPerRequestTimeout(t *testing.T) {
	tests := []struct {
		name, method, path, scope string
		limit                     time.Duration
		wantStatus                int
		wantCode                  string
	}{
		{"graph answers 504 after 3 min", "POST", "/v1.0/security/runHuntingQuery", graphScope, 3 * time.Minute, http.StatusGatewayTimeout, "UnknownError"},
		{"mde answers 400 after 200 s", "POST", mdeRun, mdeScope, 200 * time.Second, http.StatusBadRequest, "BadRequest"},
		{"mde old GET answers 400 after 200 s", "GET", "/api/advancedqueries?key=DeviceProcessEvents", mdeScope, 200 * time.Second, http.StatusBadRequest, "BadRequest"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := emulatortest.NewFakeClock(start)
			blocked := emulatortest.EngineFunc(func(ctx context.Context, q dataset.Query) (*dataset.Table, error) {
				<-ctx.Done()
				return nil, ctx.Err()
			})
			emu := emulatortest.Start(t, emulatortest.WithClock(clock), emulatortest.WithEngine(blocked))
			tok := emu.AppToken(t, emulator.DemoReaderAppID, tc.scope)
			type answer struct {
				status int
				body   []byte
			}
			got := make(chan answer, 1)
			go func() {
				status, _, b := emu.Call(t, tc.method, tc.path, tok, `{"Query":"DeviceProcessEvents"}`)
				got <- answer{status, b}
			}()
			waitPending(t, clock)
			clock.Advance(tc.limit - time.Second)
			select {
			case a := <-got:
				t.Fatalf("answered %d %s a second before the %s limit", a.status, a.body, tc.limit)
			case <-time.After(50 * time.Millisecond):
			}
			clock.Advance(time.Second)
			var a answer
			select {
			case a = <-got:
			case <-time.After(10 * time.Second):
				t.Fatal("the request did not end when its time limit passed")
			}
			if e := decodeError(t, a.body); a.status != tc.wantStatus || e.Error.Code != tc.wantCode {
				t.Fatalf("%d %s, want %d %s", a.status, a.body, tc.wantStatus, tc.wantCode)
			}
		})
	}
}

// waitPending waits until a request armed a timer on clock.
func waitPending(t *testing.T, clock *emulatortest.FakeClock) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for clock.Pending() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no request is waiting on the clock")
		}
		time.Sleep(time.Millisecond)
	}
}
