package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// Projection pushdown. Hunting tables are wide (DeviceProcessEvents has 69 columns) and most pipelines end
// in a project or summarize that reads a handful, yet joins and filters would copy every column of every
// surviving row. columnNeeds works backwards through a pipeline to find which columns each operator's
// input must carry; the source and row-multiplying operators then keep only those. A nil set means every
// column (the final result, and whenever an operator's needs cannot be known).

type colSet map[string]bool

// columnNeeds returns needs[i], the columns operator i reads from its input; needs[len(ops)] is nil (the
// result keeps everything).
func columnNeeds(ops []operator, sc *scope) []colSet {
	needs := make([]colSet, len(ops)+1)
	for i := len(ops) - 1; i >= 0; i-- {
		needs[i] = opNeeds(ops[i], needs[i+1], sc)
	}
	return needs
}

// opNeeds is what op reads given that its output must carry down (nil: all).
func opNeeds(op operator, down colSet, sc *scope) colSet {
	refs := colSet{}
	exprs := func(es ...Expr) bool {
		for _, e := range es {
			if !collectRefs(e, refs, sc) {
				return false
			}
		}
		return true
	}
	items := func(as []assignment) bool {
		for _, a := range as {
			if isStar(a.e) || !exprs(a.e) {
				return false
			}
			if c, ok := a.e.(*callExpr); ok {
				for _, arg := range c.args {
					if isStar(arg) {
						return false
					}
				}
			}
		}
		return true
	}
	plus := func(ok bool) colSet {
		if !ok || down == nil {
			return nil
		}
		for n := range down {
			refs[n] = true
		}
		return refs
	}
	switch o := op.(type) {
	case *whereOp:
		return plus(exprs(o.pred))
	case *takeOp:
		return plus(exprs(o.n))
	case countOp:
		return refs
	case *sortOp:
		for _, k := range o.keys {
			if !exprs(k.e) {
				return nil
			}
		}
		return plus(true)
	case *projectOp:
		if !items(o.items) {
			return nil
		}
		return refs
	case *summarizeOp:
		if !items(o.aggs) || !items(o.by) {
			return nil
		}
		return refs
	case *extendOp:
		if down == nil || !items(o.items) {
			return nil
		}
		// Columns the extend assigns come from it, unless it also reads them.
		for n := range down {
			assigned := false
			for _, a := range o.items {
				assigned = assigned || len(a.names) > 0 && a.names[0] == n
			}
			if !assigned {
				refs[n] = true
			}
		}
		return refs
	case *mvExpandOp:
		for _, it := range o.items {
			if !exprs(it.e) {
				return nil
			}
		}
		return plus(true)
	}
	return nil
}

// keepColumns returns t with only the columns in need (all when need is nil), keeping at least one column
// so that the row count survives.
func keepColumns(t *dataset.Table, need colSet) *dataset.Table {
	if need == nil {
		return t
	}
	out := &dataset.Table{Name: t.Name}
	for _, c := range t.Columns {
		if need[c.Name] {
			out.Columns = append(out.Columns, c)
		}
	}
	if len(out.Columns) == 0 && len(t.Columns) > 0 {
		out.Columns = t.Columns[:1]
	}
	if len(out.Columns) == len(t.Columns) {
		return t
	}
	return out
}
