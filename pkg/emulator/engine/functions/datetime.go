package functions

import (
	"fmt"
	"strings"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// ctxNow is the query's now(); a missing context falls back to the wall clock so a bare Eval still works.
func ctxNow(ctx *Context) int64 {
	if ctx == nil || ctx.Now.IsZero() {
		return time.Now().UnixNano()
	}
	return ctx.Now.UnixNano()
}

// timeOf reads cell i of c as Unix ns; strings and dynamic values are parsed. ok is false for null or
// unparseable cells.
func timeOf(c *dataset.Column, i int) (int64, bool) {
	if c.IsNull(i) {
		return 0, false
	}
	if c.Type == dataset.DateTime {
		return c.Int[i], true
	}
	return anyToTime(cellValue(c, i))
}

// mapTime applies f to every datetime cell of c (null in, null out); f returning false nulls the cell.
func mapTime(out dataset.Type, c *dataset.Column, n int, f func(ns int64) (int64, bool)) *dataset.Column {
	res := newOut(out, n)
	for i := 0; i < n; i++ {
		ns, ok := timeOf(c, i)
		if ok {
			ns, ok = f(ns)
		}
		if !ok {
			res.SetNull(i)
			continue
		}
		res.Int[i] = ns
	}
	return res
}

// calendar functions (startof*, endof*) take an optional integer offset in units of their period. They work
// on Unix ns: days and weeks are integer arithmetic (UTC has no daylight saving), months and years go
// through the calendar.
type calendarFn struct {
	name string
	f    func(ns, off int64) int64
}

func startOfDay(ns, off int64) int64 { return (floorDiv(ns, dayNs) + off) * dayNs }

// startOfWeek is the Sunday starting the week, as Kusto's startofweek.
func startOfWeek(ns, off int64) int64 { return (weekStartDay(ns) + 7*off) * dayNs }

func startOfMonth(ns, off int64) int64 {
	t := time.Unix(0, ns).UTC()
	return time.Date(t.Year(), t.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC).UnixNano()
}

func startOfYear(ns, off int64) int64 {
	return time.Date(time.Unix(0, ns).UTC().Year()+int(off), 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
}

// endOf is the last tick (100 ns) before the next period starts, as Kusto's endof* functions return.
func endOf(start func(ns, off int64) int64) func(ns, off int64) int64 {
	return func(ns, off int64) int64 { return start(ns, off+1) - 100 }
}

func registerDateTime(r *Registry) {
	r.addScalar(&Scalar{
		Name: "now", MinArgs: 0, MaxArgs: 1, Result: fixed("now", dataset.DateTime, kSpan),
		Eval: func(ctx *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			return shiftNow(ctx, args, n, 1), nil
		},
	})
	r.addScalar(&Scalar{
		Name: "ago", MinArgs: 1, MaxArgs: 1, Result: fixed("ago", dataset.DateTime, kSpan),
		Eval: func(ctx *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			return shiftNow(ctx, args, n, -1), nil
		},
	})
	for _, c := range []calendarFn{
		{"startofday", startOfDay}, {"startofweek", startOfWeek}, {"startofmonth", startOfMonth},
		{"startofyear", startOfYear}, {"endofday", endOf(startOfDay)}, {"endofweek", endOf(startOfWeek)},
		{"endofmonth", endOf(startOfMonth)}, {"endofyear", endOf(startOfYear)},
	} {
		c := c
		r.addScalar(&Scalar{
			Name: c.name, MinArgs: 1, MaxArgs: 2, Result: fixed(c.name, dataset.DateTime, kTime, kInt),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				res := newOut(dataset.DateTime, n)
				for i := 0; i < n; i++ {
					ns, ok := timeOf(args[0], i)
					var off int64
					if len(args) > 1 {
						o, ook := longOf(args[1], i)
						ok, off = ok && ook, o
					}
					if !ok {
						res.SetNull(i)
						continue
					}
					res.Int[i] = c.f(ns, off)
				}
				return res, nil
			},
		})
	}
	parts := []struct {
		name string
		out  dataset.Type
		// f reads the calendar; fixed, when set, is the same part as integer arithmetic on Unix ns (1970-01-01
		// was a Thursday).
		f     func(t time.Time) int64
		fixed func(ns int64) int64
	}{
		{"dayofweek", dataset.TimeSpan, nil, func(ns int64) int64 { return floorMod(floorDiv(ns, dayNs)+4, 7) * dayNs }},
		{"dayofmonth", dataset.Int, func(t time.Time) int64 { return int64(t.Day()) }, nil},
		{"dayofyear", dataset.Int, func(t time.Time) int64 { return int64(t.YearDay()) }, nil},
		{"hourofday", dataset.Int, nil, func(ns int64) int64 { return floorMod(ns, dayNs) / int64(time.Hour) }},
		{"getmonth", dataset.Int, func(t time.Time) int64 { return int64(t.Month()) }, nil},
		{"getyear", dataset.Int, func(t time.Time) int64 { return int64(t.Year()) }, nil},
		{"weekofyear", dataset.Int, func(t time.Time) int64 { _, w := t.ISOWeek(); return int64(w) }, nil},
	}
	for _, p := range parts {
		p := p
		aliases := map[string][]string{"getmonth": {"monthofyear"}, "weekofyear": {"week_of_year"}}[p.name]
		r.addScalar(&Scalar{
			Name: p.name, MinArgs: 1, MaxArgs: 1, Result: fixed(p.name, p.out, kTime),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				if p.fixed != nil {
					return mapTime(p.out, args[0], n, func(ns int64) (int64, bool) { return p.fixed(ns), true }), nil
				}
				return mapTime(p.out, args[0], n, func(ns int64) (int64, bool) {
					return p.f(time.Unix(0, ns).UTC()), true
				}), nil
			},
		}, aliases...)
	}
	// The emulator has no ingestion pipeline: ingestion_time() is null, as Kusto answers for tables
	// without the ingestion-time policy.
	r.addScalar(&Scalar{
		Name: "ingestion_time", MinArgs: 0, MaxArgs: 0, Result: fixed("ingestion_time", dataset.DateTime),
		Eval: func(_ *Context, _ []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.DateTime, n)
			for i := 0; i < n; i++ {
				out.SetNull(i)
			}
			return out, nil
		},
	})
	registerDateTimeParts(r)
}

