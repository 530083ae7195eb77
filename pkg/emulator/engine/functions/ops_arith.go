package functions

import (
	"fmt"
	"math"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// arithMode is how a binary arithmetic operator computes, decided from the operand types.
type arithMode int

const (
	modeInt      arithMode = iota // int64 arithmetic on Int slices (numbers, datetimes, timespans)
	modeReal                      // float64 arithmetic
	modeSpanReal                  // timespan scaled by a real: float math, rounded back to ns
	modeSpanDiv                   // timespan / timespan = real
	modeDyn                       // a dynamic operand: decided per cell
)

type arithPlan struct {
	out  dataset.Type
	mode arithMode
}

func numResult(a, b dataset.Type) dataset.Type {
	switch {
	case a == dataset.Real || b == dataset.Real || a == dataset.Decimal || b == dataset.Decimal:
		return dataset.Real
	case a == dataset.Long || b == dataset.Long:
		return dataset.Long
	}
	return dataset.Int
}

// planArith applies KQL's operand rules for op to types a and b.
func planArith(op string, a, b dataset.Type) (arithPlan, error) {
	if a == dataset.Dynamic || b == dataset.Dynamic {
		return arithPlan{dataset.Dynamic, modeDyn}, nil
	}
	dt, ts := dataset.DateTime, dataset.TimeSpan
	if isNumeric(a) && isNumeric(b) {
		out := numResult(a, b)
		if out == dataset.Real {
			return arithPlan{out, modeReal}, nil
		}
		return arithPlan{out, modeInt}, nil
	}
	switch op {
	case "+":
		switch {
		case a == dt && b == ts, a == ts && b == dt:
			return arithPlan{dt, modeInt}, nil
		case a == ts && b == ts:
			return arithPlan{ts, modeInt}, nil
		}
	case "-":
		switch {
		case a == dt && b == dt:
			return arithPlan{ts, modeInt}, nil
		case a == dt && b == ts:
			return arithPlan{dt, modeInt}, nil
		case a == ts && b == ts:
			return arithPlan{ts, modeInt}, nil
		}
	case "*":
		switch {
		case a == ts && isIntegral(b), isIntegral(a) && b == ts:
			return arithPlan{ts, modeInt}, nil
		case a == ts && isNumeric(b), isNumeric(a) && b == ts:
			return arithPlan{ts, modeSpanReal}, nil
		}
	case "/":
		switch {
		case a == ts && isIntegral(b):
			return arithPlan{ts, modeInt}, nil
		case a == ts && isNumeric(b):
			return arithPlan{ts, modeSpanReal}, nil
		case a == ts && b == ts:
			return arithPlan{dataset.Real, modeSpanDiv}, nil
		}
	case "%":
		if a == ts && b == ts {
			return arithPlan{ts, modeInt}, nil
		}
	}
	return arithPlan{}, fmt.Errorf("operator '%s' cannot be applied to operands of types %s and %s", op, a, b)
}

func registerArith(r *Registry) {
	for _, op := range []string{"+", "-", "*", "/", "%"} {
		op := op
		r.addScalar(&Scalar{
			Name: "op:" + op, MinArgs: 2, MaxArgs: 2,
			Result: func(args []dataset.Type) (dataset.Type, error) {
				p, err := planArith(op, args[0], args[1])
				return p.out, err
			},
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				p, err := planArith(op, args[0].Type, args[1].Type)
				if err != nil {
					return nil, err
				}
				return evalArith(op, p, args[0], args[1], n), nil
			},
		})
	}
	r.addScalar(&Scalar{
		Name: "op:neg", MinArgs: 1, MaxArgs: 1,
		Result: func(args []dataset.Type) (dataset.Type, error) {
			t := args[0]
			if isNumeric(t) || t == dataset.TimeSpan || t == dataset.Dynamic {
				return t, nil
			}
			return "", fmt.Errorf("operator '-' cannot be applied to an operand of type %s", t)
		},
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			a := args[0]
			out := newOut(a.Type, n)
			out.Null = orNulls(n, a)
			switch {
			case a.Real != nil:
				for i := range out.Real {
					out.Real[i] = -a.Real[i]
				}
			case a.Dyn != nil:
				for i, v := range a.Dyn {
					switch x := v.(type) {
					case int64:
						out.Dyn[i] = -x
					case float64:
						out.Dyn[i] = -x
					}
				}
			default:
				for i := range out.Int {
					out.Int[i] = -a.Int[i]
				}
			}
			return out, nil
		},
	})
}

// realsOf returns column c as float64s (c.Real itself for real columns).
func realsOf(c *dataset.Column) []float64 {
	if c.Real != nil {
		return c.Real
	}
	out := make([]float64, len(c.Int))
	for i, v := range c.Int {
		out[i] = float64(v)
	}
	return out
}

func evalArith(op string, p arithPlan, a, b *dataset.Column, n int) *dataset.Column {
	out := newOut(p.out, n)
	if p.mode == modeDyn {
		for i := 0; i < n; i++ {
			out.Dyn[i] = dynArith(op, cellValue(a, i), cellValue(b, i))
		}
		return out
	}
	out.Null = orNulls(n, a, b)
	switch p.mode {
	case modeInt:
		x, y := a.Int, b.Int
		for i := 0; i < n; i++ {
			v, ok := intOp(op, x[i], y[i])
			if !ok {
				out.SetNull(i)
				continue
			}
			if p.out == dataset.Int {
				v = int64(int32(v))
			}
			out.Int[i] = v
		}
	case modeReal:
		x, y := realsOf(a), realsOf(b)
		for i := 0; i < n; i++ {
			out.Real[i] = realOp(op, x[i], y[i])
		}
	case modeSpanReal:
		x, y := realsOf(a), realsOf(b)
		for i := 0; i < n; i++ {
			f := realOp(op, x[i], y[i])
			if math.IsNaN(f) || math.IsInf(f, 0) {
				out.SetNull(i)
				continue
			}
			out.Int[i] = int64(math.Round(f))
		}
	case modeSpanDiv:
		x, y := realsOf(a), realsOf(b)
		for i := 0; i < n; i++ {
			out.Real[i] = x[i] / y[i]
		}
	}
	return out
}

// intOp computes integer arithmetic; ok is false for division by zero, which KQL answers with null.
func intOp(op string, x, y int64) (int64, bool) {
	switch op {
	case "+":
		return x + y, true
	case "-":
		return x - y, true
	case "*":
		return x * y, true
	case "/":
		if y == 0 {
			return 0, false
		}
		return x / y, true
	default:
		if y == 0 {
			return 0, false
		}
		return x % y, true
	}
}

func realOp(op string, x, y float64) float64 {
	switch op {
	case "+":
		return x + y
	case "-":
		return x - y
	case "*":
		return x * y
	case "/":
		return x / y
	default:
		return math.Mod(x, y)
	}
}

// dynArith is arithmetic on dynamic cells: integers stay integers, anything else numeric becomes real,
// and non-numbers give null.
func dynArith(op string, a, b any) any {
	xi, xInt := a.(int64)
	yi, yInt := b.(int64)
	if xInt && yInt {
		v, ok := intOp(op, xi, yi)
		if !ok {
			return nil
		}
		return v
	}
	x, ok1 := dynNumber(a)
	y, ok2 := dynNumber(b)
	if !ok1 || !ok2 {
		return nil
	}
	return realOp(op, x, y)
}

// dynNumber reads a number from a boxed value without parsing strings, as dynamic arithmetic does.
func dynNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}
