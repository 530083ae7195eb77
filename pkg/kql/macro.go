package kql

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MacroContext is what the Grafana macros stand for in one query.
type MacroContext struct {
	// From and To bound the dashboard's (or alert rule's) time range.
	From, To time.Time
	// Interval is the query's step: Grafana's $__interval for the panel.
	Interval time.Duration
	// TimeColumn is the column that $__timeFilter and $__timeFilter() filter on; empty means Timestamp.
	TimeColumn string
}

// Macros lists every macro ExpandMacros understands.
func Macros() []string {
	return []string{"$__timeFilter", "$__timeFrom", "$__timeTo", "$__timeInterval", "$__interval", "$__interval_ms"}
}

// ExpandMacros rewrites the Grafana macros in query:
//
//	$__timeFilter(col)             col between (datetime(FROM) .. datetime(TO))
//	$__timeFilter() / $__timeFilter  the same on mc.TimeColumn
//	$__timeFrom, $__timeTo         datetime(...) in RFC 3339, UTC
//	$__timeInterval, $__interval   a KQL timespan literal (30s, 5m, 1h)
//	$__interval_ms                 the interval in whole milliseconds
//
// It works on lexer tokens, so a macro name inside a string literal or a comment is left alone, and
// everything between macros is copied byte for byte. An argument list must follow the macro name
// directly ("$__timeFilter(Timestamp)"); the macros other than $__timeFilter accept an empty "()".
// An unknown $__name is an error, because KQL has no such identifiers and the API's message would be
// far less helpful.
func ExpandMacros(query string, mc MacroContext) (string, error) {
	if !strings.Contains(query, "$__") {
		return query, nil
	}
	toks, err := Lex(query)
	if err != nil {
		return "", fmt.Errorf("cannot expand macros: %w", err)
	}
	var b strings.Builder
	copied := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != Ident || !strings.HasPrefix(t.Text, "$__") {
			continue
		}
		args, end, next, err := macroArgs(query, toks, i)
		if err != nil {
			return "", err
		}
		repl, err := expandOne(t, args, mc)
		if err != nil {
			return "", err
		}
		b.WriteString(query[copied:t.Offset])
		b.WriteString(repl)
		copied, i = end, next-1
	}
	b.WriteString(query[copied:])
	return b.String(), nil
}

// macroArgs finds the argument list that directly follows toks[i]. It returns the arguments (nil when
// there is no list; a list of one empty string for "()"), the byte offset where the macro ends and the
// index of the first token after it.
func macroArgs(src string, toks []Token, i int) (args []string, end, next int, err error) {
	t := toks[i]
	if i+1 >= len(toks) || !toks[i+1].Is("(") || toks[i+1].Offset != t.End() {
		return nil, t.End(), i + 1, nil
	}
	depth, argStart := 0, toks[i+1].End()
	for j := i + 1; j < len(toks); j++ {
		switch {
		case toks[j].Is("(") || toks[j].Is("[") || toks[j].Is("{"):
			depth++
		case toks[j].Is(")") || toks[j].Is("]") || toks[j].Is("}"):
			depth--
			if depth == 0 {
				args = append(args, strings.TrimSpace(src[argStart:toks[j].Offset]))
				return args, toks[j].End(), j + 1, nil
			}
		case toks[j].Is(",") && depth == 1:
			args = append(args, strings.TrimSpace(src[argStart:toks[j].Offset]))
			argStart = toks[j].End()
		}
	}
	return nil, 0, 0, fmt.Errorf("macro %s at line %d, column %d: missing closing parenthesis", t.Text, t.Line, t.Column)
}

func expandOne(t Token, args []string, mc MacroContext) (string, error) {
	where := fmt.Sprintf("at line %d, column %d", t.Line, t.Column)
	noArgs := len(args) == 0 || len(args) == 1 && args[0] == ""
	switch t.Text {
	case "$__timeFilter":
		col := mc.TimeColumn
		if col == "" {
			col = "Timestamp"
		}
		if !noArgs {
			if len(args) != 1 {
				return "", fmt.Errorf("macro $__timeFilter %s takes one column, got %d arguments; write $__timeFilter(Timestamp)", where, len(args))
			}
			col = args[0]
		}
		if err := checkRange(mc); err != nil {
			return "", err
		}
		return fmt.Sprintf("%s between (%s .. %s)", col, datetime(mc.From), datetime(mc.To)), nil
	case "$__timeFrom", "$__timeTo", "$__timeInterval", "$__interval", "$__interval_ms":
		if !noArgs {
			return "", fmt.Errorf("macro %s %s takes no arguments", t.Text, where)
		}
	default:
		return "", fmt.Errorf("unknown macro %s %s: use one of %s", t.Text, where, strings.Join(Macros(), ", "))
	}
	switch t.Text {
	case "$__timeFrom", "$__timeTo":
		if err := checkRange(mc); err != nil {
			return "", err
		}
		if t.Text == "$__timeFrom" {
			return datetime(mc.From), nil
		}
		return datetime(mc.To), nil
	}
	if mc.Interval <= 0 {
		return "", fmt.Errorf("macro %s %s: the query has no interval (got %v)", t.Text, where, mc.Interval)
	}
	if t.Text == "$__interval_ms" {
		return strconv.FormatInt(mc.Interval.Milliseconds(), 10), nil
	}
	return FormatTimespan(mc.Interval), nil
}

func checkRange(mc MacroContext) error {
	if mc.From.IsZero() || mc.To.IsZero() {
		return errors.New("the time macros need a time range, but the query has none")
	}
	if mc.To.Before(mc.From) {
		return fmt.Errorf("the time range ends (%s) before it starts (%s)", mc.To.UTC().Format(time.RFC3339), mc.From.UTC().Format(time.RFC3339))
	}
	return nil
}

func datetime(t time.Time) string {
	return "datetime(" + t.UTC().Format(time.RFC3339Nano) + ")"
}

// FormatTimespan writes d as the shortest exact KQL timespan literal in one unit: 1d, 6h, 5m, 30s or
// 1500ms. Sub-millisecond remainders are dropped (Grafana intervals are whole milliseconds).
func FormatTimespan(d time.Duration) string {
	units := []struct {
		size   time.Duration
		suffix string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}}
	for _, u := range units {
		if d >= u.size && d%u.size == 0 {
			return strconv.FormatInt(int64(d/u.size), 10) + u.suffix
		}
	}
	return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
}
