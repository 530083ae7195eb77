package engine

import (
	"fmt"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

type joinOp struct {
	at     pos
	kind   string
	right  source
	lkeys  []string
	rkeys  []string
	lookup bool
}

var joinKinds = map[string]string{"innerunique": "innerunique", "inner": "inner", "leftouter": "leftouter",
	"rightouter": "rightouter", "fullouter": "fullouter", "outer": "fullouter", "leftanti": "leftanti", "anti": "leftanti",
	"leftantisemi": "leftanti", "rightanti": "rightanti", "rightantisemi": "rightanti", "leftsemi": "leftsemi",
	"semi": "leftsemi", "rightsemi": "rightsemi"}

func parseJoin(p *parser, at pos) (operator, error)   { return p.parseJoinLike(at, false) }
func parseLookup(p *parser, at pos) (operator, error) { return p.parseJoinLike(at, true) }

func (p *parser) parseJoinLike(at pos, lookup bool) (operator, error) {
	opts, err := p.parseOptions("kind", "withsource", "isfuzzy")
	if err != nil {
		return nil, err
	}
	o := &joinOp{at: at, kind: "innerunique", lookup: lookup}
	if lookup {
		o.kind = "leftouter"
	}
	if k, ok := opts["kind"]; ok {
		if o.kind, ok = joinKinds[strings.ToLower(k)]; !ok || lookup && o.kind != "inner" && o.kind != "leftouter" {
			return nil, p.errorf("unknown join kind '%s'; use innerunique, inner, leftouter, rightouter, fullouter, leftanti, rightanti, leftsemi or rightsemi", k)
		}
	}
	if o.right, err = p.parseSource(); err != nil {
		return nil, err
	}
	if !p.accept("on") {
		return nil, p.errorf("join needs an 'on' clause naming the columns to match, e.g. on DeviceId or on $left.A == $right.B")
	}
	keys, err := p.parseAssignments()
	if err != nil {
		return nil, err
	}
	var flat []Expr
	for _, k := range keys {
		flat = append(flat, splitAnd(k.e)...)
	}
	for _, k := range flat {
		l, r, err := joinKey(k)
		if err != nil {
			return nil, err
		}
		o.lkeys, o.rkeys = append(o.lkeys, l), append(o.rkeys, r)
	}
	return o, nil
}

// joinKey reads "Col" or "$left.A == $right.B" (either order).
func joinKey(e Expr) (string, string, error) {
	if id, ok := e.(*identExpr); ok {
		return id.name, id.name, nil
	}
	side := func(e Expr) (string, string) {
		if m, ok := e.(*memberExpr); ok {
			if id, ok := m.x.(*identExpr); ok && (id.name == "$left" || id.name == "$right") {
				return id.name, m.name
			}
		}
		return "", ""
	}
	if b, ok := e.(*binaryExpr); ok && b.op == "==" {
		ls, ln := side(b.l)
		rs, rn := side(b.r)
		switch {
		case ls == "$left" && rs == "$right":
			return ln, rn, nil
		case ls == "$right" && rs == "$left":
			return rn, ln, nil
		}
	}
	return "", "", errAt(e.position(), "Syntax error: join keys must be column names or $left.Column == $right.Column")
}

func (o *joinOp) apply(ev *evaluator, sc *scope, left *dataset.Table) (*dataset.Table, error) {
	j, err := o.pairs(ev, sc, left)
	if err != nil {
		return nil, err
	}
	if err := ev.checkCells("join", max(len(j.li), len(j.ri)), len(j.cols)); err != nil {
		return nil, err
	}
	out := &dataset.Table{}
	for _, c := range j.cols {
		out.Columns = append(out.Columns, named(gather(c.src, j.rows(c.left)), c.name))
	}
	return out, nil
}

// joined is a join's result before its cells are copied: where each output column comes from and the
// matched row pairs (-1 for the missing side of an outer join).
type joined struct {
	cols   []joinedCol
	li, ri []int
}

type joinedCol struct {
	name string
	src  *dataset.Column
	left bool
}

func (j *joined) rows(left bool) []int {
	if left {
		return j.li
	}
	return j.ri
}

// pairs evaluates the right side and matches rows; the output columns are named as Kusto does (right
// duplicates get a numeric suffix, lookup drops the right keys).
func (o *joinOp) pairs(ev *evaluator, sc *scope, left *dataset.Table) (*joined, error) {
	right, err := o.right.eval(ev, sc)
	if err != nil {
		return nil, err
	}
	opName := map[bool]string{true: "lookup", false: "join"}[o.lookup]
	lcols, err := keyColumns(o.at, opName, left, o.lkeys)
	if err != nil {
		return nil, err
	}
	rcols, err := keyColumns(o.at, opName, right, o.rkeys)
	if err != nil {
		return nil, err
	}
	k := newKeyer()
	lids, n := k.ids(lcols)
	rids := k.lookup(rcols)
	li, ri, err := ev.matchRows(o.kind, lids, rids, n)
	if err != nil {
		return nil, err
	}
	j := &joined{li: li, ri: ri}
	taken := map[string]bool{}
	if li != nil {
		for _, c := range left.Columns {
			j.cols = append(j.cols, joinedCol{name: c.Name, src: c, left: true})
			taken[c.Name] = true
		}
	}
	if ri != nil {
		for _, c := range right.Columns {
			if o.lookup && containsName(o.rkeys, c.Name) {
				continue
			}
			name := uniqueName(func(s string) bool { return taken[s] }, c.Name, false)
			taken[name] = true
			j.cols = append(j.cols, joinedCol{name: name, src: c})
		}
	}
	return j, nil
}

func containsName(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}

func keyColumns(at pos, op string, t *dataset.Table, names []string) ([]*dataset.Column, error) {
	cols := make([]*dataset.Column, len(names))
	for i, n := range names {
		if cols[i] = t.Column(n); cols[i] == nil {
			return nil, errAt(at, "'%s' operator: Failed to resolve column or scalar expression named '%s'", op, n)
		}
	}
	return cols, nil
}

// matchRows pairs left and right rows with equal key ids according to kind. A nil slice means that side
// contributes no columns; -1 marks a missing row (nulls).
func (ev *evaluator) matchRows(kind string, lids, rids []int32, n int) ([]int, []int, error) {
	// Right rows bucketed by id, in their original order.
	start := make([]int, n+1)
	for _, id := range rids {
		if id >= 0 {
			start[id+1]++
		}
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	rows := make([]int, len(rids))
	fill := append([]int(nil), start[:n]...)
	for j, id := range rids {
		if id >= 0 {
			rows[fill[id]] = j
			fill[id]++
		}
	}
	bucket := func(id int32) []int { return rows[start[id]:start[id+1]] }
	lhas := make([]bool, n)
	for _, id := range lids {
		lhas[id] = true
	}
	switch kind {
	case "leftsemi", "leftanti":
		li := []int{}
		for i, id := range lids {
			if (len(bucket(id)) > 0) == (kind == "leftsemi") {
				li = append(li, i)
			}
		}
		return li, nil, nil
	case "rightsemi", "rightanti":
		ri := []int{}
		for j, id := range rids {
			if (id >= 0 && lhas[id]) == (kind == "rightsemi") {
				ri = append(ri, j)
			}
		}
		return nil, ri, nil
	}
	var seen []bool
	if kind == "innerunique" {
		seen = make([]bool, n)
	}
	li, ri := []int{}, []int{}
	for i, id := range lids {
		if seen != nil {
			if seen[id] {
				continue
			}
			seen[id] = true
		}
		b := bucket(id)
		if len(b) == 0 && (kind == "leftouter" || kind == "fullouter") {
			li, ri = append(li, i), append(ri, -1)
		}
		for _, j := range b {
			li, ri = append(li, i), append(ri, j)
		}
		if len(li)&0xffff == 0 || len(li) > ev.eng.limit {
			if err := ev.checkRows("join", len(li)); err != nil {
				return nil, nil, err
			}
		}
	}
	if kind == "rightouter" || kind == "fullouter" {
		for j, id := range rids {
			if id < 0 || !lhas[id] {
				li, ri = append(li, -1), append(ri, j)
			}
		}
	}
	return li, ri, nil
}

// checkCells refuses to copy rows x cols cells beyond the engine's cell limit.
func (ev *evaluator) checkCells(op string, rows, cols int) error {
	if rows*cols > ev.eng.cells {
		return &dataset.QueryError{Message: fmt.Sprintf("'%s' operator: the result would hold %d rows of %d columns, more than the emulator's limit of %d cells; filter or project first, or make join keys more selective", op, rows, cols, ev.eng.cells)}
	}
	return nil
}

// checkRows stops an operator whose output outgrows the row limit, or whose query was cancelled.
func (ev *evaluator) checkRows(op string, rows int) error {
	if err := ev.ctx.Err(); err != nil {
		return fmt.Errorf("%s stopped: %w", op, err)
	}
	if rows > ev.eng.limit {
		return &dataset.QueryError{Message: fmt.Sprintf("'%s' operator: the result exceeds %d rows; filter first, make join keys more selective or summarize", op, ev.eng.limit)}
	}
	return nil
}

// splitAnd flattens "a and b and c" into its operands (join keys may be joined with 'and').
func splitAnd(e Expr) []Expr {
	if b, ok := e.(*binaryExpr); ok && b.op == "and" {
		return append(splitAnd(b.l), splitAnd(b.r)...)
	}
	return []Expr{e}
}
