package quota

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

func TestCallLogFreeAt(t *testing.T) {
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tests := []struct {
		name    string
		in      []int // grant times, seconds after t0
		now     int
		allowed int
		want    time.Time
	}{
		{name: "empty", in: nil, now: 0, allowed: 3, want: at(0)},
		{name: "room left", in: []int{0, 1}, now: 2, allowed: 3, want: at(2)},
		{name: "full: oldest expires", in: []int{0, 1, 2}, now: 3, allowed: 3, want: at(60)},
		{name: "over reserve: two must expire", in: []int{0, 1, 2}, now: 3, allowed: 2, want: at(61)},
		{name: "old calls left the window", in: []int{0, 1, 2}, now: 61, allowed: 2, want: at(61)},
		{name: "no capacity at all", in: []int{0}, now: 1, allowed: 0, want: at(61)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l callLog
			for _, s := range tc.in {
				l.record(at(s))
			}
			if got := l.freeAt(at(tc.now), time.Minute, tc.allowed); !got.Equal(tc.want) {
				t.Errorf("freeAt = %s, want %s", got.Sub(t0), tc.want.Sub(t0))
			}
		})
	}
}

func TestRequestsOverBudgetWaitInsteadOfFailing(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 5, CallsPerHour: 100})
	for i := range 4 { // 5 per minute keeps 1 for alerts: dashboards get 4
		if _, err := h.run.Run(h.within(30*time.Second), req(i, "")); err != nil {
			t.Fatal(err)
		}
	}
	waiting := h.start(h.within(90*time.Second), h.run, req(4, ""))
	waitParked(t, h.reg, 1)
	h.clock.Advance(59 * time.Second)
	if h.reg.parked.value() != 1 {
		t.Fatalf("request granted before the minute freed up")
	}
	h.clock.Advance(time.Second)
	if o := get(t, waiting); o.err != nil {
		t.Fatal(o.err)
	}
	if got := h.api.callTimes()[4].Sub(t0); got != time.Minute {
		t.Errorf("queued call made at +%s, want +1m0s", got)
	}
}

func TestRequestThatCannotBeServedBeforeItsDeadlineFailsAtOnce(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 5, CallsPerHour: 100})
	for i := range 4 {
		if _, err := h.run.Run(h.within(30*time.Second), req(i, "")); err != nil {
			t.Fatal(err)
		}
	}
	_, err := h.run.Run(h.within(30*time.Second), req(9, ""))
	var be *BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BudgetError", err)
	}
	for _, want := range []string{"tenant-a", "spent", "5 calls per minute, 1 of them kept for alert rules", "frees up at 09:06:00 UTC", "(in 1m0s)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if be.Throttled || !be.FreesAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("BudgetError = %+v", be)
	}
}

func TestAlertRulesKeepTheirReserveAndJumpTheQueue(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 5, CallsPerHour: 1000})
	for i := range 4 { // 5 per minute, 1 reserved: dashboards saturate at 4, one call a second
		if _, err := h.run.Run(h.within(30*time.Second), req(i, "")); err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(time.Second)
	}
	dash := h.start(h.within(3*time.Minute), h.run, req(100, ""))
	waitParked(t, h.reg, 1)
	alert := req(200, "")
	alert.FromAlert = true
	res, err := h.run.Run(h.within(30*time.Second), alert)
	if err != nil || res.Cache != CacheMiss {
		t.Fatalf("alert: %v, %v; want an immediate call from the reserve", res, err)
	}
	// The window is now full for everybody: a second alert queues behind the dashboard request ...
	h.clock.Advance(time.Second)
	alert2 := req(201, "")
	alert2.FromAlert = true
	second := h.start(h.within(3*time.Minute), h.run, alert2)
	waitParked(t, h.reg, 2)
	// ... and is served first when the oldest call leaves the window; the dashboard only when two more
	// have left it, because both alerts count against the dashboards' share.
	h.clock.Advance(55 * time.Second)
	waitCalls(t, h.api, 6)
	h.clock.Advance(time.Second)
	if h.reg.parked.value() != 1 {
		t.Fatal("dashboard request granted while the window holds the dashboards' full share")
	}
	h.clock.Advance(time.Second)
	waitCalls(t, h.api, 7)
	get(t, second)
	get(t, dash)
	at := map[string]time.Duration{}
	for i, r := range h.api.reqs {
		at[r.Query] = h.api.calls[i].Sub(t0)
	}
	if at[alert2.Query] != time.Minute || at[req(100, "").Query] != time.Minute+2*time.Second {
		t.Errorf("alert called at +%s, dashboard at +%s; want the alert first at +1m0s", at[alert2.Query], at[req(100, "").Query])
	}
}

