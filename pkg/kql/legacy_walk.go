package kql

import (
	"sort"
	"strings"
)

// The walk follows KQL's structure just far enough to know, for each retired column name, whether it is
// referenced or produced, and which pipeline is the query's result: statements split on ';', pipelines on
// '|', operator arguments on ','. Anything it does not recognise is scanned token by token, which renames
// references and recurses into parenthesised subqueries.

// pipe is the walk's state in one pipeline.
type pipe struct {
	// final is true for the query's result pipeline: only there are legacy column names kept.
	final bool
	// reset is true once a final pipeline has projected, so that the legacy names are its own columns.
	reset bool
	// state holds the retired columns the rows carry under their current names.
	state colset
}

// renames reports whether a reference to the retired column name is to be rewritten here.
func (p *pipe) renames(name string) bool { return !p.final || !p.reset || p.state[name] }

// aggregatePrefix is how Kusto names an unnamed aggregate of one column: max(EventTime) -> max_EventTime.
var aggregatePrefix = map[string]string{
	"min": "min_", "max": "max_", "sum": "sum_", "avg": "avg_", "dcount": "dcount_",
	"make_set": "set_", "make_list": "list_", "stdev": "stdev_", "variance": "variance_",
}

// binFuncs name their result after their first argument: by bin(EventTime, 1h) -> EventTime.
var binFuncs = map[string]bool{"bin": true, "floor": true, "bin_at": true}

// statements walks [lo, hi) as ';'-separated statements; top says they are the query's own (the last
// tabular one is the result) rather than a function body's.
func (w *legacyRewriter) statements(lo, hi int, top bool) {
	stmts := w.split(lo, hi, ";")
	last := -1
	for k, s := range stmts {
		if !w.t[s[0]].Is("let") && !isDirective(w.t[s[0]]) {
			last = k
		}
	}
	for k, s := range stmts {
		a, b := s[0], s[1]
		switch first := w.t[a]; {
		case first.Is("let") && w.tok(a+1).Kind == Ident && w.tok(a+2).Is("="):
			w.let(a+1, b)
		case isDirective(first):
		default:
			w.pipeline(a, b, top && k == last)
		}
	}
}

func isDirective(t Token) bool {
	return t.Is("set") || t.Is("declare") || t.Is("alias") || t.Is("pattern") || t.Is("restrict")
}

// let walks "name = body" with the name at i, remembering what a tabular body carries.
func (w *legacyRewriter) let(i, hi int) {
	name, body := w.t[i].Text, i+2
	if w.tok(body).Is("view") {
		body++
	}
	if w.tok(body).Is("(") {
		if c := w.match(body); c > 0 && w.tok(c+1).Is("{") {
			if e := w.match(c + 1); e > 0 {
				w.statements(c+2, e, false)
				return
			}
		}
	}
	w.lets[name] = w.pipeline(body, hi, false)
}

// pipeline walks the '|'-separated operators of [lo, hi) and returns the retired columns its rows carry.
func (w *legacyRewriter) pipeline(lo, hi int, final bool) colset {
	segs := w.split(lo, hi, "|")
	if len(segs) == 0 {
		return colset{}
	}
	p := &pipe{final: final}
	p.state = w.source(segs[0][0], segs[0][1], p)
	for _, s := range segs[1:] {
		w.operator(s[0], s[1], p)
	}
	if final && len(p.state) > 0 {
		w.renameBack(segs, p.state)
	}
	return p.state
}

// source walks a pipeline's first segment: a table, a let name, a union or a parenthesised subquery.
func (w *legacyRewriter) source(a, b int, p *pipe) colset {
	t := w.t[a]
	switch {
	case b == a+1 && t.Kind == Ident:
		if _, ok := w.r.Tables[t.Text]; ok && !w.shadow[t.Text] {
			w.ident(a, p)
			out := colset{}
			for _, c := range w.r.TableColumns[t.Text] {
				if !w.shadow[c] {
					out[c] = true
				}
			}
			return out
		}
		if st, ok := w.lets[t.Text]; ok {
			return st.clone()
		}
		return colset{}
	case t.Is("union"):
		return w.union(a+1, b, p, colset{})
	case t.Is("(") && w.match(a) == b-1:
		return w.pipeline(a+1, b-1, false)
	}
	w.refs(a, b, p)
	return colset{}
}

