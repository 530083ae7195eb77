package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// invoke f(args): calls a user function with the piped table as its first tabular parameter.
func parseInvoke(p *parser, at pos) (operator, error) {
	if p.peek().Kind != kql.Ident || !p.peekN(1).Is("(") {
		return nil, p.errorf("invoke expects a function call, e.g. invoke MyFunction()")
	}
	e, err := p.parseCall()
	if err != nil {
		return nil, err
	}
	call := e.(*callExpr)
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		b := sc.lookup(call.name)
		if b == nil || b.fn == nil {
			if t, ok := invokeBuiltin(call.name, in); ok {
				return t, nil
			}
			return nil, errAt(call.p, "'invoke' operator: Failed to resolve function named '%s'", call.name)
		}
		t, _, err := ev.invokeIn(call.p, b, call.args, in, &rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: "invoke"})
		if err == nil && t == nil {
			err = errAt(call.p, "'invoke' operator: function '%s' must return a table", call.name)
		}
		return t, err
	}), nil
}

// partition by Col ( ops ): runs the operators on each group of rows and unions the results.
func parsePartition(p *parser, at pos) (operator, error) {
	if _, err := p.parseOptions(); err != nil {
		return nil, err
	}
	if err := p.expect("by"); err != nil {
		return nil, err
	}
	key, err := p.ident()
	if err != nil {
		return nil, err
	}
	closer := ")"
	if p.accept("{") {
		closer = "}"
	} else if err := p.expect("("); err != nil {
		return nil, err
	}
	var ops []operator
	for {
		p.accept("|")
		if p.at("$input") {
			p.next()
			continue
		}
		op, err := p.parseOperator()
		if err != nil {
			return nil, err
		}
		ops = append(ops, op)
		if p.accept(closer) {
			break
		}
		if !p.at("|") {
			return nil, p.errorf("expected '|' or '%s' in partition subquery but found %s", closer, describe(p.peek()))
		}
	}
	return opFunc(func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
		kc := in.Column(key)
		if kc == nil {
			return nil, errAt(at, "'partition' operator: Failed to resolve scalar expression named '%s'", key)
		}
		ids, n := newKeyer().ids([]*dataset.Column{kc})
		members := make([][]int, n)
		for i, id := range ids {
			members[id] = append(members[id], i)
		}
		var parts []*dataset.Table
		for _, rows := range members {
			t, err := ev.applyOps(ops, sc, takeRows(in, rows))
			if err != nil {
				return nil, err
			}
			parts = append(parts, t)
		}
		if len(parts) == 0 {
			return ev.applyOps(ops, sc, in)
		}
		return unionTables(parts, "", false), nil
	}), nil
}
