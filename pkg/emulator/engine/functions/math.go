package functions

import (
	"fmt"
	"math"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// realFn registers a real-valued function of real arguments; NaN or infinite results stay as Kusto
// returns them (real columns can hold them), null arguments give null.
func realFn(r *Registry, name string, nargs int, f func(x []float64) float64) {
	numericFn(r, name, nargs, kNum, dataset.Real, floatOf, func(c *dataset.Column) []float64 { return c.Real }, f)
}

// numericFn registers a function of nargs arguments read as T (read), returning T into the cells of an out
// column: a null argument gives a null result.
func numericFn[T int64 | float64](r *Registry, name string, nargs int, kind argKind, out dataset.Type,
	read func(*dataset.Column, int) (T, bool), cells func(*dataset.Column) []T, f func(x []T) T) {
	kinds := make([]argKind, nargs)
	for k := range kinds {
		kinds[k] = kind
	}
	r.addScalar(&Scalar{
		Name: name, MinArgs: nargs, MaxArgs: nargs, Result: fixed(name, out, kinds...),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			res := newOut(out, n)
			dst := cells(res)
			x := make([]T, nargs)
			for i := 0; i < n; i++ {
				ok := true
				for k, a := range args {
					var aok bool
					x[k], aok = read(a, i)
					ok = ok && aok
				}
				if !ok {
					res.SetNull(i)
					continue
				}
				dst[i] = f(x)
			}
			return res, nil
		},
	})
}

func registerMath(r *Registry) {
	registerBin(r)
	realFn(r, "log", 1, func(x []float64) float64 { return math.Log(x[0]) })
	realFn(r, "log10", 1, func(x []float64) float64 { return math.Log10(x[0]) })
	realFn(r, "log2", 1, func(x []float64) float64 { return math.Log2(x[0]) })
	realFn(r, "exp", 1, func(x []float64) float64 { return math.Exp(x[0]) })
	realFn(r, "exp2", 1, func(x []float64) float64 { return math.Exp2(x[0]) })
	realFn(r, "exp10", 1, func(x []float64) float64 { return math.Pow(10, x[0]) })
	realFn(r, "sqrt", 1, func(x []float64) float64 { return math.Sqrt(x[0]) })
	realFn(r, "pow", 2, func(x []float64) float64 { return math.Pow(x[0], x[1]) })
	realFn(r, "ceiling", 1, func(x []float64) float64 { return math.Ceil(x[0]) })
	realFn(r, "sign", 1, func(x []float64) float64 {
		switch {
		case x[0] > 0:
			return 1
		case x[0] < 0:
			return -1
		}
		return 0
	})
	r.addScalar(&Scalar{
		Name: "pi", MinArgs: 0, MaxArgs: 0, Result: fixed("pi", dataset.Real),
		Eval: func(_ *Context, _ []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Real, n)
			for i := range out.Real {
				out.Real[i] = math.Pi
			}
			return out, nil
		},
	})
	for name, f := range map[string]func(float64) bool{
		"isnan": math.IsNaN, "isinf": func(x float64) bool { return math.IsInf(x, 0) },
		"isfinite": func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) },
	} {
		f := f
		r.addScalar(&Scalar{
			Name: name, MinArgs: 1, MaxArgs: 1, Result: fixed(name, dataset.Bool, kNum),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				out := newOut(dataset.Bool, n)
				for i := 0; i < n; i++ {
					x, ok := floatOf(args[0], i)
					setBool(out, i, ok && f(x))
				}
				return out, nil
			},
		})
	}
	r.addScalar(&Scalar{
		Name: "abs", MinArgs: 1, MaxArgs: 1,
		Result: func(args []dataset.Type) (dataset.Type, error) {
			t := args[0]
			if isNumeric(t) || t == dataset.TimeSpan {
				return t, nil
			}
			if t == dataset.Dynamic {
				return dataset.Real, nil
			}
			return "", argErr("abs", 0, kNum)
		},
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			a := args[0]
			t := a.Type
			if t == dataset.Dynamic {
				t = dataset.Real
			}
			out := newOut(t, n)
			for i := 0; i < n; i++ {
				if out.Real != nil {
					x, ok := floatOf(a, i)
					if !ok {
						out.SetNull(i)
						continue
					}
					out.Real[i] = math.Abs(x)
					continue
				}
				if a.IsNull(i) {
					out.SetNull(i)
				} else if x := a.Int[i]; x < 0 {
					out.Int[i] = -x
				} else {
					out.Int[i] = x
				}
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "round", MinArgs: 1, MaxArgs: 2,
		Result: func(args []dataset.Type) (dataset.Type, error) {
			if err := checkArgs("round", args, kNum, kInt); err != nil {
				return "", err
			}
			if isIntegral(args[0]) {
				return args[0], nil
			}
			return dataset.Real, nil
		},
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			if isIntegral(args[0].Type) {
				out := newOut(args[0].Type, n)
				copy(out.Int, args[0].Int)
				out.Null = orNulls(n, args[0])
				return out, nil
			}
			out := newOut(dataset.Real, n)
			for i := 0; i < n; i++ {
				x, ok := floatOf(args[0], i)
				p := int64(0)
				if len(args) > 1 {
					var pok bool
					p, pok = longOf(args[1], i)
					ok = ok && pok
				}
				if !ok {
					out.SetNull(i)
					continue
				}
				scale := math.Pow(10, float64(p))
				out.Real[i] = math.Round(x*scale) / scale
			}
			return out, nil
		},
	})
	for _, isMax := range []bool{false, true} {
		isMax := isMax
		name := "min_of"
		if isMax {
			name = "max_of"
		}
		r.addScalar(&Scalar{
			Name: name, MinArgs: 1, MaxArgs: 64,
			Result: func(args []dataset.Type) (dataset.Type, error) { return unify(name, args) },
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				return extremeOf(name, isMax, args, n)
			},
		})
	}
	registerRandom(r)
}

