package quota

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

var (
	from = t0.Add(-time.Hour)
	to   = t0
	qA   = hunting.Request{Query: "DeviceEvents | take 10", From: from, To: to}
)

func TestCacheHitsWithinTTLAndMissesAfter(t *testing.T) {
	tests := []struct {
		name      string
		ttl       time.Duration
		after     time.Duration
		wantCache string
		wantCalls int
	}{
		{name: "within TTL", ttl: time.Minute, after: 59 * time.Second, wantCache: CacheHit, wantCalls: 1},
		{name: "at TTL", ttl: time.Minute, after: time.Minute, wantCache: CacheMiss, wantCalls: 2},
		{name: "negative TTL never hits", ttl: -1, after: time.Second, wantCache: CacheMiss, wantCalls: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{CacheTTL: tc.ttl})
			first, err := h.run.Run(h.within(30*time.Second), qA)
			if err != nil || first.Cache != CacheMiss {
				t.Fatalf("first run: cache %q, err %v; want miss", first.Cache, err)
			}
			h.clock.Advance(tc.after)
			second, err := h.run.Run(h.within(30*time.Second), qA)
			if err != nil {
				t.Fatal(err)
			}
			if second.Cache != tc.wantCache || h.api.count() != tc.wantCalls {
				t.Errorf("second run: cache %q after %d calls; want %q after %d", second.Cache, h.api.count(), tc.wantCache, tc.wantCalls)
			}
		})
	}
}

func TestCacheReturnsCopiesNotTheStoredResult(t *testing.T) {
	h := newHarness(t, Config{})
	first, err := h.run.Run(h.within(30*time.Second), qA)
	if err != nil {
		t.Fatal(err)
	}
	first.Notices = append(first.Notices, data.Notice{Text: "added by a caller"})
	first.Cache = "tampered"
	second, err := h.run.Run(h.within(30*time.Second), qA)
	if err != nil {
		t.Fatal(err)
	}
	if second == first || second.Cache != CacheHit || len(second.Notices) != 0 {
		t.Errorf("hit = %+v; want a fresh struct marked hit without the first caller's notice", second)
	}
	if second.Frame != first.Frame {
		t.Error("hit should share the read-only frame instead of copying rows")
	}
}

func TestCacheKeyIncludesRangeAndQuery(t *testing.T) {
	tests := []struct {
		name string
		req  hunting.Request
		want string
	}{
		{name: "same request", req: qA, want: CacheHit},
		{name: "other query", req: hunting.Request{Query: "DeviceEvents | take 11", From: from, To: to}, want: CacheMiss},
		{name: "other range", req: hunting.Request{Query: qA.Query, From: from.Add(time.Minute), To: to.Add(time.Minute)}, want: CacheMiss},
		{name: "other identity", req: hunting.Request{Query: qA.Query, From: from, To: to, Identity: "x@contoso.example"}, want: CacheMiss},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			if _, err := h.run.Run(h.within(30*time.Second), qA); err != nil {
				t.Fatal(err)
			}
			got, err := h.run.Run(h.within(30*time.Second), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Cache != tc.want {
				t.Errorf("cache = %q, want %q", got.Cache, tc.want)
			}
		})
	}
}

// TestOneIdentityNeverGetsAnothersRows is the isolation proof: in current-user mode two users run the
// same query; each gets rows computed for them, fresh, coalesced and stale-while-throttled alike.
func TestOneIdentityNeverGetsAnothersRows(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 2, CallsPerHour: 100})
	alice := hunting.Request{Query: qA.Query, From: from, To: to, Identity: "analyst@contoso.example"}
	bob := hunting.Request{Query: qA.Query, From: from, To: to, Identity: "helpdesk@contoso.example"}
	// Identities crafted to collide if the key were a plain concatenation.
	evil := hunting.Request{Query: "x|" + qA.Query, From: from, To: to, Identity: "analyst@contoso.example|"}

	for _, tc := range []struct {
		name string
		req  hunting.Request
	}{{"alice", alice}, {"bob", bob}, {"alice again (hit)", alice}, {"bob again (hit)", bob}} {
		res, err := h.run.Run(h.within(30*time.Second), tc.req)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := owner(t, res); got != tc.req.Identity {
			t.Fatalf("%s received rows computed for %q", tc.name, got)
		}
	}
	if keyFor("graph", evil).id == keyFor("graph", alice).id || keyFor("graph", evil).shape == keyFor("graph", alice).shape {
		t.Fatal("crafted identity collides with another identity's cache key")
	}
	// Budget spent (2 per minute): a new user with nothing cached must get an error, not Alice's rows.
	carol := bob
	carol.Identity = "carol@contoso.example"
	res, err := h.run.Run(h.within(10*time.Second), carol)
	var be *BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("carol got %+v, %v; want a *BudgetError", res, err)
	}
	// After the TTL, while the budget is spent, each user gets their own stale rows.
	h.clock.Advance(40 * time.Second)
	for _, req := range []hunting.Request{alice, bob} {
		req.From, req.To = req.From.Add(time.Minute), req.To.Add(time.Minute)
		res, err := h.run.Run(h.within(5*time.Second), req)
		if err != nil {
			t.Fatal(err)
		}
		if got := owner(t, res); got != req.Identity || len(res.Notices) != 1 {
			t.Fatalf("%s got stale rows of %q with notices %v", req.Identity, got, res.Notices)
		}
	}
}

