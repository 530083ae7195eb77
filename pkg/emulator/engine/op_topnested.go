package engine

import (
	"slices"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

type topNestedLevel struct {
	n   Expr // nil: every value
	of  assignment
	agg assignment
	asc bool
}

func parseTopNested(p *parser, at pos) (operator, error) {
	var levels []topNestedLevel
	for {
		var l topNestedLevel
		var err error
		if !p.at("of") {
			if l.n, err = p.parseCountArg("top-nested"); err != nil {
				return nil, err
			}
		}
		if err := p.expect("of"); err != nil {
			return nil, err
		}
		ofs, err := p.parseAssignmentsOne()
		if err != nil {
			return nil, err
		}
		l.of = ofs
		if p.accept("with") {
			if err := p.expect("others"); err != nil {
				return nil, err
			}
			if err := p.expect("="); err != nil {
				return nil, err
			}
			if _, err := p.parseExpr(); err != nil {
				return nil, err
			}
		}
		if err := p.expect("by"); err != nil {
			return nil, err
		}
		if l.agg, err = p.parseAssignmentsOne(); err != nil {
			return nil, err
		}
		l.asc = p.accept("asc")
		p.accept("desc")
		levels = append(levels, l)
		if !(p.at(",") && p.peekN(1).Is("top") && p.peekN(2).Is("-")) {
			break
		}
		p.next()
		p.dashedName()
	}
	return &topNestedOp{levels: levels}, nil
}

// parseAssignmentsOne parses a single [Name =] expr.
func (p *parser) parseAssignmentsOne() (assignment, error) {
	var a assignment
	if p.atAssignment() {
		name, _ := p.ident()
		p.next()
		a.names = []string{name}
	}
	e, err := p.parseExpr()
	a.e = e
	return a, err
}

type topNestedOp struct{ levels []topNestedLevel }

type tnPath struct {
	rows  []int
	cells []*dataset.Column // one-cell columns: key, aggregate, key, aggregate...
}

func (o *topNestedOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	paths := []tnPath{{rows: iota(in.Rows())}}
	var names []string
	for li, l := range o.levels {
		keyName := exprName(l.of.e)
		if len(l.of.names) > 0 {
			keyName = l.of.names[0]
		}
		if keyName == "" {
			keyName = "Column" + string(rune('1'+li))
		}
		aggName := "aggregated_" + keyName
		if len(l.agg.names) > 0 {
			aggName = l.agg.names[0]
		}
		names = append(names, keyName, aggName)
		limit := -1
		if l.n != nil {
			var err error
			if limit, err = ev.constCount(sc, l.n, "top-nested"); err != nil {
				return nil, err
			}
		}
		var next []tnPath
		for _, path := range paths {
			sub := takeRows(in, path.rows)
			rc := &rowCtx{ev: ev, sc: sc, tbl: sub, n: len(path.rows), op: "top-nested"}
			key, err := rc.evalCol(l.of.e)
			if err != nil {
				return nil, err
			}
			g := grouping{}
			g.groups, g.n = newKeyer().ids([]*dataset.Column{key})
			if len(path.rows) == 0 {
				g.n = 0
			}
			g.rep = firstRows(g.groups, g.n)
			keys := &dataset.Table{Columns: []*dataset.Column{gather(key, g.rep)}}
			aggs, err := rc.aggregateItem(assignment{e: l.agg.e, names: []string{aggName}}, g, keys, 1)
			if err != nil {
				return nil, err
			}
			agg := aggs[0]
			order := iota(g.n)
			cmp := orderedComparator(agg, !l.asc, l.asc)
			slices.SortStableFunc(order, cmp)
			if limit >= 0 && limit < len(order) {
				order = order[:limit]
			}
			members := make([][]int, g.n)
			for i, grp := range g.groups {
				members[grp] = append(members[grp], path.rows[i])
			}
			for _, grp := range order {
				cells := append(slices.Clone(path.cells), gather(keys.Columns[0], []int{grp}), gather(agg, []int{grp}))
				next = append(next, tnPath{rows: members[grp], cells: cells})
			}
		}
		paths = next
	}
	out := &dataset.Table{}
	for k, name := range names {
		var c *dataset.Column
		for _, path := range paths {
			if c == nil {
				c = dataset.NewColumn(name, path.cells[k].Type, len(paths))
			}
			appendCell(c, path.cells[k], 0)
		}
		if c == nil {
			c = dataset.NewColumn(name, dataset.String, 0)
		}
		out.Columns = append(out.Columns, c)
	}
	return out, nil
}
