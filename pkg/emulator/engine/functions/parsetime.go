package functions

import (
	"math"
	"strconv"
	"strings"
	"time"
)

var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02 15:04",
	"2006-01-02", "2006/01/02 15:04:05", "2006/01/02", "01/02/2006 15:04:05", "01/02/2006",
	time.RFC1123, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 MST", "2006-01-02T15:04:05.999999999 MST",
}

// parseDateTime accepts the ISO 8601 and RFC 822/1123 forms Kusto's datetime() and todatetime() take.
func parseDateTime(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UnixNano(), true
		}
	}
	return 0, false
}

// parseTimeSpan accepts [-][d.]hh:mm[:ss[.fffffff]] and KQL literal forms such as 1d, 2h, 30m, 10s, 5ms,
// 1.5h, 100tick, 3microsecond.
func parseTimeSpan(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	var ns int64
	var ok bool
	if strings.Contains(s, ":") {
		ns, ok = parseClockSpan(s)
	} else {
		ns, ok = parseLiteralSpan(s)
	}
	if neg {
		ns = -ns
	}
	return ns, ok
}

func parseClockSpan(s string) (int64, bool) {
	var days int64
	colon := strings.IndexByte(s, ':')
	if dot := strings.IndexByte(s[:colon], '.'); dot >= 0 {
		d, err := strconv.ParseInt(s[:dot], 10, 64)
		if err != nil {
			return 0, false
		}
		days, s = d, s[dot+1:]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return 0, false
	}
	var sec float64
	if len(parts) == 3 {
		f, err := strconv.ParseFloat(parts[2], 64)
		if err != nil {
			return 0, false
		}
		sec = f
	}
	total := time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(math.Round(sec*1e9))
	return int64(total), true
}

var spanUnits = []struct {
	suffix string
	unit   float64
}{
	{"microseconds", 1e3}, {"microsecond", 1e3}, {"milliseconds", 1e6}, {"millisecond", 1e6},
	{"seconds", 1e9}, {"second", 1e9}, {"minutes", 60e9}, {"minute", 60e9}, {"hours", 3600e9},
	{"hour", 3600e9}, {"days", 86400e9}, {"day", 86400e9}, {"ticks", 100}, {"tick", 100},
	{"micros", 1e3}, {"ms", 1e6}, {"min", 60e9}, {"d", 86400e9}, {"h", 3600e9}, {"m", 60e9}, {"s", 1e9},
}

func parseLiteralSpan(s string) (int64, bool) {
	low := strings.ToLower(s)
	for _, u := range spanUnits {
		if strings.HasSuffix(low, u.suffix) {
			f, err := strconv.ParseFloat(low[:len(low)-len(u.suffix)], 64)
			if err != nil {
				continue
			}
			return int64(math.Round(f * u.unit)), true
		}
	}
	return 0, false
}
