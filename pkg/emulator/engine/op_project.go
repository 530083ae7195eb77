package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

type projectOp struct{ items []assignment }

func parseProject(p *parser, at pos) (operator, error) {
	items, err := p.parseAssignments()
	if err != nil {
		return nil, err
	}
	return &projectOp{items: items}, nil
}

func (o *projectOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	cols, err := ev.evalItems(sc, in, o.items, "project")
	if err != nil {
		return nil, err
	}
	return &dataset.Table{Columns: cols}, nil
}

type extendOp struct {
	name  string
	items []assignment
}

func parseExtend(p *parser, at pos) (operator, error) {
	items, err := p.parseAssignments()
	if err != nil {
		return nil, err
	}
	return &extendOp{name: "extend", items: items}, nil
}

func (o *extendOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	out := &dataset.Table{Name: in.Name, Columns: append([]*dataset.Column(nil), in.Columns...)}
	for _, it := range o.items {
		rc := &rowCtx{ev: ev, sc: sc, tbl: out, n: in.Rows(), op: o.name}
		if len(it.names) > 1 {
			cols, err := rc.tupleColumns(it)
			if err != nil {
				return nil, err
			}
			for _, c := range cols {
				setColumn(out, c)
			}
			continue
		}
		c, err := rc.evalCol(it.e)
		if err != nil {
			return nil, err
		}
		name := exprName(it.e)
		if len(it.names) > 0 {
			name = it.names[0]
		}
		if name == "" {
			name = uniqueName(hasColumn(out), "Column", true)
		}
		setColumn(out, named(c, name))
	}
	return out, nil
}

// setColumn replaces the column of the same name in place, or appends c.
func setColumn(t *dataset.Table, c *dataset.Column) {
	if i := tableIndex(t, c.Name); i >= 0 {
		t.Columns[i] = c
		return
	}
	t.Columns = append(t.Columns, c)
}

func parseProjectAway(p *parser, at pos) (operator, error) {
	names, err := p.parseNameList()
	if err != nil {
		return nil, err
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		if err := checkPatterns(at, "project-away", in, names); err != nil {
			return nil, err
		}
		out := &dataset.Table{Name: in.Name}
		for _, c := range in.Columns {
			if !matchAny(names, c.Name) {
				out.Columns = append(out.Columns, c)
			}
		}
		return out, nil
	}), nil
}

func parseProjectKeep(p *parser, at pos) (operator, error) {
	names, err := p.parseNameList()
	if err != nil {
		return nil, err
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		if err := checkPatterns(at, "project-keep", in, names); err != nil {
			return nil, err
		}
		out := &dataset.Table{Name: in.Name}
		for _, c := range in.Columns {
			if matchAny(names, c.Name) {
				out.Columns = append(out.Columns, c)
			}
		}
		return out, nil
	}), nil
}

func matchAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if matchPattern(p, name) {
			return true
		}
	}
	return false
}

// checkPatterns fails for a plain (wildcard-free) name that is not a column, as Kusto does.
func checkPatterns(at pos, op string, in *dataset.Table, names []string) error {
	for _, n := range names {
		if !containsStar(n) && in.Column(n) == nil {
			return errAt(at, "'%s' operator: Failed to resolve column or scalar expression named '%s'", op, n)
		}
	}
	return nil
}

func containsStar(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' {
			return true
		}
	}
	return false
}

func parseProjectRename(p *parser, at pos) (operator, error) {
	type pair struct{ to, from string }
	var pairs []pair
	for {
		to, err := p.ident()
		if err != nil {
			return nil, err
		}
		if err := p.expect("="); err != nil {
			return nil, err
		}
		from, err := p.ident()
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, pair{to, from})
		if !p.accept(",") {
			break
		}
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		out := &dataset.Table{Name: in.Name, Columns: append([]*dataset.Column(nil), in.Columns...)}
		for _, pr := range pairs {
			i := tableIndex(out, pr.from)
			if i < 0 {
				return nil, errAt(at, "'project-rename' operator: Failed to resolve scalar expression named '%s'", pr.from)
			}
			out.Columns[i] = named(out.Columns[i], pr.to)
		}
		return out, nil
	}), nil
}

func parseProjectReorder(p *parser, at pos) (operator, error) {
	var names []string
	for {
		n, err := p.namePattern()
		if err != nil {
			return nil, err
		}
		names = append(names, n)
		p.accept("asc")
		p.accept("desc")
		if !p.accept(",") {
			break
		}
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		out := &dataset.Table{Name: in.Name}
		used := make([]bool, len(in.Columns))
		for _, pat := range names {
			for i, c := range in.Columns {
				if !used[i] && matchPattern(pat, c.Name) {
					used[i] = true
					out.Columns = append(out.Columns, c)
				}
			}
		}
		for i, c := range in.Columns {
			if !used[i] {
				out.Columns = append(out.Columns, c)
			}
		}
		return out, nil
	}), nil
}
