package emulator

import (
	"strings"
	"testing"
	"time"
)

func TestParseTimespan(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	d := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name, in         string
		wantFrom, wantTo time.Time
		wantErr          string
	}{
		{"start/end", "2026-03-01T00:00:00Z/2026-03-02T00:00:00Z", d("2026-03-01T00:00:00Z"), d("2026-03-02T00:00:00Z"), ""},
		{"fractions and offsets", "2026-03-01T01:00:00.5+01:00/2026-03-02T00:00:00.1234567Z", d("2026-03-01T00:00:00.5Z"), d("2026-03-02T00:00:00.1234567Z"), ""},
		{"no zone is UTC", "2026-03-01T00:00:00/2026-03-02", d("2026-03-01T00:00:00Z"), d("2026-03-02T00:00:00Z"), ""},
		{"P30D/end", "P30D/2026-03-02T00:00:00Z", d("2026-01-31T00:00:00Z"), d("2026-03-02T00:00:00Z"), ""},
		{"start/P30D", "2026-03-01T00:00:00Z/P1DT12H", d("2026-03-01T00:00:00Z"), d("2026-03-02T12:00:00Z"), ""},
		{"P30D", "P30D", d("2026-02-08T12:00:00Z"), now, ""},
		{"weeks and clock parts", "P1WT1H30M15.5S", now.Add(-7*24*time.Hour - time.Hour - 30*time.Minute - 15500*time.Millisecond), now, ""},
		{"calendar month", "P1M/2026-03-31T00:00:00Z", d("2026-03-03T00:00:00Z"), d("2026-03-31T00:00:00Z"), ""},
		{"start", "2026-03-09T00:00:00Z", d("2026-03-09T00:00:00Z"), now, ""},
		{"lower case", "p1d", d("2026-03-09T12:00:00Z"), now, ""},
		{"garbage", "yesterday", time.Time{}, time.Time{}, "not an ISO 8601 date-time"},
		{"empty duration", "P", time.Time{}, time.Time{}, "not an ISO 8601 duration"},
		{"dangling T", "P1DT", time.Time{}, time.Time{}, "not an ISO 8601 duration"},
		{"two durations", "P1D/P2D", time.Time{}, time.Time{}, "both sides are durations"},
		{"end before start", "2026-03-02T00:00:00Z/2026-03-01T00:00:00Z", time.Time{}, time.Time{}, "is before start"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, to, err := parseTimespan(tc.in, now)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "P30D/end") {
					t.Fatalf("err = %v, want %q and the accepted forms", err, tc.wantErr)
				}
				return
			}
			if err != nil || !from.Equal(tc.wantFrom) || !to.Equal(tc.wantTo) {
				t.Fatalf("got %v / %v (%v), want %v / %v", from, to, err, tc.wantFrom, tc.wantTo)
			}
		})
	}
}
