package functions

import (
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

var unitNs = map[string]int64{
	"week": int64(7 * 24 * time.Hour), "day": int64(24 * time.Hour), "hour": int64(time.Hour),
	"minute": int64(time.Minute), "second": int64(time.Second), "millisecond": int64(time.Millisecond),
	"microsecond": int64(time.Microsecond), "nanosecond": 1,
}

func addPart(t time.Time, part string, n int64) time.Time {
	switch part {
	case "year":
		return t.AddDate(int(n), 0, 0)
	case "quarter":
		return t.AddDate(0, 3*int(n), 0)
	case "month":
		return t.AddDate(0, int(n), 0)
	}
	return t.Add(time.Duration(n * unitNs[part]))
}

// diffPart counts the period boundaries between b and a (a - b), as datetime_diff does.
func diffPart(part string, a, b time.Time) int64 {
	switch part {
	case "year":
		return int64(a.Year() - b.Year())
	case "quarter":
		return int64((a.Year()-b.Year())*4 + (int(a.Month())-1)/3 - (int(b.Month())-1)/3)
	case "month":
		return int64((a.Year()-b.Year())*12 + int(a.Month()) - int(b.Month()))
	case "week":
		return (startOfWeek(a, 0).UnixNano() - startOfWeek(b, 0).UnixNano()) / unitNs["week"]
	}
	u := unitNs[part]
	return floorDiv(a.UnixNano(), u) - floorDiv(b.UnixNano(), u)
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
		Eval: rowwise(dataset.DateTime, strictRow(func(_ *Context, row []any) (any, error) {
			part, err := datePart("datetime_add", strArg(row[0]))
			if err != nil {
				return nil, err
			}
			n, ok1 := anyToLong(row[1])
			t, ok2 := anyToTime(row[2])
			if !ok1 || !ok2 {
				return nil, nil
			}
			return addPart(time.Unix(0, t).UTC(), part, n), nil
		})),
	})
	r.addScalar(&Scalar{
		Name: "datetime_diff", MinArgs: 3, MaxArgs: 3,
		Result: fixed("datetime_diff", dataset.Long, kString, kTime, kTime),
		Eval: rowwise(dataset.Long, strictRow(func(_ *Context, row []any) (any, error) {
			part, err := datePart("datetime_diff", strArg(row[0]))
			if err != nil {
				return nil, err
			}
			a, ok1 := anyToTime(row[1])
			b, ok2 := anyToTime(row[2])
			if !ok1 || !ok2 {
				return nil, nil
			}
			return diffPart(part, time.Unix(0, a).UTC(), time.Unix(0, b).UTC()), nil
		})),
	})
	r.addScalar(&Scalar{
		Name: "datetime_part", MinArgs: 2, MaxArgs: 2,
		Result: fixed("datetime_part", dataset.Int, kString, kTime),
		Eval: rowwise(dataset.Int, strictRow(func(_ *Context, row []any) (any, error) {
			part, err := datePart("datetime_part", strArg(row[0]))
			if err != nil {
				return nil, err
			}
			ns, ok := anyToTime(row[1])
			if !ok {
				return nil, nil
			}
			return partOf(part, time.Unix(0, ns).UTC()), nil
		})),
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
