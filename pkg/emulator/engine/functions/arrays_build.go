package functions

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// registerArrayBuilders adds the functions that build an array from whole arrays or values, or compare
// two arrays as sets: zip, repeat, array_iff and jaccard_index.
func registerArrayBuilders(r *Registry) {
	r.addScalar(&Scalar{
		Name: "zip", MinArgs: 2, MaxArgs: 16, Result: fixed("zip", dataset.Dynamic, kArray),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				arrs := make([][]any, len(args))
				longest := 0
				for k, a := range args {
					arrs[k], _ = arrayCell(a, i)
					longest = max(longest, len(arrs[k]))
				}
				res := make([]any, longest)
				for j := range res {
					tuple := make([]any, len(arrs))
					for k, arr := range arrs {
						if j < len(arr) {
							tuple[k] = arr[j]
						}
					}
					res[j] = tuple
				}
				out.Dyn[i] = res
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "repeat", MinArgs: 2, MaxArgs: 2, Result: fixed("repeat", dataset.Dynamic, kAny, kInt),
		Eval: rowwise(dataset.Dynamic, func(_ *Context, row []any) (any, error) {
			k, ok := anyToLong(row[1])
			if !ok || k < 0 {
				return nil, nil
			}
			if k > 1_000_000 {
				return nil, fmt.Errorf("repeat(): count %d is more than 1,000,000", k)
			}
			out := make([]any, k)
			for i := range out {
				out[i] = toDyn(row[0])
			}
			return out, nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "array_iff", MinArgs: 3, MaxArgs: 3, Result: fixed("array_iff", dataset.Dynamic, kArray, kAny, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				conds, ok := arrayCell(args[0], i)
				if !ok {
					continue
				}
				whenTrue, whenFalse := dynCell(args[1], i), dynCell(args[2], i)
				res := make([]any, len(conds))
				for k, c := range conds {
					src := whenFalse
					if b, _ := anyToBool(c); b {
						src = whenTrue
					}
					if arr, isArr := src.([]any); isArr {
						res[k] = indexArray(arr, int64(k))
					} else {
						res[k] = src
					}
				}
				out.Dyn[i] = res
			}
			return out, nil
		},
	}, "array_iif")
	r.addScalar(&Scalar{
		Name: "jaccard_index", MinArgs: 2, MaxArgs: 2, Result: fixed("jaccard_index", dataset.Real, kArray, kArray),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Real, n)
			for i := 0; i < n; i++ {
				a, _ := arrayCell(args[0], i)
				b, _ := arrayCell(args[1], i)
				out.Real[i] = jaccard(a, b)
			}
			return out, nil
		},
	})
}

// jaccard is |a ∩ b| / |a ∪ b| over distinct elements; two empty sets give 0 as in Kusto.
func jaccard(a, b []any) float64 {
	sa, sb := map[string]bool{}, map[string]bool{}
	for _, v := range a {
		sa[dynKey(v)] = true
	}
	for _, v := range b {
		sb[dynKey(v)] = true
	}
	inter := 0
	for k := range sa {
		if sb[k] {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
