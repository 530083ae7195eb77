package functions

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func registerExtras2(r *Registry) {
	registerTrig(r)
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
		Name: "indexof_regex", MinArgs: 2, MaxArgs: 5, Result: fixed("indexof_regex", dataset.Long, kAny, kString, kInt),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Long, n)
			cache := regexCache{}
			for i := 0; i < n; i++ {
				re, err := cache.get(strCell(args[1], i))
				if err != nil {
					return nil, err
				}
				s := strCell(args[0], i)
				start := int64(0)
				if len(args) > 2 {
					start, _ = longOf(args[2], i)
				}
				start = max(0, min(start, int64(len(s))))
				loc := re.FindStringIndex(s[start:])
				if loc == nil {
					out.Int[i] = -1
					continue
				}
				out.Int[i] = start + int64(loc[0])
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "parse_ipv4_mask", MinArgs: 2, MaxArgs: 2, Result: fixed("parse_ipv4_mask", dataset.Long, kString, kInt),
		Eval: rowwise(dataset.Long, func(_ *Context, row []any) (any, error) {
			a, err := netip.ParseAddr(strArg(row[0]))
			m, ok := anyToLong(row[1])
			if err != nil || !a.Is4() || !ok || m < 0 || m > 32 {
				return nil, nil
			}
			p, _ := a.Prefix(int(m))
			return ipv4Long(p.Addr()), nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "format_bytes", MinArgs: 1, MaxArgs: 3, Result: fixed("format_bytes", dataset.String, kNum, kInt, kString),
		Eval: rowwise(dataset.String, func(_ *Context, row []any) (any, error) {
			v, ok := anyToFloat(row[0])
			if !ok {
				return "", nil
			}
			prec := int64(0)
			if len(row) > 1 {
				prec, _ = anyToLong(row[1])
			}
			return formatBytes(v, int(max(0, min(prec, 10)))), nil
		}),
	})
}

// formatBytes renders a byte count with the largest unit that keeps it at least 1, as format_bytes does.
func formatBytes(v float64, prec int) string {
	units := []string{"Bytes", "KB", "MB", "GB", "TB", "PB"}
	u := 0
	for u < len(units)-1 && (v >= 1024 || v <= -1024) {
		v /= 1024
		u++
	}
	return strconv.FormatFloat(v, 'f', prec, 64) + " " + units[u]
}
