package engine

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// rowCtx evaluates scalar expressions over the rows of one table, column at a time.
type rowCtx struct {
	ev  *evaluator
	sc  *scope
	tbl *dataset.Table
	n   int
	op  string // the tabular operator, for error messages
}

// val is an evaluated expression: a column of n cells, or a constant of one cell (k) that is broadcast
// only when combined with row values.
type val struct {
	c *dataset.Column
	k bool
}

func (rc *rowCtx) evalCol(e Expr) (*dataset.Column, error) {
	v, err := rc.eval(e)
	if err != nil {
		return nil, err
	}
	return rc.full(v), nil
}

// full broadcasts a constant to the context's row count.
func (rc *rowCtx) full(v val) *dataset.Column {
	if v.k && rc.n != 1 {
		return broadcast(v.c, 0, rc.n)
	}
	return v.c
}

func (rc *rowCtx) unresolved(p pos, name string) error {
	return errAt(p, "'%s' operator: Failed to resolve scalar expression named '%s'", rc.op, name)
}

func (rc *rowCtx) eval(e Expr) (val, error) {
	switch x := e.(type) {
	case *literalExpr:
		return val{x.col, true}, nil
	case *identExpr:
		return rc.ident(x)
	case *binaryExpr:
		if isStar(x.l) {
			return rc.anyColumn(x)
		}
		return rc.callOp(x.p, "op:"+x.op, x.l, x.r)
	case *unaryExpr:
		return rc.callOp(x.p, "op:"+x.op, x.x)
	case *betweenExpr:
		return rc.callOp(x.p, "op:"+x.op, x.x, x.lo, x.hi)
	case *listExpr:
		return rc.list(x)
	case *callExpr:
		return rc.call(x)
	case *memberExpr:
		return rc.member(x)
	case *indexExpr:
		return rc.index(x)
	case *tabularExpr:
		return val{}, errAt(x.p, "'%s' operator: a tabular expression is not allowed here; use toscalar() to turn it into a value", rc.op)
	case *starExpr:
		return val{}, errAt(x.p, "'%s' operator: '*' is only allowed in arguments such as arg_max(Timestamp, *)", rc.op)
	case *typeofExpr:
		// typeof(long) as a function argument (extract_json's result type) is passed as the type's name.
		return val{constCol(dataset.String, string(x.t)), true}, nil
	}
	return val{}, fmt.Errorf("engine: unexpected expression %T", e)
}

func (rc *rowCtx) ident(x *identExpr) (val, error) {
	if c := rc.tbl.Column(x.name); c != nil {
		return val{c, false}, nil
	}
	if b := rc.sc.lookup(x.name); b != nil {
		switch {
		case b.scalar != nil:
			return val{b.scalar, !b.perRow}, nil
		case b.fn != nil && len(b.fn.params) == 0 && !isTabularBody(b.fn):
			_, c, err := rc.ev.invokeIn(x.p, b, nil, nil, rc)
			if err != nil {
				return val{}, err
			}
			return val{c, c.Len() == 1}, nil
		case b.table != nil || b.fn != nil:
			return val{}, errAt(x.p, "'%s' operator: '%s' is a tabular expression; use toscalar(%s) or x in (%s) to use its values", rc.op, x.name, x.name, x.name)
		}
	}
	return val{}, rc.unresolved(x.p, x.name)
}

// callOp calls a registry scalar with evaluated arguments.
func (rc *rowCtx) callOp(p pos, name string, args ...Expr) (val, error) {
	vals := make([]val, len(args))
	for i, a := range args {
		v, err := rc.eval(a)
		if err != nil {
			return val{}, err
		}
		vals[i] = v
	}
	return rc.apply(p, name, vals)
}

// nondeterministic functions are never folded into constants.
var nondeterministic = map[string]bool{"rand": true, "new_guid": true}

