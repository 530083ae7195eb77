package functions

import (
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func betweenResult(name string) func([]dataset.Type) (dataset.Type, error) {
	return func(args []dataset.Type) (dataset.Type, error) {
		if len(args) != 3 {
			return "", fmt.Errorf("%s: expects a value and a range (low .. high), got %d operands", name[3:], len(args))
		}
		v, lo, hi := args[0], args[1], args[2]
		if v == dataset.DateTime && lo == dataset.DateTime && hi == dataset.TimeSpan {
			return dataset.Bool, nil
		}
		for _, b := range []dataset.Type{lo, hi} {
			if _, err := classify(v, b); err != nil {
				return "", fmt.Errorf("%s: %w", name[3:], err)
			}
		}
		return dataset.Bool, nil
	}
}

// evalBetween tests lo <= v <= hi; a datetime low bound with a timespan high bound means lo .. lo+hi, as
// Kusto allows `between (t .. 1d)`. args are the value, the low and the high bound, each of n cells: a
// caller breaking that contract gets an error naming the operand, not an index panic.
func evalBetween(name string, neg bool, args []*dataset.Column, n int) (*dataset.Column, error) {
	if len(args) != 3 {
		return nil, fmt.Errorf("%s: expects a value and a range (low .. high), got %d operands", name, len(args))
	}
	for k, what := range []string{"value", "low bound", "high bound"} {
		c := args[k]
		if c == nil || c.Len() != n || (c.Null != nil && len(c.Null) != n) {
			return nil, fmt.Errorf("%s: the %s has %d cells for %d rows; every operand needs one cell per row",
				name, what, cellCount(c), n)
		}
	}
	v, lo, hi := args[0], args[1], args[2]
	out := newOut(dataset.Bool, n)
	spanHigh := lo.Type == dataset.DateTime && hi.Type == dataset.TimeSpan
	allInt := v.Int != nil && lo.Int != nil && hi.Int != nil &&
		v.Type != dataset.Dynamic && lo.Type != dataset.Dynamic && hi.Type != dataset.Dynamic
	if allInt {
		out.Null = orNulls(n, v, lo, hi)
		for i := 0; i < n; i++ {
			h := hi.Int[i]
			if spanHigh {
				h += lo.Int[i]
			}
			setBool(out, i, (v.Int[i] >= lo.Int[i] && v.Int[i] <= h) != neg)
		}
		return out, nil
	}
	if isNumeric(v.Type) && isNumeric(lo.Type) && isNumeric(hi.Type) {
		out.Null = orNulls(n, v, lo, hi)
		x, l, h := realsOf(v), realsOf(lo), realsOf(hi)
		for i := 0; i < n; i++ {
			setBool(out, i, (x[i] >= l[i] && x[i] <= h[i]) != neg)
		}
		return out, nil
	}
	for i := 0; i < n; i++ {
		x, l, h := cellValue(v, i), cellValue(lo, i), cellValue(hi, i)
		if spanHigh && l != nil && h != nil {
			h = time.Unix(0, lo.Int[i]+hi.Int[i]).UTC()
		}
		c1, ok1 := compareAny(x, l)
		c2, ok2 := compareAny(x, h)
		if !ok1 || !ok2 {
			out.SetNull(i)
			continue
		}
		setBool(out, i, (c1 >= 0 && c2 <= 0) != neg)
	}
	return out, nil
}

// cellCount is c's length, 0 for a missing column, for error messages.
func cellCount(c *dataset.Column) int {
	if c == nil {
		return 0
	}
	return c.Len()
}