func TestIdenticalInFlightRequestsShareOneCall(t *testing.T) {
	h := newHarness(t, Config{})
	release := make(chan struct{})
	h.api.script = func(_ int, req hunting.Request) (*hunting.Result, error) {
		<-release
		return rowsFor(req), nil
	}
	const n = 5
	var chans []<-chan outcome
	chans = append(chans, h.start(h.within(30*time.Second), h.run, qA))
	waitCalls(t, h.api, 1)
	for i := 1; i < n; i++ {
		chans = append(chans, h.start(h.within(30*time.Second), h.run, qA))
	}
	waitParked(t, h.reg, n-1)
	close(release)
	kinds := map[string]int{}
	var frame *data.Frame
	for _, ch := range chans {
		o := get(t, ch)
		if o.err != nil {
			t.Fatal(o.err)
		}
		kinds[o.res.Cache]++
		if frame != nil && o.res.Frame != frame {
			t.Error("coalesced requests should share the one frame")
		}
		frame = o.res.Frame
	}
	if h.api.count() != 1 || kinds[CacheMiss] != 1 || kinds[CacheShared] != n-1 {
		t.Errorf("calls %d, cache kinds %v; want 1 call, 1 miss, %d shared", h.api.count(), kinds, n-1)
	}
}

func TestFollowerRetriesWhenTheLeaderIsCancelled(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 1})
	if _, err := h.run.Run(h.within(time.Minute), hunting.Request{Query: "other"}); err != nil {
		t.Fatal(err)
	}
	leaderCtx, cancel := context.WithCancel(h.within(2 * time.Minute))
	leader := h.start(leaderCtx, h.run, qA)
	waitParked(t, h.reg, 1)
	follower := h.start(h.within(2*time.Minute), h.run, qA)
	waitParked(t, h.reg, 2)
	cancel()
	if o := get(t, leader); !errors.Is(o.err, context.Canceled) {
		t.Fatalf("leader: %v, want context.Canceled", o.err)
	}
	waitParked(t, h.reg, 1)
	h.clock.Advance(time.Minute)
	o := get(t, follower)
	if o.err != nil || o.res.Cache != CacheMiss {
		t.Fatalf("follower: %+v, %v; want its own call once the budget frees", o.res, o.err)
	}
}

func TestErrorsAreNotCachedAndPassThroughUnchanged(t *testing.T) {
	h := newHarness(t, Config{})
	apiErr := &hunting.APIError{Status: 400, Message: "Syntax error"}
	h.api.script = func(n int, req hunting.Request) (*hunting.Result, error) {
		if n == 0 {
			return nil, apiErr
		}
		return rowsFor(req), nil
	}
	if _, err := h.run.Run(h.within(30*time.Second), qA); !errors.Is(err, apiErr) {
		t.Fatalf("err = %v, want the API error unchanged", err)
	}
	res, err := h.run.Run(h.within(30*time.Second), qA)
	if err != nil || res.Cache != CacheMiss || h.api.count() != 2 {
		t.Fatalf("second run: %+v, %v after %d calls; want a fresh call", res, err, h.api.count())
	}
}

func TestRunWithoutClientIsAClearError(t *testing.T) {
	reg := NewRegistry(WithClock(newFakeClock(t0)))
	run := reg.Runner(nil, Config{Tenant: "t"})
	defer run.Dispose()
	_, err := run.Run(context.Background(), qA)
	if err == nil || !strings.Contains(err.Error(), "no hunting client") {
		t.Fatalf("err = %v, want a clear configuration error", err)
	}
}

func waitCalls(t *testing.T, api *fakeAPI, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for api.count() < n {
		if time.Now().After(deadline) {
			t.Fatalf("waited 5s for %d API calls, have %d", n, api.count())
		}
		time.Sleep(100 * time.Microsecond)
	}
}
