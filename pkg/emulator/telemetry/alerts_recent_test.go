package telemetry

import (
	"testing"
	"time"
)

// A dashboard's "last 24 hours" alert panel must have rows whatever the time of day the data was made at:
// the window here is the last 24 hours less the final hour, which the plugin's alignment can cut off.
func TestAlertsInEveryLastDay(t *testing.T) {
	base := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for _, hour := range []int{0, 5, 8, 11, 14, 17, 23} {
		now := base.Add(time.Duration(hour)*time.Hour + 7*time.Minute)
		cat, err := Generate(Options{Seed: 7, Devices: 30, Days: 7, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		ts := cat.Tables["AlertInfo"].Column("Timestamp")
		from, to := now.Add(-24*time.Hour).UnixNano(), now.Add(-time.Hour).UnixNano()
		found := 0
		for _, v := range ts.Int {
			if v >= from && v <= to {
				found++
			}
		}
		if found == 0 {
			t.Errorf("generated at %s: no AlertInfo row between now-24h and now-1h", now.Format(time.RFC3339))
		}
	}
}
