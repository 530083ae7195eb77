package functions

import (
	"math"
	"sort"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// dynKey identifies a dynamic value for set functions: scalars by kind and text, containers by JSON.
func dynKey(v any) string {
	switch v.(type) {
	case string:
		return "s" + v.(string)
	case nil:
		return "n"
	}
	return "j" + jsonText(v)
}

func registerArrays(r *Registry) {
	r.addScalar(&Scalar{
		Name: "array_length", MinArgs: 1, MaxArgs: 1, Result: fixed("array_length", dataset.Long, kArray),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Long, n)
			for i := 0; i < n; i++ {
				if arr, ok := arrayCell(args[0], i); ok {
					out.Int[i] = int64(len(arr))
				} else {
					out.SetNull(i)
				}
			}
			return out, nil
		},
	})
	arrFn := func(name string, min, max int, kinds []argKind, out dataset.Type, f rowFunc, aliases ...string) {
		r.addScalar(&Scalar{
			Name: name, MinArgs: min, MaxArgs: max, Result: fixed(name, out, kinds...),
			// The array argument may be a string holding JSON; the others are read as they are.
			Eval: dynRowwise(out, func(k int, a *dataset.Column) bool {
				return a.Type == dataset.Dynamic || (k == 0 && a.Type == dataset.String)
			}, f),
		}, aliases...)
	}
	arrFn("array_index_of", 2, 4, []argKind{kArray, kAny}, dataset.Long, func(_ *Context, row []any) (any, error) {
		arr, ok := row[0].([]any)
		if !ok {
			return nil, nil
		}
		want := dynKey(toDyn(row[1]))
		for k, v := range arr {
			if dynKey(v) == want {
				return int64(k), nil
			}
		}
		return int64(-1), nil
	})
	arrFn("array_slice", 3, 3, []argKind{kArray, kInt, kInt}, dataset.Dynamic, func(_ *Context, row []any) (any, error) {
		arr, ok := row[0].([]any)
		lo, ok1 := anyToLong(row[1])
		hi, ok2 := anyToLong(row[2])
		if !ok || !ok1 || !ok2 {
			return nil, nil
		}
		n := int64(len(arr))
		if lo < 0 {
			lo += n
		}
		if hi < 0 {
			hi += n
		}
		lo, hi = max(lo, 0), min(hi, n-1)
		if lo > hi {
			return []any{}, nil
		}
		return append([]any{}, arr[lo:hi+1]...), nil
	})
	arrFn("array_concat", 1, -1, []argKind{kArray}, dataset.Dynamic, func(_ *Context, row []any) (any, error) {
		out := []any{}
		for _, v := range row {
			arr, _ := v.([]any)
			out = append(out, arr...)
		}
		return out, nil
	})
	arrFn("array_reverse", 1, 1, []argKind{kArray}, dataset.Dynamic, func(_ *Context, row []any) (any, error) {
		arr, ok := row[0].([]any)
		if !ok {
			return nil, nil
		}
		out := make([]any, len(arr))
		for k, v := range arr {
			out[len(arr)-1-k] = v
		}
		return out, nil
	})
	for _, desc := range []bool{false, true} {
		desc := desc
		name := "array_sort_asc"
		if desc {
			name = "array_sort_desc"
		}
		arrFn(name, 1, 2, []argKind{kArray, kBool}, dataset.Dynamic, func(_ *Context, row []any) (any, error) {
			arr, ok := row[0].([]any)
			if !ok {
				return nil, nil
			}
			out := append([]any{}, arr...)
			sort.SliceStable(out, func(a, b int) bool {
				c, _ := compareAny(out[a], out[b])
				if desc {
					return c > 0
				}
				return c < 0
			})
			return out, nil
		})
	}
	arrFn("array_sum", 1, 1, []argKind{kArray}, dataset.Real, func(_ *Context, row []any) (any, error) {
		arr, ok := row[0].([]any)
		if !ok {
			return nil, nil
		}
		var s float64
		for _, v := range arr {
			f, _ := dynNumber(v)
			s += f
		}
		return s, nil
	})
	arrFn("set_has_element", 2, 2, []argKind{kArray, kAny}, dataset.Bool, func(_ *Context, row []any) (any, error) {
		arr, _ := row[0].([]any)
		want := dynKey(toDyn(row[1]))
		for _, v := range arr {
			if dynKey(v) == want {
				return true, nil
			}
		}
		return false, nil
	})
	arrFn("set_union", 2, -1, []argKind{kArray}, dataset.Dynamic, setOp(func(c, k int) bool { return true }))
	arrFn("set_intersect", 2, -1, []argKind{kArray}, dataset.Dynamic, setOp(func(c, k int) bool { return c == k }))
	arrFn("set_difference", 2, -1, []argKind{kArray}, dataset.Dynamic, func(_ *Context, row []any) (any, error) {
		exclude := map[string]bool{}
		for _, v := range row[1:] {
			arr, _ := v.([]any)
			for _, e := range arr {
				exclude[dynKey(e)] = true
			}
		}
		first, _ := row[0].([]any)
		out, seen := []any{}, map[string]bool{}
		for _, e := range first {
			k := dynKey(e)
			if !exclude[k] && !seen[k] {
				seen[k] = true
				out = append(out, e)
			}
		}
		return out, nil
	})
	arrFn("range", 2, 3, []argKind{kAny}, dataset.Dynamic, rangeArray)
}

// setOp keeps distinct elements, in first-seen order, present in a number of arrays accepted by keep.
func setOp(keep func(count, arrays int) bool) rowFunc {
	return func(_ *Context, row []any) (any, error) {
		counts, order, vals := map[string]int{}, []string{}, map[string]any{}
		for _, v := range row {
			arr, _ := v.([]any)
			seen := map[string]bool{}
			for _, e := range arr {
				k := dynKey(e)
				if seen[k] {
					continue
				}
				seen[k] = true
				if _, ok := counts[k]; !ok {
					order = append(order, k)
					vals[k] = e
				}
				counts[k]++
			}
		}
		out := []any{}
		for _, k := range order {
			if keep(counts[k], len(row)) {
				out = append(out, vals[k])
			}
		}
		return out, nil
	}
}

// rangeArray is range(start, stop[, step]) for numbers, capped at a million elements.
func rangeArray(_ *Context, row []any) (any, error) {
	start, ok1 := anyToFloat(row[0])
	stop, ok2 := anyToFloat(row[1])
	step := 1.0
	if len(row) > 2 {
		s, ok := anyToFloat(row[2])
		if !ok || s == 0 {
			return nil, nil
		}
		step = s
	}
	if !ok1 || !ok2 {
		return nil, nil
	}
	_, intStart := row[0].(int64)
	count := math.Floor((stop-start)/step) + 1
	if math.IsNaN(count) || count <= 0 {
		return []any{}, nil
	}
	if count > 1_000_000 {
		return nil, errorf("range(): %g elements requested, more than 1,000,000; use a larger step", count)
	}
	out := make([]any, int(count))
	for k := range out {
		v := start + float64(k)*step
		if intStart && step == math.Trunc(step) {
			out[k] = int64(v)
		} else {
			out[k] = v
		}
	}
	return out, nil
}
