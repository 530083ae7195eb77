package functions

import (
	"math"
	"sort"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

type strKey struct {
	g int32
	s string
}

type intKey struct {
	g int32
	v int64
}

// evalDcount counts distinct non-null values per group exactly (Kusto estimates; exact is within its
// error bound). One map over (group, value) avoids a map per group.
func evalDcount(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
	a := args[0]
	out := newOut(dataset.Long, ngroups)
	switch {
	case a.Str != nil:
		seen := map[strKey]struct{}{}
		for i, g := range groups {
			k := strKey{g, a.Str[i]}
			if _, ok := seen[k]; !ok {
				seen[k] = struct{}{}
				out.Int[g]++
			}
		}
	case a.Int != nil || a.Real != nil:
		seen := map[intKey]struct{}{}
		for i, g := range groups {
			if a.IsNull(i) {
				continue
			}
			v := int64(0)
			if a.Int != nil {
				v = a.Int[i]
			} else {
				v = int64(math.Float64bits(a.Real[i]))
			}
			k := intKey{g, v}
			if _, ok := seen[k]; !ok {
				seen[k] = struct{}{}
				out.Int[g]++
			}
		}
	default:
		seen := map[strKey]struct{}{}
		for i, g := range groups {
			if a.Dyn[i] == nil {
				continue
			}
			k := strKey{g, dynKey(a.Dyn[i])}
			if _, ok := seen[k]; !ok {
				seen[k] = struct{}{}
				out.Int[g]++
			}
		}
	}
	return out, nil
}

// maxSizeArg reads make_set/make_list's optional size cap (argument idx), else def.
func maxSizeArg(args []*dataset.Column, idx, def int) int {
	if len(args) > idx && args[idx].Len() > 0 {
		if v, ok := longOf(args[idx], 0); ok && v > 0 {
			return int(v)
		}
	}
	return def
}

// Default size caps: 1,048,576 for make_set/make_list, 128 for the deprecated makeset/makelist.
const (
	defaultMaxSize    = 1 << 20
	deprecatedMaxSize = 128
)

// collect builds make_set (distinct, arrays flattened) or make_list per group, in row order, nulls skipped,
// at most def elements unless a size argument says otherwise.
func collect(distinct bool, def int) aggFn {
	return func(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
		a := args[0]
		limit := maxSizeArg(args, 1, def)
		lists := make([][]any, ngroups)
		seen := map[strKey]struct{}{}
		add := func(g int32, v any) {
			if len(lists[g]) >= limit {
				return
			}
			if distinct {
				k := strKey{g, dynKey(v)}
				if _, ok := seen[k]; ok {
					return
				}
				seen[k] = struct{}{}
			}
			lists[g] = append(lists[g], v)
		}
		for i, g := range groups {
			if isNullCell(a, i) {
				continue
			}
			var v any
			switch {
			case a.Str != nil:
				v = a.Str[i]
			case a.Dyn != nil:
				v = a.Dyn[i]
			default:
				v = toDyn(cellValue(a, i))
			}
			if arr, ok := v.([]any); ok && distinct {
				for _, e := range arr {
					add(g, e)
				}
				continue
			}
			add(g, v)
		}
		out := newOut(dataset.Dynamic, ngroups)
		for g, l := range lists {
			if l == nil {
				l = []any{}
			}
			out.Dyn[g] = l
		}
		return out, nil
	}
}

// evalListWithNulls is make_list_with_nulls: every row's value in row order, nulls kept as null.
func evalListWithNulls(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
	a := args[0]
	limit := maxSizeArg(args, 1, defaultMaxSize)
	out := newOut(dataset.Dynamic, ngroups)
	for g := range out.Dyn {
		out.Dyn[g] = []any{}
	}
	for i, g := range groups {
		l := out.Dyn[g].([]any)
		if len(l) < limit {
			out.Dyn[g] = append(l, toDyn(cellValue(a, i)))
		}
	}
	return out, nil
}

// evalMakeBag merges the property bags of each group; earlier rows win on duplicate keys.
func evalMakeBag(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
	a := args[0]
	limit := maxSizeArg(args, 1, defaultMaxSize)
	out := newOut(dataset.Dynamic, ngroups)
	for g := range out.Dyn {
		out.Dyn[g] = map[string]any{}
	}
	for i, g := range groups {
		m, ok := dynCell(a, i).(map[string]any)
		if !ok {
			continue
		}
		bag := out.Dyn[g].(map[string]any)
		for k, v := range m {
			if _, dup := bag[k]; !dup && len(bag) < limit {
				bag[k] = v
			}
		}
	}
	return out, nil
}

// evalPercentile is the nearest-rank percentile of each group's non-null values (Kusto estimates; the
// nearest rank is what its estimate converges to).
func evalPercentile(_ *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error) {
	a := args[0]
	p := 50.0
	if len(args) > 1 && args[1].Len() > 0 {
		if v, ok := floatOf(args[1], 0); ok {
			p = v
		}
	}
	if p < 0 || p > 100 {
		return nil, errorf("percentile(): percentage %v must be between 0 and 100", p)
	}
	rows := make([][]int, ngroups)
	for i, g := range groups {
		if !a.IsNull(i) {
			rows[g] = append(rows[g], i)
		}
	}
	out := newOut(a.Type, ngroups)
	for g, rs := range rows {
		if len(rs) == 0 {
			out.SetNull(g)
			continue
		}
		sort.SliceStable(rs, func(x, y int) bool {
			c, _ := compareAny(cellValue(a, rs[x]), cellValue(a, rs[y]))
			return c < 0
		})
		k := int(math.Ceil(p/100*float64(len(rs)))) - 1
		k = max(0, min(k, len(rs)-1))
		copyCell(out, g, a, rs[k])
	}
	return out, nil
}
