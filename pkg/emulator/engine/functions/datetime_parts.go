package functions

import (
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

const dayNs = int64(24 * time.Hour)

// period is a datetime_add/datetime_diff/datetime_part period, resolved once per call rather than per row.
// ns is its fixed length; it is 0 for the calendar periods (year, quarter, month), whose length varies.
type period struct {
	name string
	ns   int64
}

var periodNs = map[string]int64{
	"week": 7 * dayNs, "day": dayNs, "hour": int64(time.Hour), "minute": int64(time.Minute),
	"second": int64(time.Second), "millisecond": int64(time.Millisecond), "microsecond": int64(time.Microsecond),
	"nanosecond": 1,
}

// parsePeriod reads a period name as Kusto spells it (any case, with aliases).
func parsePeriod(fn, s string) (period, error) {
	name, err := datePart(fn, s)
	if err != nil {
		return period{}, err
	}
	return period{name: name, ns: periodNs[name]}, nil
}

// addPeriods is t + n periods, in Unix ns. Fixed-length periods are integer arithmetic (UTC has no
// daylight saving); calendar periods go through time.AddDate.
func addPeriods(t int64, p period, n int64) int64 {
	switch p.name {
	case "year":
		return time.Unix(0, t).UTC().AddDate(int(n), 0, 0).UnixNano()
	case "quarter":
		return time.Unix(0, t).UTC().AddDate(0, 3*int(n), 0).UnixNano()
	case "month":
		return time.Unix(0, t).UTC().AddDate(0, int(n), 0).UnixNano()
	}
	return t + n*p.ns
}

// diffPeriods counts the period boundaries between b and a (a - b), as datetime_diff does: weeks start on
// Sunday, and fixed periods are counted on their boundaries since the epoch, not as elapsed time.
func diffPeriods(p period, a, b int64) int64 {
	switch p.name {
	case "year", "quarter", "month":
		ta, tb := time.Unix(0, a).UTC(), time.Unix(0, b).UTC()
		switch p.name {
		case "year":
			return int64(ta.Year() - tb.Year())
		case "quarter":
			return int64((ta.Year()-tb.Year())*4 + (int(ta.Month())-1)/3 - (int(tb.Month())-1)/3)
		}
		return int64((ta.Year()-tb.Year())*12 + int(ta.Month()) - int(tb.Month()))
	case "week":
		return (weekStartDay(a) - weekStartDay(b)) / 7
	}
	return floorDiv(a, p.ns) - floorDiv(b, p.ns)
}

// weekStartDay is the day number (days since 1970-01-01, a Thursday) of the Sunday starting t's week.
func weekStartDay(t int64) int64 {
	d := floorDiv(t, dayNs)
	return d - floorMod(d+4, 7)
}

// addFixedPeriods is datetime_add's common case as one tight loop: a literal fixed-length period, an
// integer count and a datetime column (Timestamp .. datetime_add('second', 5, Timestamp)). ok is false when
// the arguments are of another shape, for the general path to handle.
func addFixedPeriods(args []*dataset.Column, n int) (*dataset.Column, bool) {
	count, ts := args[1], args[2]
	if !isStringy(args[0].Type) || !isIntegral(count.Type) || ts.Type != dataset.DateTime || n == 0 {
		return nil, false
	}
	name, constant := constString(args[0], n)
	if !constant {
		return nil, false
	}
	p, err := parsePeriod("datetime_add", name)
	if err != nil || p.ns == 0 {
		return nil, false
	}
	res := newOut(dataset.DateTime, n)
	res.Null = orNulls(n, count, ts)
	for i, t := range ts.Int[:n] {
		res.Int[i] = t + count.Int[i]*p.ns
	}
	return res, true
}

func floorMod(x, y int64) int64 { return x - floorDiv(x, y)*y }

// evalPeriodic evaluates a function whose first argument is a period name: the name is parsed once when
// it is the same on every row (it nearly always is a literal), per row otherwise. f computes row i; its
// false result, or a null period cell, makes the row null.
func evalPeriodic(fn string, out dataset.Type, args []*dataset.Column, n int,
	f func(p period, i int) (int64, bool)) (*dataset.Column, error) {
	res := newOut(out, n)
	name, constant := constString(args[0], n)
	var p period
	if constant && n > 0 && !isNullCell(args[0], 0) {
		var err error
		if p, err = parsePeriod(fn, name); err != nil {
			return nil, err
		}
	}
	for i := 0; i < n; i++ {
		if isNullCell(args[0], i) {
			res.SetNull(i)
			continue
		}
		if !constant {
			var err error
			if p, err = parsePeriod(fn, cellString(args[0], i)); err != nil {
				return nil, err
			}
		}
		v, ok := f(p, i)
		if !ok {
			res.SetNull(i)
			continue
		}
		res.Int[i] = v
	}
	return res, nil
}

func floorDiv(x, y int64) int64 {
	q := x / y
	if (x%y != 0) && ((x < 0) != (y < 0)) {
		q--
	}
	return q
}

func registerDateTimeParts(r *Registry) {
	r.addScalar(&Scalar{
		Name: "datetime_add", MinArgs: 3, MaxArgs: 3,
		Result: fixed("datetime_add", dataset.DateTime, kString, kInt, kTime),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			if out, ok := addFixedPeriods(args, n); ok {
				return out, nil
			}
			return evalPeriodic("datetime_add", dataset.DateTime, args, n, func(p period, i int) (int64, bool) {
				k, ok1 := longOf(args[1], i)
				t, ok2 := timeOf(args[2], i)
				return addPeriods(t, p, k), ok1 && ok2
			})
		},
	})
	r.addScalar(&Scalar{
		Name: "datetime_diff", MinArgs: 3, MaxArgs: 3,
		Result: fixed("datetime_diff", dataset.Long, kString, kTime, kTime),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			return evalPeriodic("datetime_diff", dataset.Long, args, n, func(p period, i int) (int64, bool) {
				a, ok1 := timeOf(args[1], i)
				b, ok2 := timeOf(args[2], i)
				return diffPeriods(p, a, b), ok1 && ok2
			})
		},
	})
	r.addScalar(&Scalar{
		Name: "datetime_part", MinArgs: 2, MaxArgs: 2,
		Result: fixed("datetime_part", dataset.Int, kString, kTime),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			return evalPeriodic("datetime_part", dataset.Int, args, n, func(p period, i int) (int64, bool) {
				ns, ok := timeOf(args[1], i)
				return partOf(p.name, time.Unix(0, ns).UTC()), ok
			})
		},
	})
	r.addScalar(&Scalar{
		Name: "format_datetime", MinArgs: 2, MaxArgs: 2,
		Result: fixed("format_datetime", dataset.String, kTime, kString),
		Eval: rowwise(dataset.String, strictRow(func(_ *Context, row []any) (any, error) {
			ns, ok := anyToTime(row[0])
			if !ok {
				return nil, nil
			}
			return formatDateTimeKQL(time.Unix(0, ns).UTC(), strArg(row[1])), nil
		})),
	})
	r.addScalar(&Scalar{
		Name: "format_timespan", MinArgs: 2, MaxArgs: 2,
		Result: fixed("format_timespan", dataset.String, kSpan, kString),
		Eval: rowwise(dataset.String, strictRow(func(_ *Context, row []any) (any, error) {
			d, ok := anyToSpan(row[0])
			if !ok {
				return nil, nil
			}
			return formatTimeSpanKQL(d, strArg(row[1])), nil
		})),
	})
	r.addScalar(&Scalar{
		Name: "make_datetime", MinArgs: 3, MaxArgs: 7,
		Result: fixed("make_datetime", dataset.DateTime, kNum),
		Eval: rowwise(dataset.DateTime, strictRow(func(_ *Context, row []any) (any, error) {
			v := [7]float64{}
			for i, x := range row {
				v[i], _ = anyToFloat(x)
			}
			sec := int(v[5])
			frac := time.Duration((v[5] - float64(sec)) * 1e9)
			return time.Date(int(v[0]), time.Month(int(v[1])), int(v[2]), int(v[3]), int(v[4]), sec, 0,
				time.UTC).Add(frac), nil
		})),
	})
	for _, u := range []struct {
		name string
		ns   float64
	}{
		{"unixtime_seconds_todatetime", 1e9}, {"unixtime_milliseconds_todatetime", 1e6},
		{"unixtime_microseconds_todatetime", 1e3}, {"unixtime_nanoseconds_todatetime", 1},
	} {
		u := u
		r.addScalar(&Scalar{
			Name: u.name, MinArgs: 1, MaxArgs: 1, Result: fixed(u.name, dataset.DateTime, kNum),
			Eval: rowwise(dataset.DateTime, strictRow(func(_ *Context, row []any) (any, error) {
				f, ok := anyToFloat(row[0])
				if !ok {
					return nil, nil
				}
				return time.Unix(0, int64(f*u.ns)).UTC(), nil
			})),
		})
	}
}

func partOf(part string, t time.Time) int64 {
	switch part {
	case "year":
		return int64(t.Year())
	case "quarter":
		return int64((int(t.Month())-1)/3 + 1)
	case "month":
		return int64(t.Month())
	case "week":
		_, w := t.ISOWeek()
		return int64(w)
	case "day":
		return int64(t.Day())
	case "hour":
		return int64(t.Hour())
	case "minute":
		return int64(t.Minute())
	case "second":
		return int64(t.Second())
	case "millisecond":
		return int64(t.Nanosecond() / 1e6)
	case "microsecond":
		return int64(t.Nanosecond() / 1e3)
	}
	return int64(t.Nanosecond())
}