func (w *legacyRewriter) operator(a, b int, p *pipe) {
	name, args := w.opName(a)
	switch name {
	case "project":
		w.project(args, b, p)
	case "summarize":
		w.summarize(args, b, p, -1)
	case "make-series":
		w.summarize(args, b, p, w.find(args, b, "on"))
	case "distinct":
		w.distinct(args, b, p)
	case "project-away", "project-rename", "project-keep":
		w.refs(args, b, p)
		w.narrow(name, args, b, p)
	case "join", "lookup":
		i := w.skipParams(args, b)
		right := colset{}
		if w.tok(i).Is("(") {
			if c := w.match(i); c > 0 && c < b {
				right, i = w.pipeline(i+1, c, false), c+1
			}
		} else if w.tok(i).Kind == Ident && i < b {
			right, i = w.source(i, i+1, p), i+1
		}
		p.state = p.state.add(right)
		w.refs(i, b, p)
	case "union":
		p.state = w.union(args, b, p, p.state)
	case "render":
		// Render comes after renameBack's project-rename: its columns have the query's names again.
		if !p.final {
			w.refs(args, b, p)
		}
	case "count", "getschema", "evaluate", "top-nested", "facet", "reduce", "fork":
		w.refs(args, b, p)
		p.reset = p.reset || p.final
		p.state = colset{}
	default:
		w.refs(args, b, p)
	}
}

// project keeps a projected legacy column's name in the result (EventTime -> EventTime = Timestamp).
func (w *legacyRewriter) project(a, b int, p *pipe) {
	next := colset{}
	for _, it := range w.split(a, b, ",") {
		i, j := it[0], it[1]
		if j == i+1 && w.colRenamed(i, p) {
			old := w.t[i].Text
			w.renameColumn(i, p.final, old)
			next[old] = !p.final
			continue
		}
		w.refs(i, j, p)
	}
	w.settle(p, next)
}

// summarize walks summarize (on < 0) or make-series (on is the index of its "on"): unnamed aggregates of
// a legacy column and its group keys keep their legacy names in the result.
func (w *legacyRewriter) summarize(a, b int, p *pipe, on int) {
	by := w.find(a, b, "by")
	aggEnd := b
	if by >= 0 {
		aggEnd = by
	}
	if on >= 0 && on < aggEnd {
		aggEnd = on
	}
	next, star := colset{}, false
	for _, it := range w.split(a, aggEnd, ",") {
		i, j := it[0], it[1]
		star = star || w.hasStar(i, j)
		if prefix, ok := aggregatePrefix[w.t[i].Text]; ok && p.final && j == i+4 && w.tok(i+1).Is("(") && w.tok(i+3).Is(")") && w.colRenamed(i+2, p) {
			w.insert(w.t[i].Offset, prefix+w.t[i+2].Text+" = ")
		}
		w.refs(i, j, p)
	}
	if on >= 0 {
		axisEnd := b
		if by > on {
			axisEnd = by
		}
		if w.colRenamed(on+1, p) {
			next[w.t[on+1].Text] = true // make-series cannot name its axis: renameBack does
		}
		w.refs(on+1, axisEnd, p)
	}
	if by >= 0 {
		w.groupKeys(by+1, b, p, next)
	}
	if star { // arg_max(EventTime, *) carries every column under its current name
		for c := range p.state {
			if _, aliased := next[c]; !aliased {
				next[c] = true
			}
		}
	}
	w.settle(p, next)
}

// groupKeys walks summarize's by list, adding to next the legacy keys whose current name the result has.
func (w *legacyRewriter) groupKeys(a, b int, p *pipe, next colset) {
	for _, it := range w.split(a, b, ",") {
		i, j := it[0], it[1]
		switch {
		case j == i+1 && w.colRenamed(i, p):
			old := w.t[i].Text
			w.renameColumn(i, p.final, old)
			next[old] = !p.final
			continue
		case binFuncs[w.t[i].Text] && w.tok(i+1).Is("(") && w.colRenamed(i+2, p) && (w.tok(i+3).Is(",") || w.tok(i+3).Is(")")):
			old := w.t[i+2].Text
			if p.final {
				w.insert(w.t[i].Offset, old+" = ")
			}
			next[old] = !p.final
		}
		w.refs(i, j, p)
	}
}

