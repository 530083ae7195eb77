package kql

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// stringLen returns the byte length of the string literal that s starts with (', ", @', @", ```).
func stringLen(s string) (int, error) {
	switch {
	case strings.HasPrefix(s, "```"):
		end := strings.Index(s[3:], "```")
		if end < 0 {
			return 0, errors.New("unterminated multi-line string literal (``` ... ```)")
		}
		return end + 6, nil
	case s[0] == '@':
		if len(s) < 2 || s[1] != '\'' && s[1] != '"' {
			return 0, errors.New("'@' must start a verbatim string literal such as @'c:\\path'")
		}
		q := s[1]
		for i := 2; i < len(s); i++ {
			if s[i] != q {
				continue
			}
			if i+1 < len(s) && s[i+1] == q { // a doubled quote stands for one quote
				i++
				continue
			}
			return i + 1, nil
		}
		return 0, fmt.Errorf("unterminated verbatim string literal: add the closing %c", q)
	}
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '\n':
			return 0, fmt.Errorf("unterminated string literal: add the closing %c before the end of the line", q)
		case q:
			return i + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated string literal: add the closing %c", q)
}

// bracketLen returns the byte length of a bracketed name such as ['Col Name'].
func bracketLen(s string) (int, error) {
	n, err := stringLen(s[1:])
	if err != nil {
		return 0, fmt.Errorf("in bracketed name: %w", err)
	}
	rest := strings.TrimLeft(s[1+n:], " \t")
	if !strings.HasPrefix(rest, "]") {
		return 0, errors.New("unterminated bracketed name: add the closing ]")
	}
	return len(s) - len(rest) + 1, nil
}

// timespanUnits maps KQL's timespan suffixes to their length.
var timespanUnits = map[string]time.Duration{
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"s": time.Second, "sec": time.Second, "second": time.Second, "seconds": time.Second,
	"ms": time.Millisecond, "milli": time.Millisecond, "millis": time.Millisecond,
	"millisecond": time.Millisecond, "milliseconds": time.Millisecond,
	"microsecond": time.Microsecond, "microseconds": time.Microsecond, "micro": time.Microsecond,
	"tick": 100 * time.Nanosecond, "ticks": 100 * time.Nanosecond,
}

// numberLen returns the kind and byte length of the number or timespan literal s starts with.
func numberLen(s string) (Kind, int) {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isHex(s[2]) {
		n := 2
		for n < len(s) && isHex(s[n]) {
			n++
		}
		return Long, n
	}
	n, kind := 0, Long
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	// A dot followed by a second dot is the range operator (1..5), not a fraction.
	if n < len(s) && s[n] == '.' && !(n+1 < len(s) && s[n+1] == '.') {
		kind = Real
		n++
		for n < len(s) && isDigit(s[n]) {
			n++
		}
	}
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		m := n + 1
		if m < len(s) && (s[m] == '+' || s[m] == '-') {
			m++
		}
		if m < len(s) && isDigit(s[m]) {
			for m < len(s) && isDigit(s[m]) {
				m++
			}
			return Real, m
		}
	}
	m := n
	for m < len(s) && isIdentStart(s[m]) {
		m++
	}
	if _, ok := timespanUnits[s[n:m]]; ok && m > n && !(m < len(s) && isDigit(s[m])) {
		return Timespan, m
	}
	return kind, n
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// ParseTimespan decodes a timespan literal token's text such as 7d, 1.5h or 100ms.
func ParseTimespan(text string) (time.Duration, error) {
	i := 0
	for i < len(text) && (isDigit(text[i]) || text[i] == '.') {
		i++
	}
	unit, ok := timespanUnits[text[i:]]
	if !ok || i == 0 {
		return 0, fmt.Errorf("invalid timespan literal %q: use a number and a unit such as 7d, 1h, 30m, 10s or 100ms", text)
	}
	f, err := strconv.ParseFloat(text[:i], 64)
	if err != nil {
		return 0, fmt.Errorf("invalid timespan literal %q: %w", text, err)
	}
	v := f * float64(unit)
	if math.Abs(v) > math.MaxInt64 {
		return 0, fmt.Errorf("timespan literal %q is out of range", text)
	}
	return time.Duration(math.Round(v)), nil
}

// Unquote decodes a string literal token's text into its value: it strips an h/H obfuscation prefix,
// honours backslash escapes in '...' and "...", doubled quotes in verbatim @'...' and takes ```...```
// as is.
func Unquote(text string) (string, error) {
	if strings.HasPrefix(text, "h") || strings.HasPrefix(text, "H") {
		text = text[1:]
	}
	switch {
	case len(text) >= 6 && strings.HasPrefix(text, "```") && strings.HasSuffix(text, "```"):
		return text[3 : len(text)-3], nil
	case len(text) >= 3 && text[0] == '@' && (text[1] == '\'' || text[1] == '"') && text[len(text)-1] == text[1]:
		q := text[1:2]
		return strings.ReplaceAll(text[2:len(text)-1], q+q, q), nil
	case len(text) >= 2 && (text[0] == '\'' || text[0] == '"') && text[len(text)-1] == text[0]:
		return unescape(text[1 : len(text)-1])
	}
	return "", fmt.Errorf("%q is not a KQL string literal", text)
}

func unescape(s string) (string, error) {
	if strings.IndexByte(s, '\\') < 0 {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'u', 'U', 'x':
			width := map[byte]int{'u': 4, 'U': 8, 'x': 2}[c]
			if i+1+width > len(s) {
				return "", fmt.Errorf("invalid escape \\%c in string literal: expected %d hex digits", c, width)
			}
			v, err := strconv.ParseUint(s[i+1:i+1+width], 16, 32)
			if err != nil || !utf8.ValidRune(rune(v)) {
				return "", fmt.Errorf("invalid escape \\%c%s in string literal", c, s[i+1:i+1+width])
			}
			b.WriteRune(rune(v))
			i += width
		default: // \\ \' \" and any other escaped character stand for themselves
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// IdentName returns the name an identifier token stands for: the text itself, or the decoded name of a
// bracketed identifier such as ['Col Name'].
func IdentName(t Token) string {
	if !strings.HasPrefix(t.Text, "[") {
		return t.Text
	}
	inner := strings.TrimSpace(t.Text[1 : len(t.Text)-1])
	v, err := Unquote(inner)
	if err != nil {
		return inner
	}
	return v
}
