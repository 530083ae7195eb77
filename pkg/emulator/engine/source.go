package engine

import (
	"sort"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// parseSource parses what a pipeline starts from.
func (p *parser) parseSource() (source, error) {
	t := p.peek()
	at := pos{t.Line, t.Column}
	switch {
	case t.Is("("):
		p.next()
		pl, err := p.parsePipeline()
		if err != nil {
			return nil, err
		}
		return &subquerySource{pl}, p.expect(")")
	case t.Kind != kql.Ident && !t.Is("*"):
		return nil, p.errorf("expected a table name or tabular expression but found %s", describe(t))
	}
	switch t.Text {
	case "externaldata":
		return nil, &dataset.QueryError{Message: "externaldata is not supported by the emulator: it cannot fetch external data offline", Line: at.line, Column: at.col}
	case "datatable":
		return p.parseDatatable(at)
	case "print":
		return p.parsePrint(at)
	case "range":
		if p.peekN(2).Is("from") {
			return p.parseRangeSource(at)
		}
	case "union":
		p.next()
		return p.parseUnion(at)
	case "find":
		return p.parseFind(at)
	case "search":
		return p.parseSearchSource(at)
	case "evaluate":
		return nil, p.errorf("evaluate needs an input table: T | evaluate %s", p.peekN(1).Text)
	}
	if p.peekN(1).Is("(") && t.Kind == kql.Ident {
		e, err := p.parseCall()
		if err != nil {
			return nil, err
		}
		return &callSource{e.(*callExpr)}, nil
	}
	name, err := p.namePattern()
	if err != nil {
		return nil, err
	}
	return &tableSource{p: at, name: name}, nil
}

// tableSource is a table (catalog, let-bound or a parameterless function), or a wildcard over catalog
// tables such as Device*Events.
type tableSource struct {
	p    pos
	name string
}

func (s *tableSource) eval(ev *evaluator, sc *scope) (*dataset.Table, error) {
	if strings.Contains(s.name, "*") {
		tables, err := ev.wildcardTables(s.p, s.name)
		if err != nil {
			return nil, err
		}
		return unionTables(tables, "", false), nil
	}
	if t, ok, err := ev.tabularOf(&identExpr{p: s.p, name: s.name}, sc); ok || err != nil {
		return t, err
	}
	if b := sc.lookup(s.name); b != nil && b.scalar != nil {
		return nil, errAt(s.p, "'%s' is a scalar value, not a table", s.name)
	}
	return nil, errAt(s.p, "Failed to resolve table or column expression named '%s'", s.name)
}

// wildcardTables returns the catalog tables whose names match pattern, in name order.
func (ev *evaluator) wildcardTables(p pos, pattern string) ([]*dataset.Table, error) {
	var names []string
	for name := range ev.eng.cat.Tables {
		if matchPattern(pattern, name) && !ev.q.Hidden[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, errAt(p, "Failed to resolve table or column expression named '%s'", pattern)
	}
	out := make([]*dataset.Table, len(names))
	for i, n := range names {
		t, _, err := ev.scan(n)
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

type subquerySource struct{ q *pipeline }

func (s *subquerySource) eval(ev *evaluator, sc *scope) (*dataset.Table, error) {
	return ev.evalPipeline(s.q, sc)
}

// callSource is a function call used as a table: a user function, materialize(), table("name").
type callSource struct{ call *callExpr }

func (s *callSource) eval(ev *evaluator, sc *scope) (*dataset.Table, error) {
	t, ok, err := ev.tabularOf(s.call, sc)
	if err != nil {
		return nil, err
	}
	if !ok {
		if b := sc.lookup(s.call.name); b == nil || b.fn == nil {
			return nil, errAt(s.call.p, "Failed to resolve table or column expression named '%s'", s.call.name)
		}
		return nil, errAt(s.call.p, "function '%s' returns a scalar, not a table", s.call.name)
	}
	return t, nil
}
