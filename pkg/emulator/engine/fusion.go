package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// Late materialization for row-multiplying operators. Expanding a wide table (mv-expand) or joining two
// (join ... on DeviceId) copies every column once per output row, although the filters that usually follow
// (| where X matches regex ..., | where Timestamp1 between (Timestamp .. Timestamp + 5m)) read a few
// columns. Such an operator and the where/extend/mv-expand run after it are therefore evaluated over only
// the columns the run references plus hidden row numbers, and the other columns are gathered once, for the
// surviving rows.

const (
	rowIDColumn   = "\x00row"
	leftIDColumn  = "\x00left"
	rightIDColumn = "\x00right"
)

// fusedRun returns how many operators from ops[i] form a run worth narrowing, and the columns the run
// reads; n is 0 when the run must not be narrowed.
func (ev *evaluator) fusedRun(ops []operator, i int, sc *scope) (n int, refs map[string]bool) {
	switch ops[i].(type) {
	case *mvExpandOp, *joinOp:
	default:
		return 0, nil
	}
	refs = map[string]bool{}
	filters := 0
	for n = 0; i+n < len(ops); n++ {
		var exprs []Expr
		switch op := ops[i+n].(type) {
		case *joinOp:
			if n > 0 { // the next join starts its own run
				if filters == 0 {
					return 0, nil
				}
				return n, refs
			}
		case *mvExpandOp:
			for _, it := range op.items {
				exprs = append(exprs, it.e)
			}
		case *whereOp:
			exprs = append(exprs, op.pred)
			filters++
		case *extendOp:
			for _, it := range op.items {
				exprs = append(exprs, it.e)
			}
		default:
			if filters == 0 {
				return 0, nil
			}
			return n, refs
		}
		for _, e := range exprs {
			if !collectRefs(e, refs, sc) {
				return 0, nil
			}
		}
	}
	if filters == 0 {
		return 0, nil
	}
	return n, refs
}

