package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// parseLiteral parses a number, timespan, bool or string token (adjacent string literals concatenate).
func (p *parser) parseLiteral() (Expr, error) {
	t := p.next()
	at := pos{t.Line, t.Column}
	switch t.Kind {
	case kql.Long:
		v, err := strconv.ParseInt(t.Text, 0, 64)
		if err != nil {
			f, ferr := strconv.ParseFloat(t.Text, 64)
			if ferr != nil {
				return nil, p.errorAt(t, "invalid number '%s'", t.Text)
			}
			return &literalExpr{p: at, col: constCol(dataset.Real, f)}, nil
		}
		return &literalExpr{p: at, col: constCol(dataset.Long, v)}, nil
	case kql.Real:
		f, err := strconv.ParseFloat(t.Text, 64)
		if err != nil {
			return nil, p.errorAt(t, "invalid number '%s'", t.Text)
		}
		return &literalExpr{p: at, col: constCol(dataset.Real, f)}, nil
	case kql.Timespan:
		d, err := kql.ParseTimespan(t.Text)
		if err != nil {
			return nil, p.errorAt(t, "%v", err)
		}
		return &literalExpr{p: at, col: constCol(dataset.TimeSpan, int64(d))}, nil
	case kql.String:
		s, err := kql.Unquote(t.Text)
		if err != nil {
			return nil, p.errorAt(t, "%v", err)
		}
		for p.peek().Kind == kql.String {
			more, err := kql.Unquote(p.peek().Text)
			if err != nil {
				return nil, p.errorAt(p.peek(), "%v", err)
			}
			s += more
			p.next()
		}
		return &literalExpr{p: at, col: constCol(dataset.String, s)}, nil
	}
	return &literalExpr{p: at, col: constCol(dataset.Bool, t.Text == "true")}, nil
}

func (p *parser) errorAt(t kql.Token, format string, args ...any) error {
	return &dataset.QueryError{Message: "Syntax error: " + fmt.Sprintf(format, args...), Line: t.Line, Column: t.Column}
}

func negateLiteral(l *literalExpr) (*literalExpr, bool) {
	c := l.col
	switch {
	case c.IsNull(0):
		return nil, false
	case c.Type == dataset.Long || c.Type == dataset.Int || c.Type == dataset.TimeSpan:
		return &literalExpr{p: l.p, col: constCol(c.Type, -c.Int[0])}, true
	case c.Type == dataset.Real:
		return &literalExpr{p: l.p, col: constCol(c.Type, -c.Real[0])}, true
	}
	return nil, false
}

// rawArg returns the source text between the '(' at the cursor and its matching ')', consuming both.
func (p *parser) rawArg() (string, kql.Token, error) {
	open := p.next()
	depth := 1
	for !p.atEOF() {
		t := p.next()
		switch t.Text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 && t.Kind == kql.Punct {
				return strings.TrimSpace(p.src[open.End():t.Offset]), open, nil
			}
		}
	}
	return "", open, p.errorAt(open, "missing ')'")
}

// parseTypedLiteral parses datetime(...), dynamic(...), timespan(...), long(...), typeof(...) and the
// like. ok is false when the name is not a literal type.
func (p *parser) parseTypedLiteral() (Expr, bool, error) {
	t := p.peek()
	at := pos{t.Line, t.Column}
	switch t.Text {
	case "dynamic":
		p.next()
		open := p.next()
		if p.accept(")") {
			return &literalExpr{p: at, col: constCol(dataset.Dynamic, nil)}, true, nil
		}
		v, err := p.parseDynamicValue()
		if err != nil {
			return nil, true, err
		}
		if !p.accept(")") {
			return nil, true, p.errorAt(open, "dynamic literal is missing its closing ')'")
		}
		return &literalExpr{p: at, col: constCol(dataset.Dynamic, v)}, true, nil
	case "typeof":
		p.next()
		raw, open, err := p.rawArg()
		if err != nil {
			return nil, true, err
		}
		ty, err := dataset.ParseType(raw)
		if err != nil {
			return nil, true, p.errorAt(open, "unknown type '%s' in typeof()", raw)
		}
		return &typeofExpr{p: at, t: ty}, true, nil
	}
	ty, err := dataset.ParseType(t.Text)
	if err != nil || t.Text == "date" || t.Text == "array" || t.Text == "object" {
		return nil, false, nil
	}
	p.next()
	raw, open, err := p.rawArg()
	if err != nil {
		return nil, true, err
	}
	if raw == "null" || raw == "" {
		c := constCol(ty, nil)
		return &literalExpr{p: at, col: c}, true, nil
	}
	if ty == dataset.DateTime {
		if d, ok := timeOfDay(raw); ok {
			// datetime("8:00:00 AM") is today at that time: now() is only known when the query runs.
			return &callExpr{p: at, name: todayAtFunc, args: []Expr{&literalExpr{p: at, col: constCol(dataset.TimeSpan, int64(d))}}}, true, nil
		}
	}
	c, err := parseTypedValue(ty, raw)
	if err != nil {
		return nil, true, p.errorAt(open, "%s(%s): %v", t.Text, raw, err)
	}
	return &literalExpr{p: at, col: c}, true, nil
}

