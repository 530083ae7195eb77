package functions

import (
	"strconv"
	"strings"
	"time"
)

// formatTokens splits a .NET-style format string into runs of one repeated letter and literal text.
// Quoted text ('...' or "...") and backslash escapes are literals.
func formatTokens(f string, letters string) []string {
	var out []string
	for i := 0; i < len(f); {
		c := f[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(f[i+1:], c)
			if j < 0 {
				out = append(out, "\x00"+f[i+1:])
				return out
			}
			out = append(out, "\x00"+f[i+1:i+1+j])
			i += j + 2
		case c == '\\' && i+1 < len(f):
			out = append(out, "\x00"+f[i+1:i+2])
			i += 2
		case strings.IndexByte(letters, c) >= 0:
			j := i
			for j < len(f) && f[j] == c {
				j++
			}
			out = append(out, f[i:j])
			i = j
		default:
			out = append(out, "\x00"+f[i:i+1])
			i++
		}
	}
	return out
}

func zpad(v, width int) string {
	s := strconv.Itoa(v)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// fraction renders the first k digits of a nanosecond count (k <= 9).
func fraction(ns, k int) string {
	s := zpad(ns, 9)
	if k > 9 {
		k = 9
	}
	return s[:k]
}

// formatDateTimeKQL implements format_datetime's specifiers: y, M, d, H, h, m, s, f, F, t.
func formatDateTimeKQL(t time.Time, f string) string {
	var b strings.Builder
	for _, tok := range formatTokens(f, "yMdHhmsfFt") {
		if tok[0] == 0 {
			b.WriteString(tok[1:])
			continue
		}
		n := len(tok)
		switch tok[0] {
		case 'y':
			if n <= 2 {
				b.WriteString(zpad(t.Year()%100, n))
			} else {
				b.WriteString(zpad(t.Year(), n))
			}
		case 'M':
			b.WriteString(zpad(int(t.Month()), min(n, 2)))
		case 'd':
			b.WriteString(zpad(t.Day(), min(n, 2)))
		case 'H':
			b.WriteString(zpad(t.Hour(), min(n, 2)))
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			b.WriteString(zpad(h, min(n, 2)))
		case 'm':
			b.WriteString(zpad(t.Minute(), min(n, 2)))
		case 's':
			b.WriteString(zpad(t.Second(), min(n, 2)))
		case 'f':
			b.WriteString(fraction(t.Nanosecond(), n))
		case 'F':
			b.WriteString(strings.TrimRight(fraction(t.Nanosecond(), n), "0"))
		case 't':
			ampm := "AM"
			if t.Hour() >= 12 {
				ampm = "PM"
			}
			b.WriteString(ampm[:min(n, 2)])
		}
	}
	return b.String()
}

// formatTimeSpanKQL implements format_timespan's specifiers: d, h/H, m, s, f, F.
func formatTimeSpanKQL(ns int64, f string) string {
	var b strings.Builder
	if ns < 0 {
		b.WriteByte('-')
		ns = -ns
	}
	d := time.Duration(ns)
	for _, tok := range formatTokens(f, "dhHmsfF") {
		if tok[0] == 0 {
			b.WriteString(tok[1:])
			continue
		}
		n := len(tok)
		switch tok[0] {
		case 'd':
			b.WriteString(zpad(int(d/(24*time.Hour)), n))
		case 'h', 'H':
			b.WriteString(zpad(int(d/time.Hour%24), min(n, 2)))
		case 'm':
			b.WriteString(zpad(int(d/time.Minute%60), min(n, 2)))
		case 's':
			b.WriteString(zpad(int(d/time.Second%60), min(n, 2)))
		case 'f':
			b.WriteString(fraction(int(d%time.Second), n))
		case 'F':
			b.WriteString(strings.TrimRight(fraction(int(d%time.Second), n), "0"))
		}
	}
	return b.String()
}
