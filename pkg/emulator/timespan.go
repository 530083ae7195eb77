package emulator

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// parseTimespan reads Graph's Timespan, an ISO 8601 interval in any of its forms:
// "start/end", "duration/end", "start/duration", "duration" (ending now) or "start" (until now).
func parseTimespan(s string, now time.Time) (from, to time.Time, err error) {
	s = strings.TrimSpace(s)
	first, second, hasSlash := strings.Cut(s, "/")
	a, err := parseIntervalEnd(first)
	if err != nil {
		return from, to, timespanErr(s, err)
	}
	if !hasSlash {
		if a.dur != nil {
			return a.dur.before(now), now, nil
		}
		return a.t, now, nil
	}
	b, err := parseIntervalEnd(second)
	if err != nil {
		return from, to, timespanErr(s, err)
	}
	switch {
	case a.dur != nil && b.dur != nil:
		return from, to, timespanErr(s, fmt.Errorf("both sides are durations"))
	case a.dur != nil:
		return a.dur.before(b.t), b.t, nil
	case b.dur != nil:
		return a.t, b.dur.after(a.t), nil
	case b.t.Before(a.t):
		return from, to, timespanErr(s, fmt.Errorf("end %s is before start %s", second, first))
	}
	return a.t, b.t, nil
}

// intervalEnd is one side of an ISO 8601 interval: a date-time, or a duration when dur is set.
type intervalEnd struct {
	t   time.Time
	dur *isoDuration
}

func parseIntervalEnd(s string) (intervalEnd, error) {
	if strings.HasPrefix(strings.ToUpper(s), "P") {
		d, err := parseISODuration(s)
		return intervalEnd{dur: &d}, err
	}
	t, err := parseISOTime(s)
	return intervalEnd{t: t}, err
}

func timespanErr(s string, err error) error {
	return fmt.Errorf("Invalid Timespan %q: %w. Use ISO 8601: start/end, P30D/end, start/P30D, P30D or start", s, err) //nolint:staticcheck // the API's message is capitalized
}

// isoDuration keeps calendar parts apart from clock parts so that P1M means a calendar month.
type isoDuration struct {
	years, months, days int
	clock               time.Duration
}

func (d isoDuration) before(t time.Time) time.Time {
	return t.AddDate(-d.years, -d.months, -d.days).Add(-d.clock)
}

func (d isoDuration) after(t time.Time) time.Time {
	return t.AddDate(d.years, d.months, d.days).Add(d.clock)
}

var isoDurationRE = regexp.MustCompile(`^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$`)

func parseISODuration(s string) (isoDuration, error) {
	m := isoDurationRE.FindStringSubmatch(strings.ToUpper(s))
	if m == nil || s == "P" || strings.HasSuffix(strings.ToUpper(s), "T") {
		return isoDuration{}, fmt.Errorf("%q is not an ISO 8601 duration such as P30D or PT12H", s)
	}
	n := func(i int) int {
		v, _ := strconv.Atoi(m[i]) // the pattern admits digits only; empty parts are zero
		return v
	}
	secs, _ := strconv.ParseFloat(strings.ReplaceAll(m[7], ",", "."), 64)
	return isoDuration{
		years: n(1), months: n(2), days: n(3)*7 + n(4),
		clock: time.Duration(n(5))*time.Hour + time.Duration(n(6))*time.Minute + time.Duration(secs*float64(time.Second)),
	}, nil
}

// parseISOTime accepts RFC 3339 with or without fraction and zone (no zone = UTC), and plain dates.
func parseISOTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an ISO 8601 date-time such as 2026-01-02T15:04:05Z", s)
}
