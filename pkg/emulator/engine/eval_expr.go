package engine

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine/functions"
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

// adaptable operators compare their first argument with the others.
var adaptable = map[string]bool{"op:==": true, "op:!=": true, "op:<": true, "op:<=": true, "op:>": true,
	"op:>=": true, "op:in": true, "op:!in": true, "op:in~": true, "op:!in~": true, "op:=~": true, "op:!~": true}

// adaptConstants converts constant operands to the type of the value they are compared with when the
// conversion is exact: IsSigned == 1, RemotePort == "3389", EventId in ("4624", 4625). Hunting queries
// written against older schemas rely on it; column-to-column comparisons are left to the operator.
func adaptConstants(vals []val) []val {
	out := append([]val(nil), vals...)
	target := -1
	for i, v := range vals {
		if !v.k {
			target = i
			break
		}
	}
	if target < 0 {
		return out
	}
	t := vals[target].c.Type
	for i, v := range vals {
		if i == target || !v.k || v.c.Type == t || v.c.IsNull(0) {
			continue
		}
		if c := convertConst(v.c, t); c != nil {
			out[i] = val{c, true}
		}
	}
	return out
}

// convertConst converts a one-cell column to t when exact, or returns nil.
func convertConst(c *dataset.Column, t dataset.Type) *dataset.Column {
	switch {
	case t == dataset.Bool && (c.Type == dataset.Long || c.Type == dataset.Int) && (c.Int[0] == 0 || c.Int[0] == 1):
		return constCol(t, c.Int[0] == 1)
	case (t == dataset.Long || t == dataset.Int) && c.Type == dataset.String:
		if x, err := strconv.ParseInt(strings.TrimSpace(c.Str[0]), 10, 64); err == nil {
			return constCol(t, x)
		}
	case (t == dataset.Real || t == dataset.Decimal) && c.Type == dataset.String:
		if f, err := strconv.ParseFloat(strings.TrimSpace(c.Str[0]), 64); err == nil {
			return constCol(t, f)
		}
	case (t == dataset.String || t == dataset.GUID) && (c.Type == dataset.Long || c.Type == dataset.Int):
		return constCol(t, strconv.FormatInt(c.Int[0], 10))
	case (t == dataset.String || t == dataset.GUID) && c.Type == dataset.Real:
		return constCol(t, strconv.FormatFloat(c.Real[0], 'f', -1, 64))
	}
	return nil
}

// safeScalar runs a library function, turning a panic into an error: one bad row must fail the query
// with a message, not bring the emulator down.
func safeScalar(eval func(*functions.Context, []*dataset.Column, int) (*dataset.Column, error), ev *evaluator, args []*dataset.Column, n int) (out *dataset.Column, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	return eval(ev.fctx, args, n)
}

func safeAggregate(eval func(*functions.Context, []*dataset.Column, []int32, int) (*dataset.Column, error), ev *evaluator, args []*dataset.Column, groups []int32, n int) (out *dataset.Column, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	out, err = eval(ev.fctx, args, groups, n)
	if err == nil && out.Len() != n {
		err = fmt.Errorf("returned %d values for %d groups", out.Len(), n)
	}
	return out, err
}

// anyColumn evaluates "* has x" (and the other string operators with *): true when any string or dynamic
// column of the row matches.
func (rc *rowCtx) anyColumn(x *binaryExpr) (val, error) {
	r, err := rc.eval(x.r)
	if err != nil {
		return val{}, err
	}
	out := dataset.NewColumn("", dataset.Bool, rc.n)
	out.Int = make([]int64, rc.n)
	for _, c := range rc.tbl.Columns {
		if c.Type != dataset.String && c.Type != dataset.Dynamic {
			continue
		}
		arg := val{c, false}
		if c.Type == dataset.Dynamic {
			if arg, err = rc.apply(x.p, "tostring", []val{arg}); err != nil {
				return val{}, err
			}
		}
		m, err := rc.apply(x.p, "op:"+x.op, []val{arg, r})
		if err != nil {
			return val{}, err
		}
		mc := rc.full(m)
		for i, v := range mc.Int {
			if v != 0 && !mc.IsNull(i) {
				out.Int[i] = 1
			}
		}
	}
	return val{out, false}, nil
}