func TestQueueIsRoundRobinAcrossIdentities(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 1, CallsPerHour: 1000})
	if _, err := h.run.Run(h.within(time.Minute), req(0, "alice")); err != nil {
		t.Fatal(err)
	}
	var chans []<-chan outcome
	for i := 1; i <= 3; i++ { // Alice's dashboard queues three panels ...
		chans = append(chans, h.start(h.within(10*time.Minute), h.run, req(i, "alice")))
		waitParked(t, h.reg, i)
	}
	chans = append(chans, h.start(h.within(10*time.Minute), h.run, req(4, "bob"))) // ... then Bob one.
	waitParked(t, h.reg, 4)
	for i := range 4 {
		h.clock.Advance(time.Minute)
		waitCalls(t, h.api, i+2)
	}
	for _, ch := range chans {
		if o := get(t, ch); o.err != nil {
			t.Fatal(o.err)
		}
	}
	var order []string
	for _, r := range h.api.reqs[1:] {
		order = append(order, r.Identity)
	}
	if got := strings.Join(order, ","); got != "alice,bob,alice,alice" {
		t.Errorf("served %s; want bob second, not behind all of alice's panels", got)
	}
}

func TestStrictestConfigurationOfASharedBudgetWins(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 45})
	other := h.reg.Runner(h.api, Config{Tenant: "tenant-a", CallsPerMinute: 3})
	stranger := h.reg.Runner(h.api, Config{Tenant: "tenant-b", CallsPerMinute: 3})
	defer stranger.Dispose()
	for i := range 3 {
		if _, err := h.run.Run(h.within(30*time.Second), req(i, "")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := other.Run(h.within(30*time.Second), req(3, "")); !errors.As(err, new(*BudgetError)) {
		t.Fatalf("4th call on a 3-per-minute shared budget: %v, want *BudgetError", err)
	}
	if _, err := stranger.Run(h.within(30*time.Second), req(3, "")); err != nil {
		t.Fatalf("another tenant's budget must be separate: %v", err)
	}
	other.Dispose()
	if _, err := h.run.Run(h.within(30*time.Second), req(4, "")); err != nil {
		t.Fatalf("after the strict runner is disposed the 45-per-minute setting applies: %v", err)
	}
}

func TestHourlyWindowAlsoLimits(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 100, CallsPerHour: 3})
	for i := range 3 {
		if _, err := h.run.Run(h.within(30*time.Second), req(i, "")); err != nil {
			t.Fatal(err)
		}
	}
	_, err := h.run.Run(h.within(30*time.Second), req(3, ""))
	var be *BudgetError
	if !errors.As(err, &be) || be.Quota != "calls per hour" || !be.FreesAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("err = %v, want the hourly quota freeing at +1h", err)
	}
}

// req is a distinct query per n for identity id.
func req(n int, id string) hunting.Request {
	return hunting.Request{Query: fmt.Sprintf("DeviceEvents | take %d", n), From: from, To: to, Identity: id}
}

func TestAlertDoesNotWaitBehindAnIdenticalDashboardQuery(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 5, CallsPerHour: 1000})
	for i := range 4 { // the dashboards' share of the minute is spent
		if _, err := h.run.Run(h.within(30*time.Second), req(i, "")); err != nil {
			t.Fatal(err)
		}
	}
	dash := h.start(h.within(2*time.Minute), h.run, qA)
	waitParked(t, h.reg, 1)
	alert := qA
	alert.FromAlert = true
	res, err := h.run.Run(h.within(30*time.Second), alert)
	if err != nil || res.Cache != CacheMiss {
		t.Fatalf("alert: %+v, %v; want its own call from the reserve, not a place behind the dashboard", res, err)
	}
	// The dashboard request keeps its place and is served when the minute frees up.
	h.clock.Advance(time.Minute)
	if o := get(t, dash); o.err != nil {
		t.Fatal(o.err)
	}
}

// The API counts a call when it arrives, after the token fetch and the connection: the budget counts a
// call from its end so that a slot it frees is free at the API too.
func TestSlowCallsOccupyTheWindowUntilTheyEnd(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 1, CallsPerHour: 1000})
	release := make(chan struct{})
	h.api.script = func(n int, req hunting.Request) (*hunting.Result, error) {
		if n == 0 {
			<-release
		}
		return rowsFor(req), nil
	}
	slow := h.start(h.within(time.Minute), h.run, req(0, ""))
	waitCalls(t, h.api, 1)
	h.clock.Advance(10 * time.Second) // the call takes 10 s
	close(release)
	get(t, slow)
	next := h.start(h.within(2*time.Minute), h.run, req(1, ""))
	waitParked(t, h.reg, 1)
	h.clock.AdvanceTo(t0.Add(time.Minute))
	if h.reg.parked.value() != 1 {
		t.Fatal("granted a minute after the slow call started; the API may still count it")
	}
	h.clock.AdvanceTo(t0.Add(70 * time.Second))
	if o := get(t, next); o.err != nil {
		t.Fatal(o.err)
	}
	if got := h.api.callTimes()[1].Sub(t0); got != 70*time.Second {
		t.Errorf("second call at +%s, want +1m10s", got)
	}
}
