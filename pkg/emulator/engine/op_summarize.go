package engine

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

type summarizeOp struct {
	aggs []assignment
	by   []assignment
}

func parseSummarize(p *parser, at pos) (operator, error) {
	if _, err := p.parseOptions(); err != nil {
		return nil, err
	}
	o := &summarizeOp{}
	var err error
	if o.aggs, err = p.parseAssignments("by"); err != nil {
		return nil, err
	}
	if p.accept("by") {
		if o.by, err = p.parseAssignments(); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// grouping is the input rows of summarize split into groups.
type grouping struct {
	groups []int32
	n      int
	rep    []int // the first row of each group
}

// groupRows puts each of rows rows in the group of its by values (all in one group when there are none),
// and returns the grouping with a table of each group's by values, the start of summarize's output.
func groupRows(rows int, byCols []*dataset.Column) (grouping, *dataset.Table) {
	g := grouping{groups: make([]int32, rows), n: 1}
	if len(byCols) > 0 {
		g.groups, g.n = newKeyer().ids(byCols)
	}
	g.rep = firstRows(g.groups, g.n)
	out := &dataset.Table{}
	for _, c := range byCols {
		out.Columns = append(out.Columns, gather(c, g.rep))
	}
	return g, out
}

func (o *summarizeOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: "summarize"}
	by := make([]assignment, len(o.by))
	for i, a := range o.by {
		by[i] = a
		if call, ok := a.e.(*callExpr); ok && len(a.names) == 0 && exprName(a.e) == "" && len(call.args) > 0 {
			// by format_datetime(Timestamp, 'y-M-d') is named after the column it reads
			if n := exprName(call.args[0]); n != "" && in.Column(n) != nil {
				by[i].names = []string{n}
			}
		}
	}
	byCols, err := ev.evalItems(sc, in, by, "summarize")
	if err != nil {
		return nil, err
	}
	g, out := groupRows(in.Rows(), byCols)
	for _, a := range o.aggs {
		cols, err := rc.aggregateItem(a, g, out, len(byCols))
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			c.Name = uniqueName(hasColumn(out), c.Name, false)
			out.Columns = append(out.Columns, c)
		}
	}
	return out, nil
}

// aggregateItem computes one aggregation item; arg_max and friends yield several columns.
func (rc *rowCtx) aggregateItem(a assignment, g grouping, out *dataset.Table, nby int) ([]*dataset.Column, error) {
	if call, ok := a.e.(*callExpr); ok && rc.sc.lookup(call.name) == nil {
		switch call.name {
		case "arg_max", "argmax", "arg_min", "argmin":
			cols, err := rc.argExtreme(call, g, out, nby)
			return renameTuple(cols, a.names), err
		case "any", "take_any", "anyif":
			if len(call.args) > 1 || len(call.args) == 1 && isStar(call.args[0]) {
				cols, err := rc.pickRows(call.args, g.rep, out, nby)
				return renameTuple(cols, a.names), err
			}
		}
	}
	groupTbl := &dataset.Table{Columns: append([]*dataset.Column(nil), out.Columns...)}
	found := 0
	rewritten, err := rc.rewriteAggregates(a.e, g, groupTbl, &found)
	if err != nil {
		return nil, err
	}
	if found == 0 {
		return nil, errAt(a.e.position(), "'summarize' operator: the expression is not an aggregation; use an aggregation function such as count(), dcount(x) or make_set(x), or move it to 'by'")
	}
	grc := &rowCtx{ev: rc.ev, sc: rc.sc, tbl: groupTbl, n: g.n, op: "summarize"}
	c, err := grc.evalCol(rewritten)
	if err != nil {
		return nil, err
	}
	name := ""
	switch {
	case len(a.names) > 0:
		name = a.names[0]
	default:
		name = rc.aggregateName(a.e)
		if name == "" {
			name = uniqueName(hasColumn(out), "Column", true)
		}
	}
	return []*dataset.Column{named(c, name)}, nil
}

func renameTuple(cols []*dataset.Column, names []string) []*dataset.Column {
	for i := range cols {
		if i < len(names) {
			cols[i] = named(cols[i], names[i])
		}
	}
	return cols
}

func isStar(e Expr) bool { _, ok := e.(*starExpr); return ok }