// shiftNow is now() + sign*offset, per row (offsets are nearly always constants).
func shiftNow(ctx *Context, args []*dataset.Column, n int, sign int64) *dataset.Column {
	now := ctxNow(ctx)
	res := newOut(dataset.DateTime, n)
	for i := 0; i < n; i++ {
		if len(args) == 0 {
			res.Int[i] = now
			continue
		}
		d, ok := spanOf(args[0], i)
		if !ok {
			res.SetNull(i)
			continue
		}
		res.Int[i] = now + sign*d
	}
	return res
}

// spanOf reads cell i of c as a timespan in ns.
func spanOf(c *dataset.Column, i int) (int64, bool) {
	if c.IsNull(i) {
		return 0, false
	}
	if c.Type == dataset.TimeSpan {
		return c.Int[i], true
	}
	return anyToSpan(cellValue(c, i))
}

// longOf reads cell i of c as a long.
func longOf(c *dataset.Column, i int) (int64, bool) {
	if c.IsNull(i) {
		return 0, false
	}
	if isIntegral(c.Type) || c.Type == dataset.Bool {
		return c.Int[i], true
	}
	return anyToLong(cellValue(c, i))
}

// floatOf reads cell i of c as a real.
func floatOf(c *dataset.Column, i int) (float64, bool) {
	if c.IsNull(i) {
		return 0, false
	}
	switch {
	case c.Real != nil:
		return c.Real[i], true
	case c.Int != nil:
		return float64(c.Int[i]), true
	}
	return anyToFloat(cellValue(c, i))
}

// datePart normalises a datetime_add/datetime_diff part name.
func datePart(fn, p string) (string, error) {
	p = strings.ToLower(strings.TrimSpace(p))
	switch p {
	case "year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond",
		"microsecond", "nanosecond":
		return p, nil
	case "weekofyear", "week_of_year":
		return "week", nil
	case "dayofyear":
		return "day", nil
	}
	return "", fmt.Errorf("%s(): unknown period %q; use year, quarter, month, week, day, hour, minute, second, "+
		"millisecond, microsecond or nanosecond", fn, p)
}
