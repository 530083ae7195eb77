package quota

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

// quota429 is the *hunting.QuotaError the client builds from a 429 answer with message and Retry-After
// (0: no header), so the tests see exactly what the client reads from the text.
func quota429(t *testing.T, message string, retryAfter time.Duration) *hunting.QuotaError {
	t.Helper()
	h := http.Header{"Content-Type": {"application/json"}}
	if retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(int(retryAfter/time.Second)))
	}
	body := `{"error":{"code":"TooManyRequests","message":` + strconv.Quote(message) + `}}`
	var q *hunting.QuotaError
	if err := hunting.ErrorFromResponse(hunting.FlavorXDR, "", http.StatusTooManyRequests, h, strings.NewReader(body)); !errors.As(err, &q) {
		t.Fatalf("a 429 answer gave %v, want a *hunting.QuotaError", err)
	}
	return q
}

// throttleFirst answers the first n calls with q, then rows.
func throttleFirst(n int, q *hunting.QuotaError) func(int, hunting.Request) (*hunting.Result, error) {
	return func(i int, req hunting.Request) (*hunting.Result, error) {
		if i < n {
			return nil, q
		}
		return rowsFor(req), nil
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	h := newHarness(t, Config{})
	h.api.script = throttleFirst(1, &hunting.QuotaError{Quota: hunting.QuotaCallsPerMinute, RetryAfter: 10 * time.Second})
	ch := h.start(h.within(time.Minute), h.run, qA)
	waitParked(t, h.reg, 1)
	h.clock.Advance(9 * time.Second)
	if h.reg.parked.value() != 1 {
		t.Fatal("retried before Retry-After elapsed")
	}
	h.clock.Advance(time.Second)
	o := get(t, ch)
	if o.err != nil || o.res.Cache != CacheMiss {
		t.Fatalf("after Retry-After: %+v, %v", o.res, o.err)
	}
	if got := h.api.callTimes()[1].Sub(t0); got != 10*time.Second {
		t.Errorf("retry at +%s, want +10s", got)
	}
}

func TestRetriesAreBoundedByTheDeadline(t *testing.T) {
	h := newHarness(t, Config{})
	q := &hunting.QuotaError{Quota: hunting.QuotaCallsPerMinute, Limit: 45, Period: time.Minute, RetryAfter: 40 * time.Second}
	h.api.script = throttleFirst(100, q)
	_, err := h.run.Run(h.within(30*time.Second), qA)
	var be *BudgetError
	if !errors.As(err, &be) || !be.Throttled || !errors.Is(err, q) {
		t.Fatalf("err = %v; want a throttled *BudgetError wrapping the API's QuotaError", err)
	}
	if h.api.count() != 1 || !be.FreesAt.Equal(t0.Add(40*time.Second)) {
		t.Errorf("%d calls, frees at %s; want 1 call and the Retry-After instant", h.api.count(), be.FreesAt)
	}
	for _, want := range []string{"throttled tenant tenant-a", "calls per minute", "45 per 1m0s", "09:05:40 UTC", "Other apps"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestLimitReadFromThe429MessageAdaptsTheBudget(t *testing.T) {
	h := newHarness(t, Config{CallsPerMinute: 45})
	h.api.script = throttleFirst(1, quota429(t, "API calls quota exceeded! maximum allowed 3 per 00:01:00", time.Second))
	ch := h.start(h.within(time.Minute), h.run, req(0, ""))
	waitParked(t, h.reg, 1)
	h.clock.Advance(time.Second)
	if o := get(t, ch); o.err != nil {
		t.Fatal(o.err)
	}
	// Two calls spent (the 429 and its retry); the learned limit is 3, so one more fits this minute.
	if _, err := h.run.Run(h.within(10*time.Second), req(1, "")); err != nil {
		t.Fatal(err)
	}
	_, err := h.run.Run(h.within(10*time.Second), req(2, ""))
	var be *BudgetError
	if !errors.As(err, &be) || be.Limit != 3 || be.Quota != "calls per minute" {
		t.Fatalf("err = %v; want the adapted 3-per-minute budget spent", err)
	}
}

func TestCPUQuotaBacksOffToTheNextCycle(t *testing.T) {
	tests := []struct {
		name       string
		message    string
		retryAfter time.Duration
		wantErr    time.Time // FreesAt of the throttled request
	}{
		{name: "no cycle named: 15 minutes (XDR, Graph)", message: "CPU resources quota exceeded",
			wantErr: time.Date(2026, 11, 27, 9, 15, 0, 0, time.UTC)},
		{name: "cycle read from the message",
			message: "CPU resources quota exceeded! maximum allowed 00:10:00 of query running time per 01:00:00",
			wantErr: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)},
		{name: "Retry-After wins", message: "CPU resources quota exceeded! maximum allowed 00:10:00 of query running time per 01:00:00",
			retryAfter: 7 * time.Minute, wantErr: t0.Add(7 * time.Minute)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.api.script = throttleFirst(1, quota429(t, tc.message, tc.retryAfter))
			_, err := h.run.Run(h.within(30*time.Second), qA)
			var be *BudgetError
			if !errors.As(err, &be) || be.Quota != hunting.QuotaCPU || !be.FreesAt.Equal(tc.wantErr) {
				t.Fatalf("err = %v; want the CPU quota freeing at %s", err, tc.wantErr.Format("15:04"))
			}
			// Everybody on the tenant waits for the cycle, not just the request that was throttled.
			if _, err := h.run.Run(h.within(time.Minute), req(1, "")); !errors.As(err, &be) || !be.Throttled {
				t.Fatalf("next request: %v; want it held back until the cycle", err)
			}
			h.clock.AdvanceTo(tc.wantErr)
			if _, err := h.run.Run(h.within(time.Minute), req(1, "")); err != nil {
				t.Fatalf("after the cycle: %v", err)
			}
		})
	}
}

func TestBackOffIsExponentialWithJitter(t *testing.T) {
	h := newHarness(t, Config{})
	h.api.script = throttleFirst(3, &hunting.QuotaError{Quota: hunting.QuotaUnknown})
	ch := h.start(h.within(5*time.Minute), h.run, qA)
	// Step the clock in 100 ms ticks, each time once the request is parked again (or done).
	for steps := 0; len(ch) == 0; steps++ {
		if steps > 1000 {
			t.Fatal("no answer after 100 s of fake time")
		}
		deadline := time.Now().Add(5 * time.Second)
		for h.reg.parked.value() != 1 && len(ch) == 0 {
			if time.Now().After(deadline) {
				t.Fatal("request neither parked nor finished within 5s")
			}
			time.Sleep(100 * time.Microsecond)
		}
		if len(ch) == 0 {
			h.clock.Advance(100 * time.Millisecond)
		}
	}
	if o := get(t, ch); o.err != nil {
		t.Fatal(o.err)
	}
	times := h.api.callTimes()
	for i, lim := range []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second} {
		gap := times[i+1].Sub(times[i])
		if gap < lim/2 || gap >= lim+100*time.Millisecond {
			t.Errorf("back-off %d = %s, want in [%s, %s)", i+1, gap, lim/2, lim)
		}
	}
}

