package functions

import (
	"fmt"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// sampleCols are awkward columns of every type: nulls, empties, negatives, non-JSON text, nested dynamics.
func sampleCols() []*dataset.Column {
	return []*dataset.Column{
		strs("", "a,b", `{"k":[1,2]}`, "10.0.0.1", `C:\x\y.exe`, "-1"),
		longs(nil, 0, -1, 3, int64(math.MaxInt64), int64(math.MinInt64)),
		ints(nil, 0, -5, 7, 1, 2),
		reals(nil, 0.0, -2.5, 1e300, math.NaN(), math.Inf(-1)),
		bools(nil, true, false, true, false, true),
		dts(nil, day(1), time.Unix(0, 0).UTC(), day(31), day(2), day(3)),
		spans(nil, time.Hour, -time.Minute, time.Duration(0), 24*time.Hour, time.Second),
		guids("", "0d2b12f0-0000-4000-8000-000000000001", "x", "", "", ""),
		dyns(nil, []any{int64(1), "a"}, map[string]any{"k": "v"}, "s", 2.5, []any{}),
	}
}

// TestEveryScalarIsRobust calls every registered scalar with every accepted combination of awkward
// argument types (up to three arguments): Eval must not panic, and must return Result's type with one
// cell per row. Errors are allowed; they must say what is wrong.
func TestEveryScalarIsRobust(t *testing.T) {
	reg := NewRegistry()
	names := make([]string, 0, len(reg.scalars))
	for n := range reg.scalars {
		names = append(names, n)
	}
	sort.Strings(names)
	samples := sampleCols()
	for _, name := range names {
		f := reg.scalars[name]
		for nargs := f.MinArgs; nargs <= 3 && (f.MaxArgs < 0 || nargs <= f.MaxArgs); nargs++ {
			forEachCombo(len(samples), nargs, func(idx []int) {
				args, types := pickSamples(samples, idx)
				rt, err := f.Result(types)
				if err != nil {
					if err.Error() == "" {
						t.Errorf("%s%v: empty error", name, types)
					}
					return
				}
				out, err := safeEval(f, args, 6)
				if err != nil {
					if err.Error() == "" || containsPanic(err) {
						t.Errorf("%s%v: %v", name, types, err)
					}
					return
				}
				if out.Type != rt || out.Len() != 6 {
					t.Errorf("%s%v: got %s x %d, Result said %s x 6", name, types, out.Type, out.Len(), rt)
				}
			})
		}
	}
}

func forEachCombo(nvals, k int, f func([]int)) {
	idx := make([]int, k)
	var rec func(int)
	rec = func(pos int) {
		if pos == k {
			f(idx)
			return
		}
		for v := 0; v < nvals; v++ {
			idx[pos] = v
			rec(pos + 1)
		}
	}
	rec(0)
}

type panicErr struct{ v any }

func (p panicErr) Error() string { return fmt.Sprintf("panic: %v", p.v) }

func containsPanic(err error) bool { _, ok := err.(panicErr); return ok }

func safeEval(f *Scalar, args []*dataset.Column, n int) (out *dataset.Column, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicErr{r}
		}
	}()
	return f.Eval(testCtx(), args, n)
}

// TestEveryAggregateIsRobust does the same for aggregates over two groups, one of them empty.
func TestEveryAggregateIsRobust(t *testing.T) {
	reg := NewRegistry()
	samples := sampleCols()
	groups := []int32{0, 0, 0, 0, 0, 0}
	for name, f := range reg.aggregates {
		for nargs := f.MinArgs; nargs <= 3 && (f.MaxArgs < 0 || nargs <= f.MaxArgs); nargs++ {
			forEachCombo(len(samples), nargs, func(idx []int) {
				args, types := pickSamples(samples, idx)
				rt, err := f.Result(types)
				if err != nil {
					return
				}
				out, err := safeAgg(f, args, groups, 2)
				if err != nil {
					if containsPanic(err) {
						t.Errorf("%s%v: %v", name, types, err)
					}
					return
				}
				if out.Type != rt || out.Len() != 2 {
					t.Errorf("%s%v: got %s x %d, Result said %s x 2", name, types, out.Type, out.Len(), rt)
				}
			})
		}
	}
}

func safeAgg(f *Aggregate, args []*dataset.Column, groups []int32, ngroups int) (out *dataset.Column, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicErr{r}
		}
	}()
	return f.Eval(testCtx(), args, groups, ngroups)
}

func TestArgumentCountIsChecked(t *testing.T) {
	reg := NewRegistry()
	tests := []struct {
		name    string
		types   []dataset.Type
		wantErr string
	}{
		{"max", nil, "max(): expects 1 argument, got 0"},
		{"arg_max", nil, "arg_max(): expects at least 1 arguments, got 0"},
		{"substring", []dataset.Type{dataset.String}, "substring(): expects 2 to 3 arguments, got 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if f, ok := reg.Scalar(tc.name); ok {
				_, err = f.Result(tc.types)
			} else if a, ok := reg.Aggregate(tc.name); ok {
				_, err = a.Result(tc.types)
			}
			if err == nil || err.Error() != tc.wantErr {
				t.Fatalf("error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// pickSamples returns the sample columns named by idx and their types, as one argument list.
func pickSamples(samples []*dataset.Column, idx []int) ([]*dataset.Column, []dataset.Type) {
	args := make([]*dataset.Column, len(idx))
	types := make([]dataset.Type, len(idx))
	for k, i := range idx {
		args[k], types[k] = samples[i], samples[i].Type
	}
	return args, types
}
