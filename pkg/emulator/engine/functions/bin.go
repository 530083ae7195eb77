package functions

import (
	"math"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// ticksEpochNs is 0001-01-01 in Unix ns divided by 100 (ticks): Kusto bins datetimes from year 1, which
// matters for bin sizes that do not divide a day (7d bins start on Mondays).
const ticksToUnix = 621355968000000000

func binResult(fn string, withFixed bool) func([]dataset.Type) (dataset.Type, error) {
	return func(args []dataset.Type) (dataset.Type, error) {
		v, size := args[0], args[1]
		if withFixed && !(args[2] == v || (isNumeric(args[2]) && isNumeric(v)) || args[2] == dataset.Dynamic) {
			return "", argErr(fn, 2, argKind{noun: string(v)})
		}
		switch {
		case v == dataset.DateTime && (size == dataset.TimeSpan || size == dataset.Dynamic):
			return dataset.DateTime, nil
		case v == dataset.TimeSpan && (size == dataset.TimeSpan || size == dataset.Dynamic):
			return dataset.TimeSpan, nil
		case isIntegral(v) && isIntegral(size):
			return v, nil
		case (isNumeric(v) || v == dataset.Dynamic) && (isNumeric(size) || size == dataset.Dynamic):
			return dataset.Real, nil
		case v == dataset.DateTime:
			return "", argErr(fn, 1, kSpan)
		}
		return "", argErr(fn, 0, argKind{noun: "numeric, datetime or timespan"})
	}
}

func floorStep(x, step int64) int64 { return floorDiv(x, step) * step }

// evalBin floors each value to a multiple of size (offset by at, for bin_at); a null or non-positive size
// gives null.
func evalBin(out dataset.Type, v, size, at *dataset.Column, n int) *dataset.Column {
	if fast := binIntFast(out, v, size, at, n); fast != nil {
		return fast
	}
	res := newOut(out, n)
	switch out {
	case dataset.DateTime, dataset.TimeSpan:
		for i := 0; i < n; i++ {
			var x, s, a int64
			var ok1, ok2, ok3 bool = true, true, true
			if out == dataset.DateTime {
				x, ok1 = timeOf(v, i)
			} else {
				x, ok1 = spanOf(v, i)
			}
			s, ok2 = spanOf(size, i)
			if at != nil {
				if out == dataset.DateTime {
					a, ok3 = timeOf(at, i)
				} else {
					a, ok3 = spanOf(at, i)
				}
			}
			if !ok1 || !ok2 || !ok3 || s <= 0 {
				res.SetNull(i)
				continue
			}
			switch {
			case at != nil:
				res.Int[i] = floorStep(x-a, s) + a
			case out == dataset.DateTime && s%100 == 0:
				ticks := floorDiv(x, 100) + ticksToUnix
				res.Int[i] = (floorStep(ticks, s/100) - ticksToUnix) * 100
			default:
				res.Int[i] = floorStep(x, s)
			}
		}
	case dataset.Real:
		for i := 0; i < n; i++ {
			x, ok1 := floatOf(v, i)
			s, ok2 := floatOf(size, i)
			a, ok3 := 0.0, true
			if at != nil {
				a, ok3 = floatOf(at, i)
			}
			if !ok1 || !ok2 || !ok3 || s <= 0 {
				res.SetNull(i)
				continue
			}
			res.Real[i] = math.Floor((x-a)/s)*s + a
		}
	default:
		for i := 0; i < n; i++ {
			x, ok1 := longOf(v, i)
			s, ok2 := longOf(size, i)
			a, ok3 := int64(0), true
			if at != nil {
				a, ok3 = longOf(at, i)
			}
			if !ok1 || !ok2 || !ok3 || s <= 0 {
				res.SetNull(i)
				continue
			}
			res.Int[i] = floorStep(x-a, s) + a
		}
	}
	return res
}

func registerBin(r *Registry) {
	r.addScalar(&Scalar{
		Name: "bin", MinArgs: 2, MaxArgs: 2, Result: binResult("bin", false),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			t, err := binResult("bin", false)([]dataset.Type{args[0].Type, args[1].Type})
			if err != nil {
				return nil, err
			}
			return evalBin(t, args[0], args[1], nil, n), nil
		},
	}, "floor")
	r.addScalar(&Scalar{
		Name: "bin_at", MinArgs: 3, MaxArgs: 3, Result: binResult("bin_at", true),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			t, err := binResult("bin_at", true)([]dataset.Type{args[0].Type, args[1].Type, args[2].Type})
			if err != nil {
				return nil, err
			}
			return evalBin(t, args[0], args[1], args[2], n), nil
		},
	})
}

// binIntFast is bin() of a datetime or timespan column by one positive timespan (the summarize-by-bin
// case): a tight loop over the Int slice. It returns nil when the case does not apply.
func binIntFast(out dataset.Type, v, size, at *dataset.Column, n int) *dataset.Column {
	if at != nil || v.Type != out || size.Type != dataset.TimeSpan || n == 0 || size.IsNull(0) {
		return nil
	}
	s := size.Int[0]
	if s <= 0 {
		return nil
	}
	for _, x := range size.Int[:n] {
		if x != s {
			return nil
		}
	}
	res := newOut(out, n)
	if v.Null != nil {
		res.Null = append([]bool(nil), v.Null[:n]...)
	}
	if out == dataset.DateTime && s%100 == 0 {
		st := s / 100
		for i, x := range v.Int[:n] {
			ticks := floorDiv(x, 100) + ticksToUnix
			res.Int[i] = (floorStep(ticks, st) - ticksToUnix) * 100
		}
		return res
	}
	for i, x := range v.Int[:n] {
		res.Int[i] = floorStep(x, s)
	}
	return res
}