func TestThrottledRequestsGetCachedDataWithItsAge(t *testing.T) {
	tests := []struct {
		name     string
		req      hunting.Request
		wantText string
	}{
		{name: "same range", req: qA, wantText: "Showing cached results from 2m0s ago: Microsoft Defender is throttling the tenant (calls per minute) until 09:12:00 UTC."},
		{name: "range moved on", req: hunting.Request{Query: qA.Query, From: from.Add(2 * time.Minute), To: to.Add(2 * time.Minute)},
			wantText: "Showing cached results from 2m0s ago, for an earlier time range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.api.script = func(i int, req hunting.Request) (*hunting.Result, error) {
				if i == 0 {
					return rowsFor(req), nil
				}
				return nil, &hunting.QuotaError{Quota: hunting.QuotaCallsPerMinute, RetryAfter: 5 * time.Minute}
			}
			if _, err := h.run.Run(h.within(30*time.Second), qA); err != nil {
				t.Fatal(err)
			}
			h.clock.Advance(2 * time.Minute)
			res, err := h.run.Run(h.within(30*time.Second), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Cache != CacheHit || len(res.Notices) != 1 || !strings.HasPrefix(res.Notices[0].Text, tc.wantText) {
				t.Fatalf("got cache %q, notices %+v; want a hit with notice %q", res.Cache, res.Notices, tc.wantText)
			}
		})
	}
}