// settle ends a projecting operator: next holds the retired columns still carried under current names
// (false entries were renamed back and are the query's own now).
func (w *legacyRewriter) settle(p *pipe, next colset) {
	st := colset{}
	for c, current := range next {
		if current {
			st[c] = true
		}
	}
	p.state = st
	p.reset = p.reset || p.final
}

// distinct cannot name its columns: they keep the current names and renameBack restores them.
func (w *legacyRewriter) distinct(a, b int, p *pipe) {
	next := colset{}
	for _, it := range w.split(a, b, ",") {
		if it[1] == it[0]+1 && w.colRenamed(it[0], p) {
			next[w.t[it[0]].Text] = true
		}
		w.refs(it[0], it[1], p)
	}
	if !w.hasStar(a, b) {
		p.state = next
	}
	p.reset = p.reset || p.final
}

// narrow updates the carried columns after project-away X, project-rename A = X or project-keep X.
func (w *legacyRewriter) narrow(op string, a, b int, p *pipe) {
	named := colset{}
	for _, it := range w.split(a, b, ",") {
		i, j := it[0], it[1]
		if op == "project-rename" && j == i+3 && w.tok(i+1).Is("=") {
			i = i + 2
		}
		if j == i+1 || op == "project-rename" {
			named[w.t[i].Text] = true
		}
	}
	next := colset{}
	for c := range p.state {
		if named[c] == (op == "project-keep") {
			next[c] = true
		}
	}
	p.state = next
}

// union walks union's operands and returns what base and every operand carry.
func (w *legacyRewriter) union(a, b int, p *pipe, base colset) colset {
	st := base.clone()
	for _, it := range w.split(w.skipParams(a, b), b, ",") {
		i, j := it[0], it[1]
		if j == i+1 || w.t[i].Is("(") && w.match(i) == j-1 {
			st = st.add(w.source(i, j, p))
			continue
		}
		w.refs(i, j, p)
	}
	return st
}

