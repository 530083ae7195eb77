package hunting

import (
	"math"
	"strconv"
	"time"
)

// parseDateTime parses the APIs' DateTime text: "2006-01-02T15:04:05" with 0 to 9 fractional digits and
// an optional "Z". A value without a zone is UTC (the 2018 MDE API wrote no "Z"). Values with an explicit
// offset are accepted through time.Parse and converted to UTC.
func parseDateTime(b []byte) (time.Time, bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return parseDateTimeSlow(b)
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	h, ok4 := digits(b[11:13])
	mi, ok5 := digits(b[14:16])
	sec, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	i, ns := 19, 0
	if i < len(b) && b[i] == '.' {
		i++
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if n < 9 {
				ns = ns*10 + int(b[i]-'0')
			}
			n++
			i++
		}
		if n == 0 {
			return time.Time{}, false
		}
		for ; n < 9; n++ {
			ns *= 10
		}
	}
	if i < len(b) && (b[i] == 'Z' || b[i] == 'z') {
		i++
	}
	if i != len(b) {
		return parseDateTimeSlow(b)
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ns, time.UTC), true
}

func parseDateTimeSlow(b []byte) (time.Time, bool) {
	s := string(b)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseTimeSpan parses .NET TimeSpan text "[-][d.]hh:mm:ss[.fffffff]" into seconds. The value is computed
// in 100 ns ticks (TimeSpan's own unit) first, so "00:00:19.0468750" is exactly 19.046875.
func parseTimeSpan(b []byte) (float64, bool) {
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
	}
	num := func() (int64, bool) {
		var n int64
		i := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' && i < 10 {
			n = n*10 + int64(b[i]-'0')
			i++
		}
		if i == 0 {
			return 0, false
		}
		b = b[i:]
		return n, true
	}
	first, ok := num()
	if !ok || len(b) == 0 {
		return 0, false
	}
	var days, hours int64
	if b[0] == '.' {
		days = first
		b = b[1:]
		if hours, ok = num(); !ok {
			return 0, false
		}
	} else {
		hours = first
	}
	if len(b) == 0 || b[0] != ':' {
		return 0, false
	}
	b = b[1:]
	mins, ok := num()
	if !ok || len(b) == 0 || b[0] != ':' || hours > 23 || mins > 59 {
		return 0, false
	}
	b = b[1:]
	secs, ok := num()
	if !ok || secs > 59 {
		return 0, false
	}
	var ticks int64
	if len(b) > 0 && b[0] == '.' {
		b = b[1:]
		n := 0
		for len(b) > 0 && b[0] >= '0' && b[0] <= '9' {
			if n < 7 {
				ticks = ticks*10 + int64(b[0]-'0')
			}
			n++
			b = b[1:]
		}
		if n == 0 {
			return 0, false
		}
		for ; n < 7; n++ {
			ticks *= 10
		}
	}
	if len(b) != 0 {
		return 0, false
	}
	total := ((days*24+hours)*60+mins)*60 + secs
	v := float64(total) + float64(ticks)/1e7
	if neg {
		v = -v
	}
	return v, true
}

// parseInt parses a JSON number that must be integral ("42", "-7", "1.0", "1e3").
func parseInt(b []byte, bits int) (int64, bool) {
	if n, err := strconv.ParseInt(string(b), 10, bits); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || f != math.Trunc(f) {
		return 0, false
	}
	limit := math.Ldexp(1, bits-1)
	if f < -limit || f >= limit {
		return 0, false
	}
	return int64(f), true
}

// parseFloat parses a number, or the strings .NET writes for non-finite values.
func parseFloat(b []byte) (float64, bool) {
	switch string(b) {
	case "NaN":
		return math.NaN(), true
	case "Infinity", "+Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	if !isNumber(b) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	return f, err == nil
}
