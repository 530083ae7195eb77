package kql

import (
	"strings"
	"testing"
	"time"
)

func TestExpandMacros(t *testing.T) {
	from := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	to := time.Date(2026, 11, 27, 8, 30, 15, 500_000_000, time.FixedZone("CET", 3600))
	mc := MacroContext{From: from, To: to, Interval: 5 * time.Minute}
	const rng = "(datetime(2026-11-20T08:00:00Z) .. datetime(2026-11-27T07:30:15.5Z))"
	tests := []struct {
		name    string
		in      string
		mc      *MacroContext
		want    string
		wantErr string
	}{
		{name: "no macros is untouched", in: "DeviceInfo | take 5", want: "DeviceInfo | take 5"},
		{name: "timeFilter with column", in: "T | where $__timeFilter(EventTime)", want: "T | where EventTime between " + rng},
		{name: "timeFilter bracketed column", in: "T | where $__timeFilter(['Event Time'])", want: "T | where ['Event Time'] between " + rng},
		{name: "timeFilter empty parens uses default column", in: "T | where $__timeFilter()", want: "T | where Timestamp between " + rng},
		{name: "bare timeFilter uses default column", in: "T | where $__timeFilter | take 1", want: "T | where Timestamp between " + rng + " | take 1"},
		{name: "bare timeFilter uses timeColumn", in: "T | where $__timeFilter",
			mc: &MacroContext{From: from, To: to, TimeColumn: "TimeGenerated"}, want: "T | where TimeGenerated between " + rng},
		{name: "timeFilter with a nested call", in: "T | where $__timeFilter(todatetime(f(A, B)))", want: "T | where todatetime(f(A, B)) between " + rng},
		{name: "space before paren is not an argument list", in: "T | where $__timeFilter (x)", want: "T | where Timestamp between " + rng + " (x)"},
		{name: "timeFrom and timeTo", in: "print $__timeFrom, $__timeTo()", want: "print datetime(2026-11-20T08:00:00Z), datetime(2026-11-27T07:30:15.5Z)"},
		{name: "intervals", in: "summarize count() by bin(Timestamp, $__interval), $__timeInterval, $__interval_ms",
			want: "summarize count() by bin(Timestamp, 5m), 5m, 300000"},
		{name: "string literals are not rewritten", in: `print "$__timeFrom", '$__interval', @'$__timeTo', $__interval`, want: `print "$__timeFrom", '$__interval', @'$__timeTo', 5m`},
		{name: "comments are not rewritten", in: "T // $__timeFilter\n| where $__timeFilter(X)", want: "T // $__timeFilter\n| where X between " + rng},
		{name: "multiline kept byte for byte", in: "T\r\n|  where   $__timeFilter()\n\t| take 1", want: "T\r\n|  where   Timestamp between " + rng + "\n\t| take 1"},
		{name: "unknown macro", in: "T | where $__timeFiltr(X)", wantErr: "unknown macro $__timeFiltr at line 1, column 11"},
		{name: "two arguments", in: "T | where $__timeFilter(A, B)", wantErr: "takes one column, got 2"},
		{name: "args to timeFrom", in: "print $__timeFrom(1)", wantErr: "takes no arguments"},
		{name: "unclosed", in: "T | where $__timeFilter(X", wantErr: "missing closing parenthesis"},
		{name: "unterminated string", in: "T | where $__timeFilter(X) and A == 'x", wantErr: "cannot expand macros"},
		{name: "no range", in: "T | where $__timeFilter", mc: &MacroContext{}, wantErr: "need a time range"},
		{name: "reversed range", in: "print $__timeTo", mc: &MacroContext{From: to, To: from}, wantErr: "ends (2026-11-20T08:00:00Z) before it starts"},
		{name: "no interval", in: "print $__interval_ms", mc: &MacroContext{From: from, To: to}, wantErr: "no interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mc
			if tt.mc != nil {
				c = *tt.mc
			}
			got, err := ExpandMacros(tt.in, c)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ExpandMacros() error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ExpandMacros() error = %v", err)
			}
			if got != tt.want {
				t.Fatalf("ExpandMacros()\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestFormatTimespan(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{in: 48 * time.Hour, want: "2d"},
		{in: 90 * time.Minute, want: "90m"},
		{in: time.Hour, want: "1h"},
		{in: 30 * time.Second, want: "30s"},
		{in: 1500 * time.Millisecond, want: "1500ms"},
		{in: 20 * time.Millisecond, want: "20ms"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatTimespan(tt.in); got != tt.want {
				t.Fatalf("FormatTimespan(%v) = %q, want %q", tt.in, got, tt.want)
			}
			back, err := ParseTimespan(tt.want)
			if err != nil || back != tt.in {
				t.Fatalf("ParseTimespan(%q) = %v, %v; want %v", tt.want, back, err, tt.in)
			}
		})
	}
}
