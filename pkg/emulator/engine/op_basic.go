package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// where / filter.
type whereOp struct {
	name string
	pred Expr
}

func parseWhere(p *parser, at pos) (operator, error) {
	name := p.toks[p.i-1].Text
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	return &whereOp{name: name, pred: e}, nil
}

func (o *whereOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	idx, err := ev.conjunctiveSelect(sc, in, splitAnd(o.pred), o.name)
	if err != nil {
		return nil, err
	}
	if len(idx) == in.Rows() {
		return in, nil
	}
	return takeRows(in, idx), nil
}

// conjunctiveSelect filters by a and b and c one conjunct at a time, evaluating each later conjunct only
// on the rows that passed the earlier ones (and only over the columns the rest reads): the cheap time
// filter that opens most hunting queries then spares the string matching after it most of the rows.
func (ev *evaluator) conjunctiveSelect(sc *scope, in *dataset.Table, conj []Expr, op string) ([]int, error) {
	var idx []int // rows of in that passed so far; nil before the first conjunct
	cur := in
	for k, c := range conj {
		sel, err := ev.selectRows(sc, cur, c, op)
		if err != nil {
			return nil, err
		}
		if idx == nil {
			idx = sel
		} else {
			for j, s := range sel {
				sel[j] = idx[s]
			}
			idx = sel
		}
		if k == len(conj)-1 || len(idx) == 0 {
			break
		}
		refs := colSet{}
		rest := &dataset.Table{Name: in.Name}
		known := true
		for _, e := range conj[k+1:] {
			known = known && collectRefs(e, refs, sc)
		}
		for _, col := range in.Columns {
			if !known || refs[col.Name] {
				rest.Columns = append(rest.Columns, col)
			}
		}
		if len(rest.Columns) == 0 && len(in.Columns) > 0 {
			rest.Columns = in.Columns[:1]
		}
		cur = takeRows(rest, idx)
	}
	return idx, nil
}

// selectRows evaluates a predicate and returns the rows where it is true (a selection vector).
func (ev *evaluator) selectRows(sc *scope, in *dataset.Table, pred Expr, op string) ([]int, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: op}
	v, err := rc.eval(pred)
	if err != nil {
		return nil, err
	}
	c := v.c
	if c.Type == dataset.Dynamic { // where parse_json(x).enabled: a dynamic true passes
		b := dataset.NewColumn("", dataset.Bool, len(c.Dyn))
		for _, d := range c.Dyn {
			x := int64(0)
			if t, ok := d.(bool); ok && t {
				x = 1
			}
			b.Int = append(b.Int, x)
		}
		c = b
	}
	if c.Type != dataset.Bool {
		return nil, errAt(pred.position(), "'%s' operator: the predicate must be a bool, not %s", op, c.Type)
	}
	if v.k {
		if c.IsNull(0) || c.Int[0] == 0 {
			return []int{}, nil
		}
		return iota(rc.n), nil
	}
	idx := make([]int, 0, rc.n/4)
	for i, x := range c.Int {
		if x != 0 && (c.Null == nil || !c.Null[i]) {
			idx = append(idx, i)
		}
	}
	return idx, nil
}

// parseCountArg parses the constant row count of take, limit, sample and top.
func (p *parser) parseCountArg(op string) (Expr, error) {
	e, err := p.parseAdditive()
	if err != nil {
		return nil, p.errorf("%s expects a row count", op)
	}
	return e, nil
}

func (ev *evaluator) constCount(sc *scope, e Expr, op string) (int, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: op}
	n, err := rc.constInt(e, "the row count")
	if err != nil {
		return 0, err
	}
	if n < 0 {
		n = 0
	}
	return int(n), nil
}

func parseTake(p *parser, at pos) (operator, error) {
	name := p.toks[p.i-1].Text
	e, err := p.parseCountArg(name)
	if err != nil {
		return nil, err
	}
	return &takeOp{name: name, n: e}, nil
}

type takeOp struct {
	name string
	n    Expr
}

func (o *takeOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	n, err := ev.constCount(sc, o.n, o.name)
	if err != nil {
		return nil, err
	}
	if n >= in.Rows() {
		return in, nil
	}
	return sliceRows(in, 0, n), nil
}

