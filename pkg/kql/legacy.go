package kql

import (
	"fmt"
	"sort"
	"strings"
)

// Renames are retired table and column names and their successors (Defender's 2020 schema rename).
type Renames struct {
	// Tables maps a retired table name to the current one: ProcessCreationEvents -> DeviceProcessEvents.
	Tables map[string]string
	// Columns maps a retired column name to the current one: EventTime -> Timestamp.
	Columns map[string]string
	// TableColumns lists, for each retired table, its columns that Columns renames, in the table's order.
	// A result that never projects still carries them, under their current names; the rewriter renames
	// them back at the end so the result has the columns the query asked for.
	TableColumns map[string][]string
}

// Rewrite is one retired name the rewriter replaced, with how often.
type Rewrite struct {
	// Kind is "table" or "column".
	Kind     string
	Old, New string
	Count    int
}

// LegacyResult is the outcome of RewriteLegacy.
type LegacyResult struct {
	// Query is the rewritten query; it is the input itself, byte for byte, when nothing was rewritten.
	Query string
	// Rewrites lists the replaced names, tables first, each in order of first appearance.
	Rewrites []Rewrite
	// Shadowed lists retired names left alone because the query defines a column, let or parameter of that
	// name, so a reference could mean either.
	Shadowed []string
}

// Changed reports whether the query was rewritten.
func (r LegacyResult) Changed() bool { return len(r.Rewrites) > 0 }

// RewriteLegacy rewrites a query written against the retired schema (ProcessCreationEvents, EventTime,
// MachineId, ...) to the current names, on lexer tokens: string literals and comments are never touched and
// everything else is copied byte for byte.
//
// Tables are renamed wherever they are named. Columns are renamed only in a query that names a retired
// table (or a let bound to one): a query over current tables is the user's, and returned unchanged. The
// result keeps the column names the query asked for:
//
//   - in the result's pipeline, a projected or grouped legacy column keeps its name
//     (project EventTime -> project EventTime = Timestamp; by bin(EventTime, 1h) -> by EventTime =
//     bin(Timestamp, 1h); max(EventTime) -> max_EventTime = max(Timestamp)); after such a projection the
//     names are the query's own and later operators are left alone;
//   - a result that never projects ends with project-rename, e.g. | project-rename EventTime = Timestamp,
//     for the renamed columns it still carries (before a final render);
//   - inside subqueries, lets and join/union operands the columns are only renamed, so that join keys on
//     both sides keep matching.
//
// A retired name the query itself defines (let MachineId = ..., extend EventTime = ..., (ComputerName:
// string)) is ambiguous and left alone everywhere; it is listed in Shadowed.
func RewriteLegacy(query string, r Renames) (LegacyResult, error) {
	out := LegacyResult{Query: query}
	if !mentionsAny(query, r.Tables) {
		return out, nil
	}
	all, err := Lex(query)
	if err != nil {
		return out, fmt.Errorf("cannot rewrite legacy names: %w", err)
	}
	w := newLegacyRewriter(query, all, r)
	if !w.legacy {
		out.Shadowed = w.shadowedNames()
		return out, nil
	}
	w.statements(0, len(w.t)-1, true)
	out.Query = w.apply()
	out.Rewrites = w.rewrites()
	out.Shadowed = w.shadowedNames()
	return out, nil
}

func mentionsAny(s string, names map[string]string) bool {
	for n := range names {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// colset is the set of retired column names a row set carries under their current spelling.
type colset map[string]bool

func (c colset) clone() colset {
	out := make(colset, len(c))
	for k := range c {
		out[k] = true
	}
	return out
}

func (c colset) add(o colset) colset {
	out := c.clone()
	for k := range o {
		out[k] = true
	}
	return out
}

type edit struct {
	start, end int
	text       string
}

type legacyRewriter struct {
	src string
	// t are the tokens without comments (edits are by byte offset, so comments stay where they are).
	t      []Token
	r      Renames
	shadow map[string]bool
	// legacy is true when the query names a retired table that is not shadowed.
	legacy bool
	// lets maps a let name to the columns its body carries under current names.
	lets  map[string]colset
	edits []edit
	order []string
	count map[string]*Rewrite
}

func newLegacyRewriter(src string, all []Token, r Renames) *legacyRewriter {
	w := &legacyRewriter{src: src, r: r, shadow: map[string]bool{}, lets: map[string]colset{}, count: map[string]*Rewrite{}}
	for _, tok := range all {
		if tok.Kind != Comment {
			w.t = append(w.t, tok)
		}
	}
	for i, tok := range w.t {
		if tok.Kind != Ident || !w.isRetired(tok.Text) {
			continue
		}
		next, prev := w.tok(i+1), w.tok(i-1)
		if next.Is("=") || next.Is(":") || prev.Is("let") {
			w.shadow[tok.Text] = true
		}
	}
	for i, tok := range w.t {
		if _, ok := r.Tables[tok.Text]; ok && tok.Kind == Ident && !w.shadow[tok.Text] && !w.tok(i-1).Is(".") {
			w.legacy = true
		}
	}
	return w
}

func (w *legacyRewriter) isRetired(name string) bool {
	_, t := w.r.Tables[name]
	_, c := w.r.Columns[name]
	return t || c
}

// tok returns token i, or the EOF token when i is out of range.
func (w *legacyRewriter) tok(i int) Token {
	if i < 0 || i >= len(w.t) {
		return Token{Kind: EOF, Offset: len(w.src)}
	}
	return w.t[i]
}

func (w *legacyRewriter) shadowedNames() []string {
	out := make([]string, 0, len(w.shadow))
	for n := range w.shadow {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// replace records that token i becomes text, counting the rename of old to new.
func (w *legacyRewriter) replace(i int, text, kind, old, new string) {
	t := w.t[i]
	w.edits = append(w.edits, edit{t.Offset, t.End(), text})
	w.note(kind, old, new)
}

// note counts one rename of old to new.
func (w *legacyRewriter) note(kind, old, new string) {
	key := kind + "\x00" + old
	rw, ok := w.count[key]
	if !ok {
		rw = &Rewrite{Kind: kind, Old: old, New: new}
		w.count[key] = rw
		w.order = append(w.order, key)
	}
	rw.Count++
}

// insert records text inserted at byte offset at.
func (w *legacyRewriter) insert(at int, text string) {
	w.edits = append(w.edits, edit{at, at, text})
}

func (w *legacyRewriter) apply() string {
	if len(w.edits) == 0 {
		return w.src
	}
	sort.SliceStable(w.edits, func(i, j int) bool { return w.edits[i].start < w.edits[j].start })
	var b strings.Builder
	copied := 0
	for _, e := range w.edits {
		b.WriteString(w.src[copied:e.start])
		b.WriteString(e.text)
		copied = e.end
	}
	b.WriteString(w.src[copied:])
	return b.String()
}

func (w *legacyRewriter) rewrites() []Rewrite {
	out := make([]Rewrite, 0, len(w.order))
	for _, kind := range []string{"table", "column"} {
		for _, k := range w.order {
			if rw := w.count[k]; rw.Kind == kind {
				out = append(out, *rw)
			}
		}
	}
	return out
}
