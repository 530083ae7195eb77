package engine

import (
	"errors"
	"sort"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// findSource is find [withsource=C] [in (T1, T2)] where pred [project cols], and search as a source.
type findSource struct {
	at      pos
	op      string
	withSrc string
	tables  []source // nil: every catalog table
	pred    Expr
	project []string
}

func (p *parser) parseFind(at pos) (source, error) {
	p.next()
	opts, err := p.parseOptions("withsource", "kind", "datascope")
	if err != nil {
		return nil, err
	}
	s := &findSource{at: at, op: "find", withSrc: "source_"}
	if v, ok := opts["withsource"]; ok {
		s.withSrc = v
	}
	if s.tables, err = p.parseInTables(); err != nil {
		return nil, err
	}
	if err := p.expect("where"); err != nil {
		return nil, err
	}
	if s.pred, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if p.accept("project") {
		if s.project, err = p.parseNameList(); err != nil {
			return nil, err
		}
	} else if p.at("project") && p.peekN(1).Is("-") {
		p.dashedName()
	}
	return s, nil
}

// parseInTables parses an optional "in (T1, T2, ...)".
func (p *parser) parseInTables() ([]source, error) {
	if !p.accept("in") {
		return nil, nil
	}
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var out []source
	for !p.accept(")") {
		s, err := p.parseSource()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
		p.accept(",")
	}
	return out, nil
}

func (p *parser) parseSearchSource(at pos) (source, error) {
	p.next()
	if _, err := p.parseOptions("kind"); err != nil {
		return nil, err
	}
	s := &findSource{at: at, op: "search", withSrc: "$table"}
	var err error
	if s.tables, err = p.parseInTables(); err != nil {
		return nil, err
	}
	if s.pred, err = p.parseExpr(); err != nil {
		return nil, err
	}
	return s, nil
}

func parseSearchOp(p *parser, at pos) (operator, error) {
	if _, err := p.parseOptions("kind"); err != nil {
		return nil, err
	}
	pred, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		idx, err := ev.searchRows(sc, in, pred, "search")
		if err != nil {
			return nil, err
		}
		return takeRows(in, idx), nil
	}), nil
}

func (s *findSource) eval(ev *evaluator, sc *scope) (*dataset.Table, error) {
	var tables []*dataset.Table
	if s.tables == nil {
		names := make([]string, 0, len(ev.eng.cat.Tables))
		for n := range ev.eng.cat.Tables {
			if !ev.q.Hidden[n] {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			s.tables = append(s.tables, &tableSource{p: s.at, name: n})
		}
	}
	for _, src := range s.tables {
		if ts, ok := src.(*tableSource); ok && strings.Contains(ts.name, "*") {
			more, err := ev.wildcardTables(ts.p, ts.name)
			if err != nil {
				return nil, err
			}
			tables = append(tables, more...)
			continue
		}
		t, err := src.eval(ev, sc)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	var hits []*dataset.Table
	var firstErr error
	for _, t := range tables {
		idx, err := ev.searchRows(sc, t, s.pred, s.op)
		var qe *dataset.QueryError
		if errors.As(err, &qe) && strings.Contains(qe.Message, "Failed to resolve") {
			// find and search skip tables that lack the columns the predicate names.
			firstErr = err
			continue
		}
		if err != nil {
			return nil, err
		}
		hits = append(hits, &dataset.Table{Name: t.Name, Columns: takeRows(t, idx).Columns})
	}
	if len(hits) == 0 && firstErr != nil {
		return nil, firstErr
	}
	out := unionTables(hits, s.withSrc, false)
	if s.project != nil {
		keep := &dataset.Table{Columns: out.Columns[:1]}
		for _, c := range out.Columns[1:] {
			if matchAny(s.project, c.Name) {
				keep.Columns = append(keep.Columns, c)
			}
		}
		out = keep
	}
	return out, nil
}

// searchRows evaluates a search predicate: a bare string literal matches rows where any string or
// dynamic column contains it (case-insensitively), literals combine with and/or, and anything else is a
// where predicate.
func (ev *evaluator) searchRows(sc *scope, t *dataset.Table, pred Expr, op string) ([]int, error) {
	mask, err := ev.searchMask(sc, t, pred, op)
	if err != nil {
		return nil, err
	}
	idx := []int{}
	for i, ok := range mask {
		if ok {
			idx = append(idx, i)
		}
	}
	return idx, nil
}

func (ev *evaluator) searchMask(sc *scope, t *dataset.Table, pred Expr, op string) ([]bool, error) {
	mask := make([]bool, t.Rows())
	if b, ok := pred.(*binaryExpr); ok && (b.op == "and" || b.op == "or") && hasSearchTerm(b) {
		l, err := ev.searchMask(sc, t, b.l, op)
		if err != nil {
			return nil, err
		}
		// The right side only decides the rows the left one left open: matches for and, misses for or.
		var open []int
		for i, v := range l {
			if v == (b.op == "and") {
				open = append(open, i)
			}
		}
		r, err := ev.searchMask(sc, takeRows(t, open), b.r, op)
		if err != nil {
			return nil, err
		}
		copy(mask, l)
		for k, i := range open {
			mask[i] = r[k]
		}
		return mask, nil
	}
	lit, ok := pred.(*literalExpr)
	if !ok || lit.col.Type != dataset.String {
		idx, err := ev.selectRows(sc, t, pred, op)
		if err != nil {
			return nil, err
		}
		for _, i := range idx {
			mask[i] = true
		}
		return mask, nil
	}
	// The library's case-insensitive contains scans each column without per-cell allocations.
	rc := &rowCtx{ev: ev, sc: sc, tbl: t, n: t.Rows(), op: op}
	// One broadcast of the term serves every column (the library never modifies its arguments).
	term := val{broadcast(constCol(dataset.String, strings.Trim(lit.col.Str[0], "*")), 0, t.Rows()), false}
	for _, c := range t.Columns {
		if c.Type != dataset.String && c.Type != dataset.Dynamic {
			continue
		}
		arg := val{c, false}
		var err error
		if c.Type == dataset.Dynamic {
			if arg, err = rc.apply(lit.p, "tostring", []val{arg}); err != nil {
				return nil, err
			}
		}
		m, err := rc.apply(lit.p, "op:contains", []val{arg, term})
		if err != nil {
			return nil, err
		}
		mc := rc.full(m)
		for i, v := range mc.Int {
			mask[i] = mask[i] || v != 0 && !mc.IsNull(i)
		}
	}
	return mask, nil
}

// hasSearchTerm reports whether an and/or tree contains a bare string literal.
func hasSearchTerm(e Expr) bool {
	switch x := e.(type) {
	case *literalExpr:
		return x.col.Type == dataset.String
	case *binaryExpr:
		return (x.op == "and" || x.op == "or") && (hasSearchTerm(x.l) || hasSearchTerm(x.r))
	}
	return false
}