// extremeOf is min_of/max_of: nulls are ignored, all-null gives null.
func extremeOf(name string, isMax bool, args []*dataset.Column, n int) (*dataset.Column, error) {
	types := make([]dataset.Type, len(args))
	for k, a := range args {
		types[k] = a.Type
	}
	t, err := unify(name, types)
	if err != nil {
		return nil, err
	}
	out := newOut(t, n)
	for i := 0; i < n; i++ {
		var best any
		for _, a := range args {
			v := cellValue(a, i)
			if v == nil {
				continue
			}
			if best == nil {
				best = v
				continue
			}
			if c, ok := compareAny(v, best); ok && (c > 0) == isMax && c != 0 {
				best = v
			}
		}
		setAny(out, i, best)
	}
	return out, nil
}

func registerRandom(r *Registry) {
	r.addScalar(&Scalar{
		Name: "rand", MinArgs: 0, MaxArgs: 1,
		Result: func(args []dataset.Type) (dataset.Type, error) {
			if len(args) == 1 {
				if err := checkArgs("rand", args, kInt); err != nil {
					return "", err
				}
				return dataset.Long, nil
			}
			return dataset.Real, nil
		},
		Eval: func(ctx *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			if ctx == nil || ctx.Rand == nil {
				return nil, fmt.Errorf("rand(): no random source in the query context")
			}
			if len(args) == 0 {
				out := newOut(dataset.Real, n)
				for i := range out.Real {
					out.Real[i] = ctx.Rand.Float64()
				}
				return out, nil
			}
			out := newOut(dataset.Long, n)
			for i := 0; i < n; i++ {
				m, ok := longOf(args[0], i)
				if !ok || m <= 0 {
					out.SetNull(i)
					continue
				}
				out.Int[i] = ctx.Rand.Int64N(m)
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "new_guid", MinArgs: 0, MaxArgs: 0, Result: fixed("new_guid", dataset.GUID),
		Eval: func(ctx *Context, _ []*dataset.Column, n int) (*dataset.Column, error) {
			if ctx == nil || ctx.Rand == nil {
				return nil, fmt.Errorf("new_guid(): no random source in the query context")
			}
			out := newOut(dataset.GUID, n)
			for i := range out.Str {
				var b [16]byte
				for k := 0; k < 16; k += 8 {
					v := ctx.Rand.Uint64()
					for j := 0; j < 8; j++ {
						b[k+j] = byte(v >> (8 * j))
					}
				}
				b[6] = b[6]&0x0f | 0x40
				b[8] = b[8]&0x3f | 0x80
				h := fmt.Sprintf("%x", b[:])
				out.Str[i] = strings.Join([]string{h[0:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-")
			}
			return out, nil
		},
	})
}