func parseTypedValue(ty dataset.Type, raw string) (*dataset.Column, error) {
	switch ty {
	case dataset.DateTime:
		tm, err := parseDateTime(raw)
		if err != nil {
			return nil, err
		}
		return constCol(ty, tm.UnixNano()), nil
	case dataset.TimeSpan:
		d, err := parseTimespanText(raw)
		if err != nil {
			return nil, err
		}
		return constCol(ty, int64(d)), nil
	case dataset.Long, dataset.Int:
		v, err := strconv.ParseInt(raw, 0, 64)
		if err != nil {
			return nil, fmt.Errorf("not an integer")
		}
		return constCol(ty, v), nil
	case dataset.Real, dataset.Decimal:
		switch strings.ToLower(raw) {
		case "nan":
			return constCol(ty, math.NaN()), nil
		case "+inf", "inf":
			return constCol(ty, math.Inf(1)), nil
		case "-inf":
			return constCol(ty, math.Inf(-1)), nil
		}
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return nil, fmt.Errorf("not a number")
		}
		return constCol(ty, f), nil
	case dataset.Bool:
		switch strings.ToLower(raw) {
		case "true", "1":
			return constCol(ty, true), nil
		case "false", "0":
			return constCol(ty, false), nil
		}
		return nil, fmt.Errorf("not a bool")
	case dataset.GUID, dataset.String:
		if s, err := kql.Unquote(raw); err == nil {
			raw = s
		}
		return constCol(ty, raw), nil
	}
	return nil, fmt.Errorf("unsupported literal type %s", ty)
}

var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z",
	"2006-01-02 15:04:05Z", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02", "2006/01/02",
	"2006/01/02 15:04:05", "1/2/2006", "1/2/2006 15:04:05", "1/2/2006 15:04", "1/2/2006 3:04:05 PM", "1/2/2006 3:04 PM",
	"2006-1-2", "2006-1-2 15:04:05", time.RFC1123, time.RFC1123Z, "2006-01-02T15Z07:00"}

// parseDateTime parses the text of a datetime literal; a value without a zone is UTC.
func parseDateTime(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(strings.Trim(strings.TrimSpace(s), `"'`)), " ") // no-break spaces too
	for _, layout := range dateLayouts {
		if tm, err := time.Parse(layout, s); err == nil {
			return tm.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("'%s' is not a date and time; write it like 2024-01-31T13:45:00Z", s)
}

// parseTimespanText parses timespan(...) contents: 1d, 1.5h or [d.]hh:mm[:ss[.fffffff]].
func parseTimespanText(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if d, err := kql.ParseTimespan(s); err == nil {
		return d, nil
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var days int64
	if i := strings.IndexByte(s, '.'); i >= 0 && i < strings.IndexByte(s+":", ':') {
		d, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("'%s' is not a timespan", s)
		}
		days, s = d, s[i+1:]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && days == 0 {
			return time.Duration(n) * 24 * time.Hour, nil // timespan(2) is two days
		}
		return 0, fmt.Errorf("'%s' is not a timespan; write it like 1d, 2h or 01:30:00", s)
	}
	h, err1 := strconv.ParseInt(parts[0], 10, 64)
	m, err2 := strconv.ParseInt(parts[1], 10, 64)
	var sec float64
	var err3 error
	if len(parts) == 3 {
		sec, err3 = strconv.ParseFloat(parts[2], 64)
	}
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, fmt.Errorf("'%s' is not a timespan", s)
	}
	d := time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(sec*float64(time.Second))
	if neg {
		d = -d
	}
	return d, nil
}

// todayAtFunc is the engine's internal function for a time-of-day datetime literal (not callable by name:
// the NUL byte cannot appear in an identifier).
const todayAtFunc = "\x00today_at"

// timeOfDay parses a bare time such as 8:00:00 AM or 17:30.
func timeOfDay(s string) (time.Duration, bool) {
	s = strings.Join(strings.Fields(strings.Trim(strings.TrimSpace(s), `"'`)), " ")
	for _, layout := range []string{"3:04:05 PM", "3:04 PM", "15:04:05", "15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second, true
		}
	}
	return 0, false
}
