package functions

import (
	"math"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// named returns a ResultName function producing prefix + the first argument's column name, Kusto's
// default for most aggregates (dcount_DeviceId, max_Timestamp).
func named(prefix string) func([]string) string {
	return func(names []string) string {
		if len(names) == 0 {
			return prefix
		}
		return prefix + names[0]
	}
}

// aggFn is the shape of an aggregate's Eval.
type aggFn func(ctx *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error)

// withIf adapts an aggregate to its *if form: the predicate is argument predIdx and is removed before the
// inner aggregate runs on the rows where it is true. Rows whose predicate is false are moved to an extra
// group that is dropped.
func withIf(predIdx int, inner aggFn) aggFn {
	return func(ctx *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
		pred := args[predIdx]
		g2 := make([]int32, len(groups))
		for i, g := range groups {
			if condTrue(pred, i) {
				g2[i] = g
			} else {
				g2[i] = int32(ngroups)
			}
		}
		rest := append(append([]*dataset.Column{}, args[:predIdx]...), args[predIdx+1:]...)
		out, err := inner(ctx, rest, g2, ngroups+1)
		if err != nil {
			return nil, err
		}
		return truncateCol(out, ngroups), nil
	}
}

// truncateCol keeps the first n cells of c.
func truncateCol(c *dataset.Column, n int) *dataset.Column {
	switch {
	case c.Str != nil:
		c.Str = c.Str[:n]
	case c.Real != nil:
		c.Real = c.Real[:n]
	case c.Dyn != nil:
		c.Dyn = c.Dyn[:n]
	default:
		c.Int = c.Int[:n]
	}
	if c.Null != nil {
		c.Null = c.Null[:n]
	}
	return c
}

func evalCount(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
	out := newOut(dataset.Long, ngroups)
	for i, g := range groups {
		if len(args) == 0 || !isNullCell(args[0], i) {
			out.Int[g]++
		}
	}
	return out, nil
}

// sumType is sum()'s result type: long for integers, timespan for timespans, real otherwise.
func sumType(t dataset.Type) dataset.Type {
	switch {
	case isIntegral(t) || t == dataset.Bool:
		return dataset.Long
	case t == dataset.TimeSpan:
		return dataset.TimeSpan
	}
	return dataset.Real
}

func evalSum(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
	a := args[0]
	t := sumType(a.Type)
	out := newOut(t, ngroups)
	seen := make([]bool, ngroups)
	for i, g := range groups {
		if out.Real != nil {
			x, ok := floatOf(a, i)
			if ok {
				out.Real[g] += x
				seen[g] = true
			}
			continue
		}
		if !a.IsNull(i) {
			out.Int[g] += a.Int[i]
			seen[g] = true
		}
	}
	markUnseen(out, seen)
	return out, nil
}

func markUnseen(out *dataset.Column, seen []bool) {
	for g, s := range seen {
		if !s {
			out.SetNull(g)
		}
	}
}

// moments accumulates count, mean and M2 per group (Welford) for avg, stdev and variance.
func moments(a *dataset.Column, groups []int32, ngroups int) (n, mean, m2 []float64) {
	n, mean, m2 = make([]float64, ngroups), make([]float64, ngroups), make([]float64, ngroups)
	for i, g := range groups {
		x, ok := floatOf(a, i)
		if !ok {
			continue
		}
		n[g]++
		d := x - mean[g]
		mean[g] += d / n[g]
		m2[g] += d * (x - mean[g])
	}
	return n, mean, m2
}

func evalMoment(kind string) aggFn {
	return func(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
		n, mean, m2 := moments(args[0], groups, ngroups)
		out := newOut(dataset.Real, ngroups)

		for g := 0; g < ngroups; g++ {
			switch kind {
			case "avg":
				if n[g] == 0 {
					out.SetNull(g)
					continue
				}
				out.Real[g] = mean[g]
			case "variance", "stdev":
				if n[g] < 2 {
					out.Real[g] = 0
					continue
				}
				out.Real[g] = m2[g] / (n[g] - 1)
			default: // variancep, stdevp
				if n[g] == 0 {
					out.SetNull(g)
					continue
				}
				out.Real[g] = m2[g] / n[g]
			}
			if kind == "stdev" || kind == "stdevp" {
				out.Real[g] = math.Sqrt(out.Real[g])
			}
		}
		if args[0].Type == dataset.TimeSpan && (kind == "avg" || strings.HasPrefix(kind, "stdev")) {
			return spanFromReal(out), nil
		}
		return out, nil
	}
}

// minMaxAgg keeps the smallest or largest non-null value per group.
func minMaxAgg(isMax bool) aggFn {
	return func(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
		a := args[0]
		win := ArgExtreme(a, groups, ngroups, isMax)
		out := newOut(a.Type, ngroups)
		for g, row := range win {
			if row < 0 || isNullCell(a, row) {
				out.SetNull(g)
				continue
			}
			copyCell(out, g, a, row)
		}
		return out, nil
	}
}

// ArgExtreme returns, per group, the row index holding the largest (max) or smallest value of by, nulls
// ignored; a group whose values are all null gets its first row, and a group without rows gets -1. Ties
// keep the first row. The evaluator uses it for arg_max/arg_min (and argmax/argmin): project the
// winners' rows for the other requested columns (or every column for *).
func ArgExtreme(by *dataset.Column, groups []int32, ngroups int, isMax bool) []int {
	win := make([]int, ngroups)
	for g := range win {
		win[g] = -1
	}
	better := func(i, j int) bool {
		var c int
		switch {
		case by.Int != nil:
			c = cmp3(by.Int[i], by.Int[j])
		case by.Real != nil:
			c = cmp3(by.Real[i], by.Real[j])
		case by.Str != nil:
			c = cmp3(by.Str[i], by.Str[j])
		default:
			c, _ = compareAny(by.Dyn[i], by.Dyn[j])
		}
		if isMax {
			return c > 0
		}
		return c < 0
	}
	for i, g := range groups {
		w := win[g]
		switch {
		case w < 0:
			win[g] = i
		case isNullCell(by, w) && !isNullCell(by, i):
			win[g] = i
		case !isNullCell(by, i) && better(i, w):
			win[g] = i
		}
	}
	return win
}

// evalAny takes, per group, the first row whose value is not empty (or the first row).
func evalAny(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
	a := args[0]
	pick := make([]int, ngroups)
	for g := range pick {
		pick[g] = -1
	}
	for i, g := range groups {
		if pick[g] < 0 || (isEmptyCell(a, pick[g]) && !isEmptyCell(a, i)) {
			pick[g] = i
		}
	}
	out := newOut(a.Type, ngroups)
	for g, row := range pick {
		if row < 0 {
			out.SetNull(g)
			continue
		}
		copyCell(out, g, a, row)
	}
	return out, nil
}

// spanFromReal rounds a real column of nanoseconds to a timespan column.
func spanFromReal(c *dataset.Column) *dataset.Column {
	out := newOut(dataset.TimeSpan, len(c.Real))
	out.Null = c.Null
	for i, f := range c.Real {
		out.Int[i] = int64(math.Round(f))
	}
	return out
}
