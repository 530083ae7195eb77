package functions

import (
	"math"
	"sort"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// SeriesDecompose is series_decompose_anomalies over one series: a baseline from a least-squares line
// (trend "linefit") or the mean (any other trend), residual scores against Tukey's fences (distance past
// the first or third quartile in interquartile ranges), and flags +1/-1 where a score's magnitude passes
// threshold. The registered function returns the flags; an engine supporting `extend (flag, score,
// baseline) = series_decompose_anomalies(...)` can take all three from here.
func SeriesDecompose(values []float64, threshold float64, trend string) (flags, scores, baseline []float64) {
	n := len(values)
	flags, scores, baseline = make([]float64, n), make([]float64, n), make([]float64, n)
	if n == 0 {
		return
	}
	slope, icept := 0.0, mean(values)
	if trend == "linefit" && n > 1 {
		slope, icept = lineFit(values)
	}
	resid := make([]float64, n)
	for i, v := range values {
		baseline[i] = icept + slope*float64(i)
		resid[i] = v - baseline[i]
	}
	sorted := append([]float64(nil), resid...)
	sort.Float64s(sorted)
	q1, q3 := quantile(sorted, 0.25), quantile(sorted, 0.75)
	iqr := q3 - q1
	for i, r := range resid {
		switch {
		case r > q3 && iqr > 0:
			scores[i] = (r - q3) / iqr
		case r < q1 && iqr > 0:
			scores[i] = (r - q1) / iqr
		}
		if math.Abs(scores[i]) > threshold {
			flags[i] = math.Copysign(1, scores[i])
		}
	}
	return
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func lineFit(v []float64) (slope, icept float64) {
	n := float64(len(v))
	var sx, sy, sxy, sxx float64
	for i, y := range v {
		x := float64(i)
		sx, sy, sxy, sxx = sx+x, sy+y, sxy+x*y, sxx+x*x
	}
	d := n*sxx - sx*sx
	if d == 0 {
		return 0, sy / n
	}
	slope = (n*sxy - sx*sy) / d
	return slope, (sy - slope*sx) / n
}

// quantile interpolates linearly between the sorted values around q.
func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(sorted)-1)
	return sorted[lo] + (sorted[hi]-sorted[lo])*(pos-float64(lo))
}

func registerSeries(r *Registry) {
	r.addScalar(&Scalar{
		Name: "series_decompose_anomalies", MinArgs: 1, MaxArgs: 6,
		Result: fixed("series_decompose_anomalies", dataset.Dynamic, kArray, kNum, kNum, kString, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				arr, ok := arrayCell(args[0], i)
				if !ok {
					continue
				}
				vals := make([]float64, len(arr))
				for k, v := range arr {
					vals[k], _ = anyToFloat(v)
				}
				threshold, trend := 1.5, "linefit"
				if len(args) > 1 {
					if t, ok := floatOf(args[1], i); ok {
						threshold = t
					}
				}
				if len(args) > 3 {
					trend = strCell(args[3], i)
				}
				flags, _, _ := SeriesDecompose(vals, threshold, trend)
				res := make([]any, len(flags))
				for k, f := range flags {
					res[k] = int64(f)
				}
				out.Dyn[i] = res
			}
			return out, nil
		},
	})
}
