package engine

import (
	"context"
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine/functions"
)

// evaluator is the state of one query run.
type evaluator struct {
	ctx    context.Context
	eng    *Engine
	q      dataset.Query
	fctx   *functions.Context
	scans  map[string]*dataset.Table
	groups map[string]bool // nil: every device group is visible
}

// binding is what a name bound by let (or a function parameter) stands for.
type binding struct {
	scalar  *dataset.Column // a constant (one cell) or, when perRow, one cell per row of the current table
	perRow  bool
	table   *dataset.Table
	fn      *funcDef
	fnScope *scope // where fn was defined: its body sees the lets before it
}

type scope struct {
	parent *scope
	vars   map[string]*binding
}

func newScope(parent *scope) *scope { return &scope{parent: parent, vars: map[string]*binding{}} }

func (s *scope) lookup(name string) *binding {
	for ; s != nil; s = s.parent {
		if b, ok := s.vars[name]; ok {
			return b
		}
	}
	return nil
}

// errAt builds a Kusto-worded semantic error at p.
func errAt(p pos, format string, args ...any) error {
	return &dataset.QueryError{Message: fmt.Sprintf(format, args...), Line: p.line, Column: p.col}
}

func (ev *evaluator) runQuery(q *query) (*dataset.Table, error) {
	sc := newScope(nil)
	for i := range q.lets {
		if err := ev.bindLet(&q.lets[i], sc); err != nil {
			return nil, err
		}
	}
	return ev.evalPipeline(q.result, sc)
}

func (ev *evaluator) bindLet(l *letStmt, sc *scope) error {
	if l.fn != nil {
		sc.vars[l.name] = &binding{fn: l.fn, fnScope: sc}
		return nil
	}
	t, c, err := ev.evalValue(l.e, sc)
	if err != nil {
		return err
	}
	sc.vars[l.name] = &binding{table: t, scalar: c}
	return nil
}

// evalValue evaluates an expression that may be tabular (a table name, a pipeline, materialize(), a
// function returning a table) or scalar (then evaluated once, as a constant).
func (ev *evaluator) evalValue(e Expr, sc *scope) (*dataset.Table, *dataset.Column, error) {
	if t, ok, err := ev.tabularOf(e, sc); ok || err != nil {
		return t, nil, err
	}
	rc := &rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: "let"}
	c, err := rc.evalCol(e)
	return nil, c, err
}

// tabularOf evaluates e when it denotes a table; ok is false for scalar expressions.
func (ev *evaluator) tabularOf(e Expr, sc *scope) (*dataset.Table, bool, error) {
	switch x := e.(type) {
	case *tabularExpr:
		t, err := ev.evalPipeline(x.q, sc)
		return t, true, err
	case *identExpr:
		if b := sc.lookup(x.name); b != nil {
			if b.table != nil {
				return b.table, true, nil
			}
			if b.fn != nil && len(b.fn.params) == 0 && isTabularBody(b.fn) {
				t, _, err := ev.invoke(x.p, b, nil, nil, sc)
				return t, true, err
			}
			return nil, false, nil
		}
		t, ok, err := ev.scan(x.name)
		return t, ok, err
	case *callExpr:
		switch x.name {
		case "materialize", "view":
			if len(x.args) == 1 {
				t, ok, err := ev.tabularOf(x.args[0], sc)
				if !ok && err == nil {
					err = errAt(x.p, "materialize(): expected a tabular expression")
				}
				return t, true, err
			}
		case "table":
			if len(x.args) == 1 {
				if lit, ok := x.args[0].(*literalExpr); ok && lit.col.Type == dataset.String {
					return ev.tableByName(x.p, lit.col.Str[0], sc)
				}
			}
		}
		if b := sc.lookup(x.name); b != nil && b.fn != nil && isTabularBody(b.fn) {
			t, _, err := ev.invoke(x.p, b, x.args, nil, sc)
			return t, true, err
		}
	}
	return nil, false, nil
}

func (ev *evaluator) tableByName(p pos, name string, sc *scope) (*dataset.Table, bool, error) {
	if b := sc.lookup(name); b != nil && b.table != nil {
		return b.table, true, nil
	}
	t, ok, err := ev.scan(name)
	if err != nil {
		return nil, true, err
	}
	if !ok {
		return nil, true, errAt(p, "Failed to resolve table or column expression named '%s'", name)
	}
	return t, true, nil
}

// isTabularBody reports whether a function's body is a tabular expression, judged by its syntax: a
// pipeline, or a name or call that is not obviously scalar.
func isTabularBody(fn *funcDef) bool {
	_, ok := fn.body.(*tabularExpr)
	return ok
}

// invoke runs a user function. args are unevaluated argument expressions; input, when not nil, is the
// piped table for `invoke` (bound to the first tabular parameter). For scalar functions rc gives the rows
// the arguments are evaluated over.
func (ev *evaluator) invoke(p pos, b *binding, args []Expr, input *dataset.Table, sc *scope) (*dataset.Table, *dataset.Column, error) {
	return ev.invokeIn(p, b, args, input, &rowCtx{ev: ev, sc: sc, tbl: &dataset.Table{}, n: 1, op: "invoke"})
}

