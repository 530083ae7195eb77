package engine

import (
	"errors"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// unionSource is union as a source (union T1, T2) and, with piped input, as an operator.
type unionSource struct {
	at      pos
	inner   bool
	withSrc string
	items   []source
	fuzzy   bool // isfuzzy=true: tables that do not exist are skipped
}

func (p *parser) parseUnion(at pos) (*unionSource, error) {
	opts, err := p.parseOptions("kind", "withsource", "isfuzzy")
	if err != nil {
		return nil, err
	}
	u := &unionSource{at: at, inner: strings.EqualFold(opts["kind"], "inner"), withSrc: opts["withsource"],
		fuzzy: strings.EqualFold(opts["isfuzzy"], "true")}
	for {
		s, err := p.parseSource()
		if err != nil {
			return nil, err
		}
		u.items = append(u.items, s)
		if !p.accept(",") {
			return u, nil
		}
	}
}

func parseUnionOp(p *parser, at pos) (operator, error) {
	u, err := p.parseUnion(at)
	if err != nil {
		return nil, err
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		return u.union(ev, sc, []*dataset.Table{in})
	}), nil
}

func (u *unionSource) eval(ev *evaluator, sc *scope) (*dataset.Table, error) {
	return u.union(ev, sc, nil)
}

func (u *unionSource) union(ev *evaluator, sc *scope, tables []*dataset.Table) (*dataset.Table, error) {
	tables, err := u.members(ev, sc, tables)
	if err != nil {
		return nil, err
	}
	return unionTables(tables, u.withSrc, u.inner), nil
}

// members evaluates the union's tables (wildcards expanded), after any piped input.
func (u *unionSource) members(ev *evaluator, sc *scope, tables []*dataset.Table) ([]*dataset.Table, error) {
	for _, s := range u.items {
		if ts, ok := s.(*tableSource); ok && strings.Contains(ts.name, "*") {
			more, err := ev.wildcardTables(ts.p, ts.name)
			if err != nil {
				return nil, err
			}
			tables = append(tables, more...)
			continue
		}
		t, err := s.eval(ev, sc)
		var qe *dataset.QueryError
		if u.fuzzy && errors.As(err, &qe) && strings.Contains(qe.Message, "Failed to resolve table") {
			continue
		}
		if err != nil {
			return nil, err
		}
		if ts, ok := s.(*tableSource); ok && t.Name == "" {
			t = &dataset.Table{Name: ts.name, Columns: t.Columns}
		}
		tables = append(tables, t)
	}
	return tables, nil
}

// filteredUnion evaluates "union T1, T2 | where P | where Q" as the union of each table filtered by P and
// Q, so that wide tables are not copied whole before the filter drops most rows. A column P reads that
// a table lacks is null there, as it would be after the union.
func (ev *evaluator) filteredUnion(u *unionSource, filters []operator, need colSet, sc *scope) (*dataset.Table, error) {
	tables, err := u.members(ev, sc, nil)
	if err != nil {
		return nil, err
	}
	types := map[string]dataset.Type{}
	for _, t := range tables {
		for _, c := range t.Columns {
			if _, ok := types[c.Name]; !ok {
				types[c.Name] = c.Type
			}
		}
	}
	refs := colSet{}
	for _, f := range filters {
		collectRefs(f.(*whereOp).pred, refs, sc)
	}
	out := make([]*dataset.Table, len(tables))
	for i, t := range tables {
		padded := &dataset.Table{Name: t.Name, Columns: append([]*dataset.Column(nil), t.Columns...)}
		for name := range refs {
			if ty, ok := types[name]; ok && t.Column(name) == nil {
				padded.Columns = append(padded.Columns, nullCol(name, ty, t.Rows()))
			}
		}
		res, err := ev.applyOpsPlain(filters, sc, padded)
		if err != nil {
			return nil, err
		}
		res.Columns = res.Columns[:len(t.Columns)] // drop the padding again: union adds its nulls in place
		res.Name = t.Name
		out[i] = keepColumns(res, need)
	}
	return unionTables(out, u.withSrc, u.inner), nil
}

// unionTables concatenates tables by column name: outer keeps every column (nulls where a table lacks
// it), inner only the columns all tables share. A column whose type differs between tables gets the
// type as a suffix (Name_string), as Kusto does.
func unionTables(tables []*dataset.Table, withSrc string, inner bool) *dataset.Table {
	type outCol struct {
		name string
		t    dataset.Type
	}
	var cols []outCol
	index := map[outCol]int{}
	count := map[outCol]int{}
	for _, t := range tables {
		for _, c := range t.Columns {
			k := outCol{c.Name, c.Type}
			if _, ok := index[k]; !ok {
				index[k] = len(cols)
				cols = append(cols, k)
			}
			count[k]++
		}
	}
	byName := map[string]int{}
	for _, k := range cols {
		byName[k.name]++
	}
	total := 0
	for _, t := range tables {
		total += t.Rows()
	}
	out := &dataset.Table{}
	if withSrc != "" {
		src := dataset.NewColumn(withSrc, dataset.String, total)
		for _, t := range tables {
			for i := 0; i < t.Rows(); i++ {
				src.Str = append(src.Str, t.Name)
			}
		}
		out.Columns = append(out.Columns, src)
	}
	for _, k := range cols {
		if inner && count[k] < len(tables) {
			continue
		}
		name := k.name
		if byName[k.name] > 1 {
			name = k.name + "_" + string(k.t)
		}
		dst := dataset.NewColumn(name, k.t, total)
		for _, t := range tables {
			src := t.Column(k.name)
			if src != nil && src.Type != k.t {
				src = nil
			}
			appendColumn(dst, src, t.Rows())
		}
		out.Columns = append(out.Columns, dst)
	}
	return out
}

// appendColumn appends the n cells of src (or n nulls when src is nil) to dst.
func appendColumn(dst, src *dataset.Column, n int) {
	if src == nil {
		for i := 0; i < n; i++ {
			appendCell(dst, nil, -1)
		}
		return
	}
	before := dst.Len()
	switch {
	case dst.Str != nil:
		dst.Str = append(dst.Str, src.Str...)
		return
	case dst.Real != nil:
		dst.Real = append(dst.Real, src.Real...)
	case dst.Dyn != nil:
		dst.Dyn = append(dst.Dyn, src.Dyn...)
		return
	default:
		dst.Int = append(dst.Int, src.Int...)
	}
	if src.Null == nil && dst.Null == nil {
		return
	}
	if dst.Null == nil {
		dst.Null = make([]bool, before, dst.Len())
	}
	if src.Null != nil {
		dst.Null = append(dst.Null, src.Null...)
	} else {
		dst.Null = append(dst.Null, make([]bool, n)...)
	}
}