func parseSample(p *parser, at pos) (operator, error) {
	e, err := p.parseCountArg("sample")
	if err != nil {
		return nil, err
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		n, err := ev.constCount(sc, e, "sample")
		if err != nil {
			return nil, err
		}
		if n >= in.Rows() {
			return in, nil
		}
		perm := ev.fctx.Rand.Perm(in.Rows())[:n]
		return takeRows(in, perm), nil
	}), nil
}

func parseCount(p *parser, at pos) (operator, error) { return countOp{}, nil }

type countOp struct{}

func (countOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	c := constCol(dataset.Long, int64(in.Rows()))
	c.Name = "Count"
	return &dataset.Table{Columns: []*dataset.Column{c}}, nil
}

// serialize [Name = expr, ...]: rows already have an order here, so it only extends.
func parseSerialize(p *parser, at pos) (operator, error) {
	if _, err := p.parseOptions("kind"); err != nil {
		return nil, err
	}
	if p.atEOF() || p.at("|") || p.at(")") || p.at(";") {
		return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) { return in, nil }), nil
	}
	items, err := p.parseAssignments()
	if err != nil {
		return nil, err
	}
	return &extendOp{name: "serialize", items: items}, nil
}

// render only shapes charts in the portal; results are unchanged.
func parseRender(p *parser, at pos) (operator, error) {
	depth := 0
	for !p.atEOF() && (depth > 0 || !p.at("|") && !p.at(";") && !p.at(")")) {
		switch p.next().Text {
		case "(":
			depth++
		case ")":
			depth--
		}
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) { return in, nil }), nil
}

// as Name binds the rows so far to Name for the rest of the query.
func parseAs(p *parser, at pos) (operator, error) {
	if _, err := p.parseOptions("hint.materialized"); err != nil {
		return nil, err
	}
	name, err := p.ident()
	if err != nil {
		return nil, err
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		sc.vars[name] = &binding{table: in}
		return in, nil
	}), nil
}

func parseGetSchema(p *parser, at pos) (operator, error) {
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		name := dataset.NewColumn("ColumnName", dataset.String, len(in.Columns))
		ord := dataset.NewColumn("ColumnOrdinal", dataset.Int, len(in.Columns))
		dt := dataset.NewColumn("DataType", dataset.String, len(in.Columns))
		ct := dataset.NewColumn("ColumnType", dataset.String, len(in.Columns))
		for i, c := range in.Columns {
			name.Str = append(name.Str, c.Name)
			ord.Int = append(ord.Int, int64(i))
			dt.Str = append(dt.Str, "System."+c.Type.DotNet())
			ct.Str = append(ct.Str, string(c.Type))
		}
		return &dataset.Table{Columns: []*dataset.Column{name, ord, dt, ct}}, nil
	}), nil
}

// distinct Col, ... | distinct *
func parseDistinct(p *parser, at pos) (operator, error) {
	var items []assignment
	if !p.accept("*") {
		var err error
		if items, err = p.parseAssignments(); err != nil {
			return nil, err
		}
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		cols := in.Columns
		if items != nil {
			var err error
			if cols, err = ev.evalItems(sc, in, items, "distinct"); err != nil {
				return nil, err
			}
		}
		ids, n := newKeyer().ids(cols)
		if len(cols) == 0 {
			return &dataset.Table{}, nil
		}
		return takeRows(&dataset.Table{Columns: cols}, firstRows(ids, n)), nil
	}), nil
}

// evalItems evaluates unnamed-or-named expressions into named columns (as project does).
func (ev *evaluator) evalItems(sc *scope, in *dataset.Table, items []assignment, op string) ([]*dataset.Column, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: op}
	out := make([]*dataset.Column, 0, len(items))
	taken := func(n string) bool {
		for _, c := range out {
			if c.Name == n {
				return true
			}
		}
		return false
	}
	for _, it := range items {
		c, err := rc.evalCol(it.e)
		if err != nil {
			return nil, err
		}
		name := exprName(it.e)
		switch {
		case len(it.names) > 0:
			name = it.names[0]
		case name == "":
			name = uniqueName(taken, "Column", true)
		case taken(name): // project A, tostring(A) gives A and A1
			name = uniqueName(taken, name, false)
		}
		out = append(out, named(c, name))
	}
	return out, nil
}