func (ev *evaluator) invokeIn(p pos, b *binding, args []Expr, input *dataset.Table, rc *rowCtx) (*dataset.Table, *dataset.Column, error) {
	fn := b.fn
	inner := newScope(b.fnScope)
	ai := 0
	for _, prm := range fn.params {
		if prm.tabular && input != nil {
			inner.vars[prm.name] = &binding{table: input}
			input = nil
			continue
		}
		if ai >= len(args) {
			if prm.def == nil {
				return nil, nil, errAt(p, "function call is missing a value for parameter '%s'", prm.name)
			}
			c, err := (&rowCtx{ev: ev, sc: inner, tbl: &dataset.Table{}, n: 1, op: "invoke"}).evalCol(prm.def)
			if err != nil {
				return nil, nil, err
			}
			inner.vars[prm.name] = &binding{scalar: c}
			continue
		}
		arg := args[ai]
		ai++
		if prm.tabular {
			t, ok, err := ev.tabularOf(arg, rc.sc)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				return nil, nil, errAt(arg.position(), "parameter '%s' expects a table", prm.name)
			}
			inner.vars[prm.name] = &binding{table: t}
			continue
		}
		v, err := rc.eval(arg)
		if err != nil {
			return nil, nil, err
		}
		inner.vars[prm.name] = &binding{scalar: v.c, perRow: !v.k && rc.n != 1}
	}
	if ai < len(args) {
		return nil, nil, errAt(p, "function expects %d arguments but got %d", len(fn.params), len(args))
	}
	for i := range fn.lets {
		if err := ev.bindLet(&fn.lets[i], inner); err != nil {
			return nil, nil, err
		}
	}
	if t, ok, err := ev.tabularOf(fn.body, inner); ok || err != nil {
		return t, nil, err
	}
	c, err := (&rowCtx{ev: ev, sc: inner, tbl: rc.tbl, n: rc.n, op: rc.op}).evalCol(fn.body)
	return nil, c, err
}

func (ev *evaluator) evalPipeline(pl *pipeline, sc *scope) (*dataset.Table, error) {
	needs := columnNeeds(pl.ops, sc)
	ops := pl.ops
	var t *dataset.Table
	var err error
	if u, ok := pl.src.(*unionSource); ok && !u.inner {
		// Filters and projections reach into the union's tables, before their rows are copied.
		k := 0
		for k < len(ops) {
			if _, isWhere := ops[k].(*whereOp); !isWhere {
				break
			}
			k++
		}
		t, err = ev.filteredUnion(u, ops[:k], needs[k], sc)
		ops, needs = ops[k:], needs[k:]
	}
	if t == nil && err == nil {
		t, err = pl.src.eval(ev, sc)
	}
	if err != nil {
		return nil, err
	}
	return ev.applyOpsNeeding(ops, needs, sc, keepColumns(t, needs[0]))
}

func (ev *evaluator) applyOps(ops []operator, sc *scope, t *dataset.Table) (*dataset.Table, error) {
	return ev.applyOpsNeeding(ops, columnNeeds(ops, sc), sc, t)
}

// applyOpsNeeding applies ops; needs (from columnNeeds) lets joins and mv-expand copy only the columns
// that later operators read.
func (ev *evaluator) applyOpsNeeding(ops []operator, needs []colSet, sc *scope, t *dataset.Table) (*dataset.Table, error) {
	for i := 0; i < len(ops); i++ {
		n, refs := ev.fusedRun(ops, i, sc)
		jo, isJoin := ops[i].(*joinOp)
		var err error
		switch {
		case isJoin:
			if n == 0 {
				n = 1
			}
			t, err = ev.narrowJoin(jo, ops[i+1:i+n], refs, needs[i+n], sc, t)
		case n > 0:
			t, err = ev.narrowRun(ops[i:i+n], refs, needs[i+n], sc, t)
		default:
			n = 1
			t, err = ev.applyOpsPlain(ops[i:i+1], sc, t)
		}
		if err != nil {
			return nil, err
		}
		i += n - 1
	}
	return t, nil
}

// applyOpsPlain applies ops one after another.
func (ev *evaluator) applyOpsPlain(ops []operator, sc *scope, t *dataset.Table) (*dataset.Table, error) {
	for _, op := range ops {
		if err := ev.ctx.Err(); err != nil {
			return nil, fmt.Errorf("query stopped: %w", err)
		}
		var err error
		if t, err = op.apply(ev, sc, t); err != nil {
			return nil, err
		}
		if t.Rows() > ev.eng.limit {
			return nil, &dataset.QueryError{Message: fmt.Sprintf("Query result set has exceeded the internal row limit of %d rows: narrow it with where, summarize or take", ev.eng.limit)}
		}
	}
	return t, nil
}
