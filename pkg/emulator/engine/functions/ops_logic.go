package functions

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// boolCell reads cell i as a three-valued bool: ok is false for null (or a dynamic that is not a bool).
func boolCell(c *dataset.Column, i int) (val, ok bool) {
	if c.IsNull(i) {
		return false, false
	}
	if c.Type == dataset.Dynamic {
		b, isBool := c.Dyn[i].(bool)
		return b, isBool
	}
	return c.Int[i] != 0, true
}

func logicResult(op string) func([]dataset.Type) (dataset.Type, error) {
	return func(args []dataset.Type) (dataset.Type, error) {
		for _, t := range args {
			if t != dataset.Bool && t != dataset.Dynamic {
				return "", fmt.Errorf("operator '%s': operands must be bool expressions, got %s", op, t)
			}
		}
		return dataset.Bool, nil
	}
}

// registerLogic adds and/or with SQL-style three-valued logic (false and null = false, true or null = true,
// otherwise null propagates) and not().
func registerLogic(r *Registry) {
	for _, op := range []string{"and", "or"} {
		isAnd := op == "and"
		r.addScalar(&Scalar{
			Name: "op:" + op, MinArgs: 2, MaxArgs: 2, Result: logicResult(op),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				a, b := args[0], args[1]
				out := newOut(dataset.Bool, n)
				if a.Type == dataset.Bool && b.Type == dataset.Bool && a.Null == nil && b.Null == nil {
					for i := 0; i < n; i++ {
						if isAnd {
							out.Int[i] = a.Int[i] & b.Int[i]
						} else {
							out.Int[i] = a.Int[i] | b.Int[i]
						}
					}
					return out, nil
				}
				for i := 0; i < n; i++ {
					x, xok := boolCell(a, i)
					y, yok := boolCell(b, i)
					switch {
					case xok && yok && isAnd:
						setBool(out, i, x && y)
					case xok && yok:
						setBool(out, i, x || y)
					case isAnd && ((xok && !x) || (yok && !y)):
						setBool(out, i, false)
					case !isAnd && ((xok && x) || (yok && y)):
						setBool(out, i, true)
					default:
						out.SetNull(i)
					}
				}
				return out, nil
			},
		})
	}
	r.addScalar(&Scalar{
		Name: "not", MinArgs: 1, MaxArgs: 1, Result: fixed("not", dataset.Bool, kBool),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Bool, n)
			for i := 0; i < n; i++ {
				if x, ok := boolCell(args[0], i); ok {
					setBool(out, i, !x)
				} else {
					out.SetNull(i)
				}
			}
			return out, nil
		},
	})
}
