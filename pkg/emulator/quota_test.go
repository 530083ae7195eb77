package emulator

import (
	"strings"
	"testing"
	"time"
)

func TestCallBudgetRetryAfterCountsFromTheOldestCallInTheWindow(t *testing.T) {
	q := newQuotas(Limits{CallsPerMinute: 3})
	t0 := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	for _, at := range []time.Duration{0, 20 * time.Second, 40 * time.Second} {
		if aerr := q.admit("t", t0.Add(at)); aerr != nil {
			t.Fatalf("call at +%v: %v", at, aerr)
		}
	}
	aerr := q.admit("t", t0.Add(50*time.Second))
	if aerr == nil || aerr.RetryAfter != 10*time.Second {
		t.Fatalf("4th call: %+v, want 429 retrying after 10s (when the first call leaves the minute)", aerr)
	}
	if aerr := q.admit("other", t0.Add(50*time.Second)); aerr != nil {
		t.Fatalf("another tenant was throttled: %v", aerr)
	}
	if aerr := q.admit("t", t0.Add(61*time.Second)); aerr != nil {
		t.Fatalf("after the first call left the window: %v", aerr)
	}
}

func TestCPUBudget(t *testing.T) {
	tests := []struct {
		name      string
		charges   [][2]time.Duration // {offset from t0, CPU}
		at        time.Duration
		wantRetry time.Duration // 0 = admitted
		wantText  string
	}{
		{"under the hour budget", [][2]time.Duration{{0, 4 * time.Minute}, {time.Minute, 5 * time.Minute}}, 3 * time.Minute, 0, ""},
		{"hour budget reached", [][2]time.Duration{{0, 4 * time.Minute}, {time.Minute, 6 * time.Minute}}, 3 * time.Minute, 57 * time.Minute,
			"maximum allowed 00:10:00 of query running time per 01:00:00; quota renews in 00:57:00"},
		{"frees when the first charge leaves the hour", [][2]time.Duration{{0, 4 * time.Minute}, {time.Minute, 6 * time.Minute}}, 61 * time.Minute, 0, ""},
		{"day budget", [][2]time.Duration{{0, 9 * time.Minute}, {time.Hour, 9 * time.Minute}, {2 * time.Hour, 3 * time.Minute}}, 2*time.Hour + time.Minute,
			21*time.Hour + 59*time.Minute, "maximum allowed 00:20:00 of query running time per 1.00:00:00; quota renews in 21:59:00"},
	}
	t0 := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := newQuotas(Limits{CPUPerHour: 10 * time.Minute, CPUPerDay: 20 * time.Minute})
			for _, c := range tc.charges {
				q.charge("t", t0.Add(c[0]), c[1])
			}
			aerr := q.admit("t", t0.Add(tc.at))
			if tc.wantRetry == 0 {
				if aerr != nil {
					t.Fatalf("got %v, want admitted", aerr)
				}
				return
			}
			if aerr == nil || aerr.Status != 429 || aerr.RetryAfter != tc.wantRetry || !strings.Contains(aerr.Message, tc.wantText) {
				t.Fatalf("got %+v, want 429 retrying after %v", aerr, tc.wantRetry)
			}
		})
	}
}
