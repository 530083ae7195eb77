package engine

import (
	"fmt"
	"sort"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// evaluate bag_unpack(...) | evaluate pivot(...).
func parseEvaluate(p *parser, at pos) (operator, error) {
	if _, err := p.parseOptions(); err != nil {
		return nil, err
	}
	if p.peek().Kind != kql.Ident || !p.peekN(1).Is("(") {
		return nil, p.errorf("evaluate expects a plugin call such as bag_unpack(Column)")
	}
	e, err := p.parseCall()
	if err != nil {
		return nil, err
	}
	call := e.(*callExpr)
	switch call.name {
	case "bag_unpack":
		return &bagUnpackOp{call: call}, nil
	case "pivot":
		return &pivotOp{call: call}, nil
	}
	return nil, &dataset.QueryError{Message: fmt.Sprintf("evaluate plugin '%s' is not supported by the emulator; supported plugins: bag_unpack, pivot", call.name), Line: call.p.line, Column: call.p.col}
}

type bagUnpackOp struct{ call *callExpr }

func (o *bagUnpackOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: "bag_unpack"}
	if len(o.call.args) < 1 {
		return nil, errAt(o.call.p, "bag_unpack() expects the dynamic column to unpack")
	}
	src, err := rc.evalCol(o.call.args[0])
	if err != nil {
		return nil, err
	}
	if src.Type != dataset.Dynamic {
		return nil, errAt(o.call.p, "bag_unpack(): the column must be dynamic, not %s", src.Type)
	}
	prefix := ""
	if len(o.call.args) > 1 {
		if lit, ok := o.call.args[1].(*literalExpr); ok && lit.col.Type == dataset.String {
			prefix = lit.col.Str[0]
		}
	}
	keySet := map[string]bool{}
	for _, v := range src.Dyn {
		if m, ok := v.(map[string]any); ok {
			for k := range m {
				keySet[k] = true
			}
		}
	}
	keys := make([]string, 0, len(keySet))
	for k := range keySet {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := &dataset.Table{}
	srcName := exprName(o.call.args[0])
	for _, c := range in.Columns {
		if c.Name != srcName {
			out.Columns = append(out.Columns, c)
		}
	}
	for _, k := range keys {
		vals := make([]any, len(src.Dyn))
		for i, v := range src.Dyn {
			if m, ok := v.(map[string]any); ok {
				vals[i] = m[k]
			}
		}
		c := typedFromDynamic(vals)
		c.Name = uniqueName(hasColumn(out), prefix+k, false)
		out.Columns = append(out.Columns, c)
	}
	return out, nil
}

// typedFromDynamic gives unpacked values the narrowest common type: string, long, real, bool or dynamic.
func typedFromDynamic(vals []any) *dataset.Column {
	kind := ""
	for _, v := range vals {
		k := "dynamic"
		switch v.(type) {
		case nil:
			continue
		case string:
			k = "string"
		case int64:
			k = "long"
		case float64:
			k = "real"
		case bool:
			k = "bool"
		}
		switch {
		case kind == "" || kind == k:
			kind = k
		case (kind == "long" || kind == "real") && (k == "long" || k == "real"):
			kind = "real"
		default:
			kind = "dynamic"
		}
	}
	t := map[string]dataset.Type{"string": dataset.String, "long": dataset.Long, "real": dataset.Real, "bool": dataset.Bool}[kind]
	if t == "" {
		return &dataset.Column{Type: dataset.Dynamic, Dyn: vals}
	}
	c := dataset.NewColumn("", t, len(vals))
	for _, v := range vals {
		var cell *dataset.Column
		switch x := v.(type) {
		case nil:
			cell = constCol(t, nil)
		case int64:
			if t == dataset.Real {
				cell = constCol(t, float64(x))
			} else {
				cell = constCol(t, x)
			}
		default:
			cell = constCol(t, x)
		}
		appendCell(c, cell, 0)
	}
	return c
}

type pivotOp struct{ call *callExpr }

func (o *pivotOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	args := o.call.args
	if len(args) < 1 {
		return nil, errAt(o.call.p, "pivot() expects the column whose values become columns")
	}
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: "pivot"}
	pv, err := rc.evalCol(args[0])
	if err != nil {
		return nil, err
	}
	agg := Expr(&callExpr{p: o.call.p, name: "count"})
	var by []assignment
	for i, a := range args[1:] {
		if call, ok := a.(*callExpr); ok && i == 0 {
			if _, isAgg := ev.eng.reg.Aggregate(call.name); isAgg {
				agg = a
				continue
			}
		}
		by = append(by, assignment{e: a})
	}
	if by == nil {
		pivotName := exprName(args[0])
		aggCol := ""
		if call, ok := agg.(*callExpr); ok && len(call.args) > 0 {
			aggCol = exprName(call.args[0])
		}
		for _, c := range in.Columns {
			if c.Name != pivotName && c.Name != aggCol {
				by = append(by, assignment{e: &identExpr{name: c.Name}})
			}
		}
	}
	byCols, err := ev.evalItems(sc, in, by, "pivot")
	if err != nil {
		return nil, err
	}
	g, out := groupRows(in.Rows(), byCols)
	pids, np := newKeyer().ids([]*dataset.Column{pv})
	pfirst := firstRows(pids, np)
	names := make([]string, np)
	order := iota(np)
	for k, r := range pfirst {
		names[k] = fmt.Sprint(dynOf(pv, r))
	}
	sort.SliceStable(order, func(a, b int) bool { return names[order[a]] < names[order[b]] })
	for _, k := range order {
		var rows []int
		for i, id := range pids {
			if int(id) == k {
				rows = append(rows, i)
			}
		}
		sub := takeRows(in, rows)
		sg := grouping{groups: make([]int32, len(rows)), n: g.n, rep: g.rep}
		for j, r := range rows {
			sg.groups[j] = g.groups[r]
		}
		src := &rowCtx{ev: ev, sc: sc, tbl: sub, n: len(rows), op: "pivot"}
		cols, err := src.aggregateItem(assignment{e: agg, names: []string{names[k]}}, sg, out, len(byCols))
		if err != nil {
			return nil, err
		}
		out.Columns = append(out.Columns, cols...)
	}
	return out, nil
}