// rewriteAggregates replaces every aggregation call in e with a reference to its per-group result, added
// to groupTbl, so that expressions such as todouble(countif(x)) / count() evaluate per group.
func (rc *rowCtx) rewriteAggregates(e Expr, g grouping, groupTbl *dataset.Table, found *int) (Expr, error) {
	switch x := e.(type) {
	case *callExpr:
		if f, ok := rc.ev.eng.reg.Aggregate(x.name); ok && rc.sc.lookup(x.name) == nil {
			if len(x.args) < f.MinArgs || f.MaxArgs >= 0 && len(x.args) > f.MaxArgs {
				return nil, errAt(x.p, "'summarize' operator: function '%s' expects %s, got %d", x.name, argCount(f.MinArgs, f.MaxArgs), len(x.args))
			}
			args := make([]*dataset.Column, len(x.args))
			types := make([]dataset.Type, len(x.args))
			for i, arg := range x.args {
				c, err := rc.evalCol(arg)
				if err != nil {
					return nil, err
				}
				args[i], types[i] = c, c.Type
			}
			if f.Result != nil {
				if _, err := f.Result(types); err != nil {
					return nil, errAt(x.p, "'summarize' operator: %s(): %v", x.name, err)
				}
			}
			c, err := safeAggregate(f.Eval, rc.ev, args, g.groups, g.n)
			if err != nil {
				return nil, errAt(x.p, "'summarize' operator: %s(): %v", x.name, err)
			}
			*found++
			name := fmt.Sprintf("\x00agg%d", len(groupTbl.Columns))
			groupTbl.Columns = append(groupTbl.Columns, named(c, name))
			return &identExpr{p: x.p, name: name}, nil
		}
		cp := *x
		cp.args = make([]Expr, len(x.args))
		for i, arg := range x.args {
			r, err := rc.rewriteAggregates(arg, g, groupTbl, found)
			if err != nil {
				return nil, err
			}
			cp.args[i] = r
		}
		return &cp, nil
	case *binaryExpr:
		l, err := rc.rewriteAggregates(x.l, g, groupTbl, found)
		if err != nil {
			return nil, err
		}
		r, err := rc.rewriteAggregates(x.r, g, groupTbl, found)
		if err != nil {
			return nil, err
		}
		return &binaryExpr{p: x.p, op: x.op, l: l, r: r}, nil
	case *unaryExpr:
		inner, err := rc.rewriteAggregates(x.x, g, groupTbl, found)
		if err != nil {
			return nil, err
		}
		return &unaryExpr{p: x.p, op: x.op, x: inner}, nil
	case *memberExpr:
		inner, err := rc.rewriteAggregates(x.x, g, groupTbl, found)
		if err != nil {
			return nil, err
		}
		return &memberExpr{p: x.p, x: inner, name: x.name}, nil
	case *indexExpr:
		inner, err := rc.rewriteAggregates(x.x, g, groupTbl, found)
		if err != nil {
			return nil, err
		}
		return &indexExpr{p: x.p, x: inner, idx: x.idx}, nil
	}
	return e, nil
}

// argExtreme implements arg_max / arg_min (Expr, Col | *): the row with the extreme value per group.
func (rc *rowCtx) argExtreme(call *callExpr, g grouping, out *dataset.Table, nby int) ([]*dataset.Column, error) {
	if len(call.args) < 1 {
		return nil, errAt(call.p, "'summarize' operator: %s() expects the expression to maximize and the columns to return", call.name)
	}
	key, err := rc.evalCol(call.args[0])
	if err != nil {
		return nil, err
	}
	sign := 1
	if call.name == "arg_min" || call.name == "argmin" {
		sign = -1
	}
	best := make([]int, g.n)
	for i := range best {
		best[i] = -1
	}
	cmp := cellComparator(key)
	for i, grp := range g.groups {
		if key.IsNull(i) {
			continue
		}
		if b := best[grp]; b < 0 || sign*cmp(i, b) > 0 {
			best[grp] = i
		}
	}
	for grp, b := range best {
		if b < 0 {
			best[grp] = g.rep[grp]
		}
	}
	first := exprName(call.args[0])
	if first == "" {
		first = map[int]string{1: "max_", -1: "min_"}[sign] + "Column1"
	}
	cols := []*dataset.Column{named(gather(key, best), first)}
	more, err := rc.pickRows(call.args[1:], best, out, nby, first)
	return append(cols, more...), err
}

// pickRows returns the given expressions (or every input column for *) at one row per group, skipping
// the by columns and names already taken.
func (rc *rowCtx) pickRows(args []Expr, rows []int, out *dataset.Table, nby int, skip ...string) ([]*dataset.Column, error) {
	var cols []*dataset.Column
	taken := map[string]bool{}
	for _, c := range out.Columns[:nby] {
		taken[c.Name] = true
	}
	for _, s := range skip {
		taken[s] = true
	}
	for _, arg := range args {
		if isStar(arg) {
			for _, c := range rc.tbl.Columns {
				if !taken[c.Name] {
					taken[c.Name] = true
					cols = append(cols, gather(c, rows))
				}
			}
			continue
		}
		c, err := rc.evalCol(arg)
		if err != nil {
			return nil, err
		}
		name := exprName(arg)
		if name == "" {
			name = fmt.Sprintf("Column%d", len(cols)+1)
		}
		taken[name] = true
		cols = append(cols, named(gather(c, rows), name))
	}
	return cols, nil
}

// aggregateName is Kusto's default name of an aggregation item: the aggregation's own (count_,
// dcount_DeviceId, set_FileName), also through a conversion such as tostring(make_set(X)); "" otherwise.
func (rc *rowCtx) aggregateName(e Expr) string {
	call, ok := e.(*callExpr)
	if !ok {
		return ""
	}
	if conversions[call.name] && len(call.args) == 1 {
		return rc.aggregateName(call.args[0])
	}
	f, ok := rc.ev.eng.reg.Aggregate(call.name)
	if !ok || f.ResultName == nil {
		return ""
	}
	argNames := make([]string, len(call.args))
	for i, arg := range call.args {
		if id, ok := arg.(*identExpr); ok {
			argNames[i] = id.name
		}
	}
	if call.name == "count" && len(argNames) == 1 && argNames[0] != "" {
		return "count_" + argNames[0] // count(X) counts non-empty X and is named after it
	}
	return f.ResultName(argNames)
}