// renameBack ends a result that still carries legacy columns under their current names with a
// project-rename, before a final render (which must stay last).
func (w *legacyRewriter) renameBack(segs [][2]int, state colset) {
	cols := make([]string, 0, len(state))
	for c := range state {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	pairs := make([]string, len(cols))
	for k, c := range cols {
		pairs[k] = c + " = " + w.r.Columns[c]
		w.note("column", c, w.r.Columns[c])
	}
	list := "project-rename " + strings.Join(pairs, ", ")
	last := segs[len(segs)-1]
	if name, _ := w.opName(last[0]); name == "render" && len(segs) > 1 {
		w.insert(w.t[last[0]-1].Offset, "| "+list+" ")
		return
	}
	w.insert(w.t[last[1]-1].End(), " | "+list)
}

// refs scans [lo, hi) token by token: retired tables are renamed, retired columns where p says so, and a
// parenthesised subquery is walked as a pipeline of its own.
func (w *legacyRewriter) refs(lo, hi int, p *pipe) {
	for i := lo; i < hi; i++ {
		if w.t[i].Is("(") || w.t[i].Is("{") {
			if c := w.match(i); c > 0 && c < hi && w.hasPipe(i+1, c) {
				w.pipeline(i+1, c, false)
				i = c
			}
			continue
		}
		w.ident(i, p)
	}
}

// ident renames token i if it is a retired name used as a reference.
func (w *legacyRewriter) ident(i int, p *pipe) {
	t := w.t[i]
	if t.Kind != Ident {
		return
	}
	name, quoted := t.Text, ""
	if strings.HasPrefix(name, "[") && len(name) >= 5 {
		quoted, name = name[1:2], name[2:len(name)-2]
	}
	if w.shadow[name] || w.tok(i+1).Is("(") {
		return
	}
	// A.B is a property of a dynamic value, except $left.B and $right.B, which are join columns.
	if w.tok(i-1).Is(".") && !w.tok(i-2).Is("$left") && !w.tok(i-2).Is("$right") {
		return
	}
	if cur, ok := w.r.Tables[name]; ok && quoted == "" {
		w.replace(i, cur, "table", name, cur)
		return
	}
	if cur, ok := w.r.Columns[name]; ok && p.renames(name) {
		text := cur
		if quoted != "" {
			text = "[" + quoted + cur + quoted + "]"
		}
		w.replace(i, text, "column", name, cur)
	}
}

// colRenamed reports whether token i is a bare retired column that is renamed here.
func (w *legacyRewriter) colRenamed(i int, p *pipe) bool {
	t := w.tok(i)
	_, ok := w.r.Columns[t.Text]
	return ok && t.Kind == Ident && !w.shadow[t.Text] && p.renames(t.Text) && !w.tok(i-1).Is(".")
}

// renameColumn rewrites the bare column at i: "Old = Current" in the result, so its name stays, else
// "Current".
func (w *legacyRewriter) renameColumn(i int, keepName bool, old string) {
	cur := w.r.Columns[old]
	text := cur
	if keepName {
		text = old + " = " + cur
	}
	w.replace(i, text, "column", old, cur)
}

// opName reads the operator at token i, joining dashed names (project-away, make-series), and returns
// it with the index of its first argument.
func (w *legacyRewriter) opName(i int) (string, int) {
	name, j := w.tok(i).Text, i+1
	for w.tok(j).Is("-") && w.tok(j).Offset == w.tok(j-1).End() && w.tok(j+1).Kind == Ident && w.tok(j+1).Offset == w.tok(j).End() {
		name += "-" + w.tok(j+1).Text
		j += 2
	}
	return name, j
}

// skipParams skips operator parameters such as kind=inner, withsource=T or hint.strategy=shuffle.
func (w *legacyRewriter) skipParams(i, hi int) int {
	for i < hi && w.tok(i).Kind == Ident {
		j := i + 1
		for w.tok(j).Is(".") && w.tok(j+1).Kind == Ident {
			j += 2
		}
		if !w.tok(j).Is("=") || j+1 >= hi {
			return i
		}
		i = j + 2
	}
	return i
}

// split cuts [lo, hi) at the punctuation sep outside brackets, dropping empty parts.
func (w *legacyRewriter) split(lo, hi int, sep string) [][2]int {
	var out [][2]int
	depth, start := 0, lo
	for i := lo; i < hi; i++ {
		if depth == 0 && w.t[i].Is(sep) {
			if i > start {
				out = append(out, [2]int{start, i})
			}
			start = i + 1
		}
		depth += nesting(w.t[i])
	}
	if hi > start {
		out = append(out, [2]int{start, hi})
	}
	return out
}

// find returns the index of the identifier name outside brackets in [lo, hi), or -1.
func (w *legacyRewriter) find(lo, hi int, name string) int {
	depth := 0
	for i := lo; i < hi; i++ {
		if depth == 0 && w.t[i].Kind == Ident && w.t[i].Text == name {
			return i
		}
		depth += nesting(w.t[i])
	}
	return -1
}

func (w *legacyRewriter) hasPipe(lo, hi int) bool { return len(w.split(lo, hi, "|")) > 1 }

func (w *legacyRewriter) hasStar(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if w.t[i].Is("*") && (w.tok(i-1).Is("(") || w.tok(i-1).Is(",")) {
			return true
		}
	}
	return false
}

// match returns the index of the bracket closing the one at i, or -1.
func (w *legacyRewriter) match(i int) int {
	depth := 0
	for j := i; j < len(w.t); j++ {
		depth += nesting(w.t[j])
		if depth == 0 {
			return j
		}
	}
	return -1
}

// nesting is +1 for an opening bracket, -1 for a closing one, 0 for anything else.
func nesting(t Token) int {
	switch {
	case t.Is("(") || t.Is("[") || t.Is("{"):
		return 1
	case t.Is(")") || t.Is("]") || t.Is("}"):
		return -1
	}
	return 0
}
