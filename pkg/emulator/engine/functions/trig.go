package functions

import "math"

func registerTrig(r *Registry) {
	for name, f := range map[string]func(float64) float64{
		"cos": math.Cos, "sin": math.Sin, "tan": math.Tan, "acos": math.Acos, "asin": math.Asin,
		"atan": math.Atan, "cot": func(x float64) float64 { return 1 / math.Tan(x) },
		"degrees": func(x float64) float64 { return x * 180 / math.Pi },
		"radians": func(x float64) float64 { return x * math.Pi / 180 },
		"gamma":   math.Gamma,
		"loggamma": func(x float64) float64 {
			v, _ := math.Lgamma(x)
			return v
		},
	} {
		f := f
		realFn(r, name, 1, func(x []float64) float64 { return f(x[0]) })
	}
	realFn(r, "atan2", 2, func(x []float64) float64 { return math.Atan2(x[0], x[1]) })
}
