package functions

import (
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func betweenResult(name string) func([]dataset.Type) (dataset.Type, error) {
	return func(args []dataset.Type) (dataset.Type, error) {
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
// Kusto allows `between (t .. 1d)`.
func evalBetween(neg bool, v, lo, hi *dataset.Column, n int) *dataset.Column {
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
		return out
	}
	if isNumeric(v.Type) && isNumeric(lo.Type) && isNumeric(hi.Type) {
		out.Null = orNulls(n, v, lo, hi)
		x, l, h := realsOf(v), realsOf(lo), realsOf(hi)
		for i := 0; i < n; i++ {
			setBool(out, i, (x[i] >= l[i] && x[i] <= h[i]) != neg)
		}
		return out
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
	return out
}
