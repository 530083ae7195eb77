package functions

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// cmpClass is the domain two operands are compared in.
type cmpClass int

const (
	cmpNum cmpClass = iota
	cmpInt          // datetime, timespan, bool: Int slices compared directly
	cmpStr
	cmpDyn
)

// classify applies KQL's comparability rules; an error names both types as Kusto does.
func classify(a, b dataset.Type) (cmpClass, error) {
	switch {
	case a == dataset.Dynamic || b == dataset.Dynamic:
		return cmpDyn, nil
	case isNumeric(a) && isNumeric(b):
		return cmpNum, nil
	case (a == dataset.Bool && isNumeric(b)) || (isNumeric(a) && b == dataset.Bool):
		// Kusto itself rejects bool against a number; flag columns compared with 1 are common enough in
		// hunting queries to accept, comparing the bool as 0/1.
		return cmpNum, nil
	case (isNumeric(a) || a == dataset.Bool) && isStringy(b), isStringy(a) && (isNumeric(b) || b == dataset.Bool):
		// Kusto rejects text against a number or bool, yet published hunting queries compare extract()
		// results with numeric columns (CrashProcessId == ProcessId) and flags with "True"; the text is
		// read as a number or bool per cell.
		return cmpDyn, nil
	case (isTimeLike(a) && b == dataset.String) || (a == dataset.String && isTimeLike(b)):
		// A datetime or timespan against text parses the text per cell, so Timestamp > "2024-01-01" works.
		return cmpDyn, nil
	case isStringy(a) && isStringy(b):
		return cmpStr, nil
	case a == b && (a == dataset.DateTime || a == dataset.TimeSpan || a == dataset.Bool):
		return cmpInt, nil
	}
	return 0, fmt.Errorf("Cannot compare values of types %s and %s. Try adding explicit casts", a, b)
}

// cmpOps maps each comparison operator to the test on the sign of compare(a, b).
var cmpOps = map[string]func(int) bool{
	"==": func(c int) bool { return c == 0 },
	"!=": func(c int) bool { return c != 0 },
	"<>": func(c int) bool { return c != 0 },
	"<":  func(c int) bool { return c < 0 },
	"<=": func(c int) bool { return c <= 0 },
	">":  func(c int) bool { return c > 0 },
	">=": func(c int) bool { return c >= 0 },
}

func registerCompare(r *Registry) {
	for op, test := range cmpOps {
		test := test
		eq := op == "==" || op == "!=" || op == "<>"
		r.addScalar(&Scalar{
			Name: "op:" + op, MinArgs: 2, MaxArgs: 2,
			Result: func(args []dataset.Type) (dataset.Type, error) {
				_, err := classify(args[0], args[1])
				return dataset.Bool, err
			},
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				cl, err := classify(args[0].Type, args[1].Type)
				if err != nil {
					return nil, err
				}
				return evalCompare(cl, test, eq, args[0], args[1], n), nil
			},
		})
	}
}