// collectRefs adds the names e reads; false when e may read columns it does not name (user functions,
// pack_all, column_ifexists, window functions over other rows are fine: they name their columns).
func collectRefs(e Expr, refs map[string]bool, sc *scope) bool {
	switch x := e.(type) {
	case *identExpr:
		refs[x.name] = true
	case *literalExpr, *typeofExpr, *tabularExpr:
	case *binaryExpr:
		if isStar(x.l) {
			return false // * has "x" reads every column
		}
		return collectRefs(x.l, refs, sc) && collectRefs(x.r, refs, sc)
	case *unaryExpr:
		return collectRefs(x.x, refs, sc)
	case *betweenExpr:
		return collectRefs(x.x, refs, sc) && collectRefs(x.lo, refs, sc) && collectRefs(x.hi, refs, sc)
	case *memberExpr:
		return collectRefs(x.x, refs, sc)
	case *indexExpr:
		return collectRefs(x.x, refs, sc) && collectRefs(x.idx, refs, sc)
	case *listExpr:
		for _, it := range x.items {
			if !collectRefs(it, refs, sc) {
				return false
			}
		}
		return collectRefs(x.x, refs, sc)
	case *callExpr:
		if x.name == "pack_all" || x.name == "column_ifexists" || sc.lookup(x.name) != nil {
			return false
		}
		for _, a := range x.args {
			if !collectRefs(a, refs, sc) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

// narrowRun applies ops to the referenced columns of in, then gathers the rest for the rows that remain.
func (ev *evaluator) narrowRun(ops []operator, refs map[string]bool, need colSet, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	narrow := &dataset.Table{Name: in.Name}
	for _, c := range in.Columns {
		if refs[c.Name] {
			narrow.Columns = append(narrow.Columns, c)
		}
	}
	ids := dataset.NewColumn(rowIDColumn, dataset.Long, in.Rows())
	for i := 0; i < in.Rows(); i++ {
		ids.Int = append(ids.Int, int64(i))
	}
	narrow.Columns = append(narrow.Columns, ids)
	res, err := ev.applyOpsPlain(ops, sc, narrow)
	if err != nil {
		return nil, err
	}
	rowIDs := res.Column(rowIDColumn)
	rows := make([]int, len(rowIDs.Int))
	for i, r := range rowIDs.Int {
		rows[i] = int(r)
	}
	out := &dataset.Table{Name: in.Name}
	for _, c := range in.Columns {
		if rc := res.Column(c.Name); rc != nil {
			out.Columns = append(out.Columns, rc)
		} else if need == nil || need[c.Name] {
			out.Columns = append(out.Columns, gather(c, rows))
		}
	}
	for _, c := range res.Columns {
		if c.Name != rowIDColumn && in.Column(c.Name) == nil {
			out.Columns = append(out.Columns, c)
		}
	}
	if len(out.Columns) == 0 && len(in.Columns) > 0 { // keep one column so the row count survives
		out.Columns = append(out.Columns, gather(in.Columns[0], rows))
	}
	return keepColumns(out, need), nil
}

// narrowJoin runs a join and the run after it over the referenced columns plus the matched row numbers,
// then gathers the other columns for the pairs that survive.
func (ev *evaluator) narrowJoin(o *joinOp, ops []operator, refs map[string]bool, need colSet, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	j, err := o.pairs(ev, sc, in)
	if err != nil {
		return nil, err
	}
	if err := ev.checkCells("join", max(len(j.li), len(j.ri)), len(refs)+2); err != nil {
		return nil, err
	}
	narrow := &dataset.Table{}
	for _, c := range j.cols {
		if refs[c.name] {
			narrow.Columns = append(narrow.Columns, named(gather(c.src, j.rows(c.left)), c.name))
		}
	}
	for _, side := range []struct {
		name string
		rows []int
	}{{leftIDColumn, j.li}, {rightIDColumn, j.ri}} {
		if side.rows == nil {
			continue
		}
		ids := dataset.NewColumn(side.name, dataset.Long, len(side.rows))
		for _, r := range side.rows {
			ids.Int = append(ids.Int, int64(r))
		}
		narrow.Columns = append(narrow.Columns, ids)
	}
	res, err := ev.applyOpsPlain(ops, sc, narrow)
	if err != nil {
		return nil, err
	}
	rowsOf := func(name string) []int {
		c := res.Column(name)
		if c == nil {
			return nil
		}
		rows := make([]int, len(c.Int))
		for i, r := range c.Int {
			rows[i] = int(r)
		}
		return rows
	}
	li, ri := rowsOf(leftIDColumn), rowsOf(rightIDColumn)
	copies := 0
	for _, c := range j.cols {
		if res.Column(c.name) == nil && (need == nil || need[c.name]) {
			copies++
		}
	}
	if err := ev.checkCells("join", max(len(li), len(ri)), copies); err != nil {
		return nil, err
	}
	out := &dataset.Table{}
	names := map[string]bool{}
	for _, c := range j.cols {
		names[c.name] = true
		if rc := res.Column(c.name); rc != nil {
			out.Columns = append(out.Columns, rc)
		} else if need != nil && !need[c.name] {
			continue
		} else if c.left {
			out.Columns = append(out.Columns, named(gather(c.src, li), c.name))
		} else {
			out.Columns = append(out.Columns, named(gather(c.src, ri), c.name))
		}
	}
	for _, c := range res.Columns {
		if c.Name != leftIDColumn && c.Name != rightIDColumn && !names[c.Name] {
			out.Columns = append(out.Columns, c)
		}
	}
	if len(out.Columns) == 0 && len(j.cols) > 0 { // keep one column so the row count survives
		c := j.cols[0]
		rows := li
		if !c.left {
			rows = ri
		}
		out.Columns = append(out.Columns, named(gather(c.src, rows), c.name))
	}
	return keepColumns(out, need), nil
}
