package functions

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// unify is the common type of values that may come from different branches (iff, case, coalesce, max_of):
// identical types, numbers promoted, string and guid as string, and a dynamic branch takes the type of
// the scalar branches (iff(c, d[0], "x") is a string), otherwise Kusto's error. The dynamic rule is
// Kusto's own: its documentation asks for one type, and its semantic model (Kusto.Language's common scalar
// type: "non-dynamic scalars are better") resolves dynamic against a scalar to the scalar, converting the
// dynamic value per cell as tostring(), tolong() ... would.
func unify(fn string, types []dataset.Type) (dataset.Type, error) {
	t := types[0]
	for _, u := range types[1:] {
		switch {
		case u == t, u == dataset.Dynamic:
		case t == dataset.Dynamic:
			t = u
		case isNumeric(t) && isNumeric(u):
			t = numResult(t, u)
			if t == dataset.Int {
				t = dataset.Long
			}
		case isStringy(t) && isStringy(u):
			t = dataset.String
		default:
			return "", fmt.Errorf("%s(): all result arguments must be of the same type, got %s and %s", fn, t, u)
		}
	}
	return t, nil
}

// condTrue reads a predicate cell; null counts as false, as in where.
func condTrue(c *dataset.Column, i int) bool {
	b, ok := boolCell(c, i)
	return ok && b
}

// copyCell sets out[i] from src[j], converting when the unified type differs.
func copyCell(out *dataset.Column, i int, src *dataset.Column, j int) {
	if src.Type == out.Type || (isStringy(src.Type) && isStringy(out.Type)) {
		if src.IsNull(j) {
			out.SetNull(i)
			return
		}
		switch {
		case out.Str != nil:
			out.Str[i] = src.Str[j]
		case out.Real != nil:
			out.Real[i] = src.Real[j]
		case out.Dyn != nil:
			out.Dyn[i] = src.Dyn[j]
		default:
			out.Int[i] = src.Int[j]
		}
		return
	}
	setAny(out, i, cellValue(src, j))
}

func registerMisc(r *Registry) {
	r.addScalar(&Scalar{
		Name: "iff", MinArgs: 3, MaxArgs: 3,
		Result: func(args []dataset.Type) (dataset.Type, error) {
			if err := checkArgs("iff", args[:1], kBool); err != nil {
				return "", err
			}
			return unify("iff", args[1:])
		},
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			t, err := unify("iff", []dataset.Type{args[1].Type, args[2].Type})
			if err != nil {
				return nil, err
			}
			out := newOut(t, n)
			for i := 0; i < n; i++ {
				if condTrue(args[0], i) {
					copyCell(out, i, args[1], i)
				} else {
					copyCell(out, i, args[2], i)
				}
			}
			return out, nil
		},
	}, "iif")
	r.addScalar(&Scalar{
		Name: "case", MinArgs: 3, MaxArgs: -1,
		Result: func(args []dataset.Type) (dataset.Type, error) {
			if len(args)%2 == 0 {
				return "", fmt.Errorf("case(): expects pairs of predicate and value followed by an else value, got %d arguments", len(args))
			}
			var vals []dataset.Type
			for k := 0; k < len(args)-1; k += 2 {
				if !kBool.ok(args[k]) {
					return "", argErr("case", k, kBool)
				}
				vals = append(vals, args[k+1])
			}
			return unify("case", append(vals, args[len(args)-1]))
		},
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			var vals []dataset.Type
			for k := 1; k < len(args); k += 2 {
				vals = append(vals, args[k].Type)
			}
			t, err := unify("case", append(vals, args[len(args)-1].Type))
			if err != nil {
				return nil, err
			}
			out := newOut(t, n)
			for i := 0; i < n; i++ {
				src := args[len(args)-1]
				for k := 0; k+1 < len(args); k += 2 {
					if condTrue(args[k], i) {
						src = args[k+1]
						break
					}
				}
				copyCell(out, i, src, i)
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "coalesce", MinArgs: 1, MaxArgs: 64,
		Result: func(args []dataset.Type) (dataset.Type, error) { return unify("coalesce", args) },
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			types := make([]dataset.Type, len(args))
			for k, a := range args {
				types[k] = a.Type
			}
			t, err := unify("coalesce", types)
			if err != nil {
				return nil, err
			}
			out := newOut(t, n)
			for i := 0; i < n; i++ {
				src := args[len(args)-1]
				for _, a := range args {
					if !isEmptyCell(a, i) {
						src = a
						break
					}
				}
				copyCell(out, i, src, i)
			}
			return out, nil
		},
	})
	pred := func(name string, f func(c *dataset.Column, i int) bool, aliases ...string) {
		r.addScalar(&Scalar{
			Name: name, MinArgs: 1, MaxArgs: 1, Result: fixed(name, dataset.Bool, kAny),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				out := newOut(dataset.Bool, n)
				for i := 0; i < n; i++ {
					setBool(out, i, f(args[0], i))
				}
				return out, nil
			},
		}, aliases...)
	}
	pred("isempty", isEmptyCell)
	pred("isnotempty", func(c *dataset.Column, i int) bool { return !isEmptyCell(c, i) }, "notempty")
	pred("isnull", isNullCell)
	pred("isnotnull", func(c *dataset.Column, i int) bool { return !isNullCell(c, i) }, "notnull")
}

// isEmptyCell is isempty(): an empty string, a null, or a dynamic null or empty string.
func isEmptyCell(c *dataset.Column, i int) bool {
	switch c.Type {
	case dataset.String, dataset.GUID:
		return c.Str[i] == ""
	case dataset.Dynamic:
		v := c.Dyn[i]
		s, isStr := v.(string)
		return v == nil || (isStr && s == "")
	}
	return c.IsNull(i)
}

// isNullCell is isnull(): strings are never null in KQL.
func isNullCell(c *dataset.Column, i int) bool {
	switch c.Type {
	case dataset.String, dataset.GUID:
		return false
	case dataset.Dynamic:
		return c.Dyn[i] == nil
	}
	return c.IsNull(i)
}
