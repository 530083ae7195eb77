package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

type seriesAgg struct {
	a   assignment
	def Expr
}

type makeSeriesOp struct {
	at             pos
	aggs           []seriesAgg
	on             Expr
	from, to, step Expr
	by             []assignment
}

// make-series Agg [default=V], ... on Time [from A] [to B] step S [by Cols] (or: on Time in range(A, B, S)).
func parseMakeSeries(p *parser, at pos) (operator, error) {
	if _, err := p.parseOptions("kind"); err != nil {
		return nil, err
	}
	o := &makeSeriesOp{at: at}
	for {
		a, err := p.parseAssignmentsOne()
		if err != nil {
			return nil, err
		}
		sa := seriesAgg{a: a}
		if p.at("default") && p.peekN(1).Is("=") {
			p.i += 2
			if sa.def, err = p.parseUnary(); err != nil {
				return nil, err
			}
		}
		o.aggs = append(o.aggs, sa)
		if !p.accept(",") {
			break
		}
	}
	if err := p.expect("on"); err != nil {
		return nil, err
	}
	var err error
	if o.on, err = p.parseAdditive(); err != nil {
		return nil, err
	}
	if p.accept("in") {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		call, ok := e.(*callExpr)
		if !ok || call.name != "range" || len(call.args) != 3 {
			return nil, p.errorf("make-series: expected 'in range(start, stop, step)'")
		}
		o.from, o.to, o.step = call.args[0], call.args[1], call.args[2]
	} else {
		for _, part := range []struct {
			kw  string
			dst *Expr
		}{{"from", &o.from}, {"to", &o.to}, {"step", &o.step}} {
			if p.accept(part.kw) {
				if *part.dst, err = p.parseAdditive(); err != nil {
					return nil, err
				}
			}
		}
		if o.step == nil {
			return nil, p.errorf("make-series needs 'step', e.g. step 1h")
		}
	}
	if p.accept("by") {
		if o.by, err = p.parseAssignments(); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func (o *makeSeriesOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: "make-series"}
	tc, err := rc.evalCol(o.on)
	if err != nil {
		return nil, err
	}
	if tc.Int == nil {
		return nil, errAt(o.on.position(), "'make-series' operator: the 'on' column must be a datetime or number")
	}
	bound := func(e Expr, fallback func() int64) (int64, error) {
		if e == nil {
			return fallback(), nil
		}
		c, err := (&rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: "make-series"}).evalCol(e)
		if err != nil {
			return 0, err
		}
		if c.Int == nil || c.IsNull(0) {
			return 0, errAt(e.position(), "'make-series' operator: from, to and step must be datetime, timespan or long constants")
		}
		return c.Int[0], nil
	}
	lo, err := bound(o.from, func() int64 { return extreme(tc, -1) })
	if err != nil {
		return nil, err
	}
	hi, err := bound(o.to, func() int64 { return extreme(tc, 1) + 1 })
	if err != nil {
		return nil, err
	}
	step, err := bound(o.step, nil)
	if err != nil {
		return nil, err
	}
	if step <= 0 || (hi-lo)/step > 100_000 {
		return nil, errAt(o.at, "'make-series' operator: step must be positive and give at most 100000 buckets")
	}
	nb := int((hi - lo + step - 1) / step)
	byCols, err := ev.evalItems(sc, in, o.by, "make-series")
	if err != nil {
		return nil, err
	}
	ids, ng := make([]int32, in.Rows()), 1
	if len(byCols) > 0 {
		ids, ng = newKeyer().ids(byCols)
	}
	var rows []int
	cell := make([]int32, 0, in.Rows())
	for i := 0; i < in.Rows(); i++ {
		if tc.IsNull(i) || tc.Int[i] < lo || tc.Int[i] >= hi {
			continue
		}
		rows = append(rows, i)
		cell = append(cell, ids[i]*int32(nb)+int32((tc.Int[i]-lo)/step))
	}
	rep := firstRows(ids, ng)
	out := &dataset.Table{}
	for _, c := range byCols {
		out.Columns = append(out.Columns, gather(c, rep))
	}
	sub := takeRows(in, rows)
	filled := make([]bool, ng*nb)
	for _, c := range cell {
		filled[c] = true
	}
	cellGroups := grouping{groups: cell, n: ng * nb, rep: make([]int, ng*nb)}
	src := &rowCtx{ev: ev, sc: sc, tbl: sub, n: len(rows), op: "make-series"}
	for _, sa := range o.aggs {
		cols, err := src.aggregateItem(sa.a, cellGroups, &dataset.Table{}, 0)
		if err != nil {
			return nil, err
		}
		var def any = int64(0)
		if sa.def != nil {
			dc, err := (&rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: "make-series"}).evalCol(sa.def)
			if err != nil {
				return nil, err
			}
			def = dynOf(dc, 0)
		}
		arrays := dataset.NewColumn(cols[0].Name, dataset.Dynamic, ng)
		for g := 0; g < ng; g++ {
			arr := make([]any, nb)
			for b := 0; b < nb; b++ {
				if k := g*nb + b; filled[k] {
					arr[b] = dynOf(cols[0], k)
				} else {
					arr[b] = def
				}
			}
			arrays.Dyn = append(arrays.Dyn, arr)
		}
		arrays.Name = uniqueName(hasColumn(out), arrays.Name, false)
		out.Columns = append(out.Columns, arrays)
	}
	axis := make([]any, nb)
	for b := range axis {
		axis[b] = dynOf(constCol(tc.Type, lo+int64(b)*step), 0)
	}
	name := exprName(o.on)
	if name == "" {
		name = "Column1"
	}
	times := dataset.NewColumn(name, dataset.Dynamic, ng)
	for g := 0; g < ng; g++ {
		times.Dyn = append(times.Dyn, axis)
	}
	out.Columns = append(out.Columns, times)
	return out, nil
}

// extreme returns the smallest (dir < 0) or largest non-null value of an integer-backed column.
func extreme(c *dataset.Column, dir int) int64 {
	var v int64
	seen := false
	for i, x := range c.Int {
		if c.IsNull(i) {
			continue
		}
		if !seen || dir < 0 && x < v || dir > 0 && x > v {
			v, seen = x, true
		}
	}
	return v
}