// apply runs the registry scalar name over vals; when every argument is a constant it runs once.
func (rc *rowCtx) apply(p pos, name string, vals []val) (val, error) {
	f, ok := rc.ev.eng.reg.Scalar(name)
	if !ok {
		if len(name) > 3 && name[:3] == "op:" {
			return val{}, errAt(p, "'%s' operator: operator '%s' is not supported by the emulator", rc.op, name[3:])
		}
		if _, isAgg := rc.ev.eng.reg.Aggregate(name); isAgg {
			return val{}, errAt(p, "'%s' operator: aggregation function '%s' can only be used in summarize, make-series or top-nested", rc.op, name)
		}
		return val{}, errAt(p, "'%s' operator: Failed to resolve scalar expression named '%s'", rc.op, name)
	}
	if len(vals) < f.MinArgs || f.MaxArgs >= 0 && len(vals) > f.MaxArgs {
		return val{}, errAt(p, "'%s' operator: %s expects %s, got %d", rc.op, displayName(name), argCount(f.MinArgs, f.MaxArgs), len(vals))
	}
	if adaptable[name] {
		vals = adaptConstants(vals)
	}
	types := make([]dataset.Type, len(vals))
	allConst := !nondeterministic[name]
	for i, v := range vals {
		types[i] = v.c.Type
		allConst = allConst && v.k
	}
	if f.Result != nil {
		if _, err := f.Result(types); err != nil {
			return val{}, errAt(p, "'%s' operator: %s: %v", rc.op, displayName(name), err)
		}
	}
	n := rc.n
	cols := make([]*dataset.Column, len(vals))
	for i, v := range vals {
		cols[i] = v.c
		if !allConst {
			cols[i] = rc.full(v)
		}
	}
	if allConst {
		n = 1
	}
	out, err := safeScalar(f.Eval, rc.ev, cols, n)
	if err == nil && out.Len() != n {
		err = fmt.Errorf("returned %d values for %d rows", out.Len(), n)
	}
	if err != nil {
		return val{}, errAt(p, "'%s' operator: %s: %v", rc.op, displayName(name), err)
	}
	return val{out, allConst}, nil
}

func displayName(name string) string {
	if len(name) > 3 && name[:3] == "op:" {
		return "operator " + name[3:]
	}
	return name + "()"
}

func argCount(lo, hi int) string {
	switch {
	case lo == 1 && hi == 1:
		return "1 argument"
	case hi < 0:
		return fmt.Sprintf("at least %d arguments", lo)
	case lo == hi:
		return fmt.Sprintf("%d arguments", lo)
	}
	return fmt.Sprintf("%d to %d arguments", lo, hi)
}

// list evaluates a set operator; a tabular candidate contributes its first column's distinct values as
// one dynamic array.
func (rc *rowCtx) list(x *listExpr) (val, error) {
	v, err := rc.eval(x.x)
	if err != nil {
		return val{}, err
	}
	vals := []val{v}
	for _, item := range x.items {
		t, ok, err := rc.ev.tabularOf(item, rc.sc)
		if err != nil {
			return val{}, err
		}
		if ok {
			vals = append(vals, val{constCol(dataset.Dynamic, distinctFirstColumn(t)), true})
			continue
		}
		iv, err := rc.eval(item)
		if err != nil {
			return val{}, err
		}
		vals = append(vals, iv)
	}
	return rc.apply(x.p, "op:"+x.op, vals)
}

// distinctFirstColumn returns the distinct values of t's first column as a dynamic array.
func distinctFirstColumn(t *dataset.Table) []any {
	out := []any{}
	if len(t.Columns) == 0 {
		return out
	}
	c := t.Columns[0]
	ids, n := newKeyer().ids([]*dataset.Column{c})
	seen := make([]bool, n)
	for i, id := range ids {
		if !seen[id] && !c.IsNull(i) {
			seen[id] = true
			out = append(out, dynOf(c, i))
		}
	}
	return out
}