func cmp3[T int64 | float64 | string](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// evalCompare compares cell by cell. Strings are never null. With a null operand, == and != follow
// Kusto: null against a value is unequal (== false, != true), null against null is null; ordering
// comparisons with a null are null, which where treats as false.
func evalCompare(cl cmpClass, test func(int) bool, eq bool, a, b *dataset.Column, n int) *dataset.Column {
	out := compareCells(cl, test, eq, a, b, n)
	if !eq || out.Null == nil || cl == cmpDyn {
		return out
	}
	for i, null := range out.Null {
		if null && !(a.IsNull(i) && b.IsNull(i)) {
			out.Null[i] = false
			setBool(out, i, test(1))
		}
	}
	return out
}

// compareCells compares cell by cell, null wherever an operand is null.
func compareCells(cl cmpClass, test func(int) bool, eq bool, a, b *dataset.Column, n int) *dataset.Column {
	out := newOut(dataset.Bool, n)
	res := out.Int
	switch cl {
	case cmpStr:
		x, y := a.Str, b.Str
		guid := a.Type == dataset.GUID || b.Type == dataset.GUID
		for i := 0; i < n; i++ {
			var c int
			switch {
			case guid && eq:
				if !strings.EqualFold(x[i], y[i]) {
					c = 1
				}
			case guid:
				c = cmp3(strings.ToLower(x[i]), strings.ToLower(y[i]))
			case eq:
				if x[i] != y[i] {
					c = 1
				}
			default:
				c = strings.Compare(x[i], y[i])
			}
			if test(c) {
				res[i] = 1
			}
		}
		return out
	case cmpInt:
		out.Null = orNulls(n, a, b)
		x, y := a.Int, b.Int
		for i := 0; i < n; i++ {
			if test(cmp3(x[i], y[i])) {
				res[i] = 1
			}
		}
		return out
	case cmpNum:
		out.Null = orNulls(n, a, b)
		if a.Int != nil && b.Int != nil {
			x, y := a.Int, b.Int
			for i := 0; i < n; i++ {
				if test(cmp3(x[i], y[i])) {
					res[i] = 1
				}
			}
			return out
		}
		x, y := realsOf(a), realsOf(b)
		for i := 0; i < n; i++ {
			if test(cmp3(x[i], y[i])) {
				res[i] = 1
			}
		}
		return out
	}
	for i := 0; i < n; i++ {
		av, bv := cellValue(a, i), cellValue(b, i)
		c, ok := compareAny(av, bv)
		switch {
		case ok:
			setBool(out, i, test(c))
		case eq && (av != nil || bv != nil):
			// Values of different kinds are unequal, and so is null against a value (Kusto's rule).
			setBool(out, i, test(1))
		default:
			out.SetNull(i)
		}
	}
	return out
}

// compareAny orders two boxed values at run time, as Kusto does when a dynamic operand is involved.
// ok is false when either is null or the two cannot be ordered.
func compareAny(a, b any) (int, bool) {
	if a == nil || b == nil {
		return 0, false
	}
	switch x := a.(type) {
	case string:
		switch y := b.(type) {
		case string:
			return strings.Compare(x, y), true
		case time.Time, time.Duration:
			return compareAny(b, a)
		}
		if y, isNum := dynNumber(b); isNum {
			f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
			if err != nil {
				return 0, false
			}
			return cmp3(f, y), true
		}
		if _, ok := b.(bool); ok {
			c, ok := compareAny(b, a)
			return -c, ok
		}
		return strings.Compare(x, dynString(b)), true
	case time.Time:
		switch y := b.(type) {
		case time.Time:
			return cmp3(x.UnixNano(), y.UnixNano()), true
		case string:
			if t, ok := parseDateTime(y); ok {
				return cmp3(x.UnixNano(), t), true
			}
		}
		return 0, false
	case time.Duration:
		switch y := b.(type) {
		case time.Duration:
			return cmp3(int64(x), int64(y)), true
		case string:
			if d, ok := parseTimeSpan(y); ok {
				return cmp3(int64(x), d), true
			}
		}
		return 0, false
	case bool:
		if y, ok := b.(bool); ok {
			return cmp3(boolInt(x), boolInt(y)), true
		}
		if y, ok := b.(string); ok {
			if yb, ok := anyToBool(y); ok {
				return cmp3(boolInt(x), boolInt(yb)), true
			}
		}
		return 0, false
	}
	if xi, ok := a.(int64); ok {
		if yi, ok := b.(int64); ok {
			return cmp3(xi, yi), true
		}
	}
	if x, ok := dynNumber(a); ok {
		if y, ok := dynNumber(b); ok {
			return cmp3(x, y), true
		}
		if _, isStr := b.(string); isStr {
			c, ok := compareAny(b, a)
			return -c, ok
		}
		return 0, false
	}
	// Arrays and bags: equal when their JSON forms are.
	return strings.Compare(dynString(a), dynString(b)), true
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func isTimeLike(t dataset.Type) bool { return t == dataset.DateTime || t == dataset.TimeSpan }
