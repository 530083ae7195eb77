package emulator

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestAppendTimeSpan(t *testing.T) {
	tests := []struct {
		name string
		in   time.Duration
		want string
	}{
		{"zero", 0, "00:00:00"},
		{"seconds", 19*time.Second + 46875*time.Microsecond, "00:00:19.0468750"},
		{"ticks", 100 * time.Nanosecond, "00:00:00.0000001"},
		{"sub-tick truncated", 99 * time.Nanosecond, "00:00:00"},
		{"hours", 10*time.Hour + 5*time.Minute, "10:05:00"},
		{"days", 49*time.Hour + time.Second, "2.01:00:01"},
		{"negative", -90 * time.Minute, "-01:30:00"},
		{"minimum", time.Duration(math.MinInt64), "-106751.23:47:16.8547758"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(appendTimeSpan(nil, tc.in)); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAppendDateTimeHasSevenDigits(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"fixture value", time.Date(2020, 8, 30, 6, 38, 35, 766435600, time.UTC), "2020-08-30T06:38:35.7664356Z"},
		{"whole second", time.Date(2024, 2, 28, 4, 45, 11, 0, time.UTC), "2024-02-28T04:45:11.0000000Z"},
		{"one tick", time.Date(1999, 1, 2, 3, 4, 5, 100, time.UTC), "1999-01-02T03:04:05.0000001Z"},
		{"earliest", time.Unix(0, math.MinInt64), "1677-09-21T00:12:43.1452241Z"},
		{"latest", time.Unix(0, math.MaxInt64), "2262-04-11T23:47:16.8547758Z"},
		{"other zone becomes UTC", time.Date(2024, 2, 28, 5, 45, 11, 0, time.FixedZone("CET", 3600)), "2024-02-28T04:45:11.0000000Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(appendDateTime(nil, tc.in.UnixNano())); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	tests := []struct{ name, in string }{
		{"plain", "powershell.exe"},
		{"quotes and backslashes", `C:\Users\"ada"\AppData`},
		{"controls", "a\nb\rc\td\x00e\x1f"},
		{"unicode", "é✓😀"},
		{"html stays raw", "<script>&"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want) // the service's encoder does not escape HTML either
			enc.SetEscapeHTML(false)
			if err := enc.Encode(tc.in); err != nil {
				t.Fatal(err)
			}
			if got := string(appendJSONString(nil, tc.in)); got != strings.TrimSuffix(want.String(), "\n") {
				t.Fatalf("got %s, want %s as encoding/json writes it", got, want.String())
			}
		})
	}
	if got := string(appendJSONString(nil, "a\xffb")); got != `"a\ufffdb"` {
		t.Fatalf("invalid UTF-8 gave %s, want the replacement character", got)
	}
}

func TestAppendFloat(t *testing.T) {
	tests := []struct {
		name string
		in   float64
		want string
	}{
		{"integer", 3, "3"},
		{"fraction", 0.25, "0.25"},
		{"large", 1e21, "1e+21"},
		{"nan", math.NaN(), `"NaN"`},
		{"inf", math.Inf(1), `"Infinity"`},
		{"-inf", math.Inf(-1), `"-Infinity"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(appendFloat(nil, tc.in)); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}
