package engine

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// datatableSource is datatable(Name:type, ...) [values...].
type datatableSource struct {
	at    pos
	cols  []parseCol
	cells []Expr
}

func (p *parser) parseDatatable(at pos) (source, error) {
	p.next()
	if err := p.expect("("); err != nil {
		return nil, err
	}
	s := &datatableSource{at: at}
	for !p.accept(")") {
		name, err := p.ident()
		if err != nil {
			return nil, err
		}
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		tn, err := p.ident()
		if err != nil {
			return nil, err
		}
		t, err := dataset.ParseType(tn)
		if err != nil {
			return nil, p.errorf("unknown type '%s' for datatable column '%s'", tn, name)
		}
		s.cols = append(s.cols, parseCol{name: name, t: t})
		p.accept(",")
	}
	if err := p.expect("["); err != nil {
		return nil, err
	}
	for !p.accept("]") {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		s.cells = append(s.cells, e)
		if !p.accept(",") && !p.at("]") {
			return nil, p.errorf("expected ',' or ']' in datatable values but found %s", describe(p.peek()))
		}
	}
	if len(s.cols) == 0 || len(s.cells)%len(s.cols) != 0 {
		return nil, &dataset.QueryError{Message: fmt.Sprintf("Syntax error: datatable has %d values, not a multiple of its %d columns", len(s.cells), len(s.cols)), Line: at.line, Column: at.col}
	}
	return s, nil
}

func (s *datatableSource) eval(ev *evaluator, sc *scope) (*dataset.Table, error) {
	rows := len(s.cells) / len(s.cols)
	out := &dataset.Table{}
	for _, pc := range s.cols {
		out.Columns = append(out.Columns, dataset.NewColumn(pc.name, pc.t, rows))
	}
	rc := &rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: "datatable"}
	for i, e := range s.cells {
		dst := out.Columns[i%len(s.cols)]
		c, err := rc.evalCol(e)
		if err != nil {
			return nil, err
		}
		if err := appendCast(dst, c); err != nil {
			return nil, errAt(e.position(), "'datatable' operator: column '%s': %v", dst.Name, err)
		}
	}
	return out, nil
}

// appendCast appends the single cell of c to dst, converting between numeric kinds and to dynamic.
func appendCast(dst, c *dataset.Column) error {
	switch {
	case c.IsNull(0) || c.Type == dst.Type:
		appendCell(dst, c, 0)
	case dst.Type == dataset.Dynamic:
		appendCell(dst, constCol(dataset.Dynamic, dynOf(c, 0)), 0)
	case (dst.Type == dataset.Real || dst.Type == dataset.Decimal) && c.Int != nil && c.Type != dataset.DateTime:
		appendCell(dst, constCol(dst.Type, float64(c.Int[0])), 0)
	case (dst.Type == dataset.Long || dst.Type == dataset.Int) && (c.Type == dataset.Long || c.Type == dataset.Int):
		appendCell(dst, constCol(dst.Type, c.Int[0]), 0)
	case dst.Type == dataset.GUID && c.Type == dataset.String, dst.Type == dataset.String && c.Type == dataset.GUID:
		appendCell(dst, constCol(dst.Type, c.Str[0]), 0)
	default:
		return fmt.Errorf("a %s value does not fit a %s column", c.Type, dst.Type)
	}
	return nil
}

type printSource struct{ items []assignment }

func (p *parser) parsePrint(at pos) (source, error) {
	p.next()
	items, err := p.parseAssignments()
	if err != nil {
		return nil, err
	}
	return &printSource{items}, nil
}

func (s *printSource) eval(ev *evaluator, sc *scope) (*dataset.Table, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: "print"}
	out := &dataset.Table{}
	for i, it := range s.items {
		c, err := rc.evalCol(it.e)
		if err != nil {
			return nil, err
		}
		name := exprName(it.e) // print x is named x, print 1 + 1 print_0
		if len(it.names) > 0 {
			name = it.names[0]
		}
		if name == "" {
			name = fmt.Sprintf("print_%d", i)
		}
		out.Columns = append(out.Columns, named(c, name))
	}
	return out, nil
}

type rangeSource struct {
	at             pos
	name           string
	from, to, step Expr
}

const maxRangeRows = 10_000_000

func (p *parser) parseRangeSource(at pos) (source, error) {
	p.next()
	s := &rangeSource{at: at}
	var err error
	if s.name, err = p.ident(); err != nil {
		return nil, err
	}
	for _, part := range []struct {
		kw  string
		dst *Expr
	}{{"from", &s.from}, {"to", &s.to}, {"step", &s.step}} {
		if err := p.expect(part.kw); err != nil {
			return nil, err
		}
		if *part.dst, err = p.parseAdditive(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *rangeSource) eval(ev *evaluator, sc *scope) (*dataset.Table, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: "range"}
	var v [3]*dataset.Column
	for i, e := range []Expr{s.from, s.to, s.step} {
		c, err := rc.evalCol(e)
		if err != nil {
			return nil, err
		}
		if c.IsNull(0) || c.Type == dataset.String || c.Type == dataset.Dynamic || c.Type == dataset.Bool {
			return nil, errAt(e.position(), "'range' operator: from, to and step must be numbers, datetimes or timespans")
		}
		v[i] = c
	}
	if v[0].Real != nil || v[1].Real != nil || v[2].Real != nil {
		f := func(c *dataset.Column) float64 {
			if c.Real != nil {
				return c.Real[0]
			}
			return float64(c.Int[0])
		}
		lo, hi, st := f(v[0]), f(v[1]), f(v[2])
		if st == 0 || (hi-lo)/st > maxRangeRows {
			return nil, errAt(s.at, "'range' operator: the step must be non-zero and produce at most %d rows", maxRangeRows)
		}
		out := dataset.NewColumn(s.name, dataset.Real, 0)
		for x := lo; st > 0 && x <= hi || st < 0 && x >= hi; x += st {
			out.Real = append(out.Real, x)
		}
		return &dataset.Table{Columns: []*dataset.Column{out}}, nil
	}
	lo, hi, st := v[0].Int[0], v[1].Int[0], v[2].Int[0]
	if st == 0 || (hi-lo)/st > maxRangeRows {
		return nil, errAt(s.at, "'range' operator: the step must be non-zero and produce at most %d rows", maxRangeRows)
	}
	out := dataset.NewColumn(s.name, v[0].Type, 0)
	for x := lo; st > 0 && x <= hi || st < 0 && x >= hi; x += st {
		out.Int = append(out.Int, x)
	}
	return &dataset.Table{Columns: []*dataset.Column{out}}, nil
}
