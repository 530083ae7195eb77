package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine/functions"
)

// tupleColumns evaluates extend (A, B, ...) = f(...): series_decompose_anomalies gives its flags, scores
// and baseline series; any other function fills the first name and leaves the rest null.
func (rc *rowCtx) tupleColumns(a assignment) ([]*dataset.Column, error) {
	call, ok := a.e.(*callExpr)
	if !ok || call.name != "series_decompose_anomalies" || len(call.args) == 0 {
		c, err := rc.evalCol(a.e)
		if err != nil {
			return nil, err
		}
		cols := []*dataset.Column{named(c, a.names[0])}
		for _, n := range a.names[1:] {
			cols = append(cols, nullCol(n, dataset.Dynamic, rc.n))
		}
		return cols, nil
	}
	series, err := rc.evalCol(call.args[0])
	if err != nil {
		return nil, err
	}
	if series.Type != dataset.Dynamic {
		return nil, errAt(call.p, "'%s' operator: series_decompose_anomalies() expects a dynamic array series, not %s", rc.op, series.Type)
	}
	threshold, trend := 1.5, "avg"
	if len(call.args) > 1 {
		v, err := rc.eval(call.args[1])
		if err != nil {
			return nil, err
		}
		if v.k && !v.c.IsNull(0) {
			switch {
			case v.c.Real != nil:
				threshold = v.c.Real[0]
			case v.c.Int != nil:
				threshold = float64(v.c.Int[0])
			}
		}
	}
	if len(call.args) > 3 {
		if lit, ok := call.args[3].(*literalExpr); ok && lit.col.Type == dataset.String {
			trend = lit.col.Str[0]
		}
	}
	outs := make([]*dataset.Column, 3)
	for k := range outs {
		outs[k] = dataset.NewColumn("", dataset.Dynamic, rc.n)
	}
	for i := 0; i < rc.n; i++ {
		arr, _ := series.Dyn[i].([]any)
		vals := make([]float64, len(arr))
		for j, x := range arr {
			vals[j], _ = toFloat(x)
		}
		flags, scores, baseline := functions.SeriesDecompose(vals, threshold, trend)
		for k, s := range [][]float64{flags, scores, baseline} {
			d := make([]any, len(s))
			for j, f := range s {
				d[j] = f
			}
			outs[k].Dyn = append(outs[k].Dyn, d)
		}
	}
	var cols []*dataset.Column
	for k, n := range a.names {
		if k < len(outs) {
			cols = append(cols, named(outs[k], n))
		} else {
			cols = append(cols, nullCol(n, dataset.Dynamic, rc.n))
		}
	}
	return cols, nil
}
