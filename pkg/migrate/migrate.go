package migrate

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/quarry-defender/quarry/pkg/kql"
)

// Kinds of file the migration recognises.
const (
	KindDashboard   = "dashboard"
	KindAlertRules  = "alert rules"
	KindDatasources = "datasources"
)

// Change is one query the migration rewrote.
type Change struct {
	Where         string
	Before, After string
	Rewrites      []kql.Rewrite
	// Shadowed are retired names left alone because the query defines them itself.
	Shadowed []string
	// Note is advice the rewrite alone cannot follow, or "".
	Note string
}

// mdeOnlyTable is AlertEvents' successor, which Graph and Defender XDR do not serve.
const mdeOnlyTable = "DeviceAlertEvents"

// FileReport says what the migration found and did in one file.
type FileReport struct {
	Path    string
	Kind    string // "" for a file that holds no dashboard, alert rules or data sources
	Queries int    // Quarry queries found
	Changes []Change
	// Problems are queries left as they were, with why (a query the lexer cannot read, a YAML scalar that
	// cannot be edited in place).
	Problems []string
}

type edit struct {
	start, end int
	text       string
}

// Rewrite moves the Quarry queries of one file (named path, for its syntax: .json, .yaml or .yml) off the
// retired Defender names. Everything but the edited query strings is copied byte for byte; the result is
// parsed again and checked to hold exactly the new queries. It returns src itself when nothing changed.
func Rewrite(path string, src []byte, ds *Datasources, r kql.Renames) ([]byte, FileReport, error) {
	rep := FileReport{Path: path}
	docs, err := parse(path, src)
	if err != nil {
		return src, rep, err
	}
	var edits []edit
	var want []string
	for _, doc := range docs {
		kind, queries := ds.queries(doc)
		if kind != "" {
			rep.Kind = kind
		}
		for _, q := range queries {
			if q.text == nil || q.text.kind != kindString {
				continue
			}
			rep.Queries++
			after, change, problem := rewriteQuery(q, r)
			want = append(want, after)
			if problem != "" {
				rep.Problems = append(rep.Problems, problem)
				continue
			}
			if change == nil {
				continue
			}
			enc, err := q.text.encode(after)
			if err != nil {
				return src, rep, fmt.Errorf("%s: %w", q.where, err)
			}
			edits = append(edits, edit{q.text.start, q.text.end, enc})
			rep.Changes = append(rep.Changes, *change)
		}
	}
	if len(edits) == 0 {
		return src, rep, nil
	}
	out := apply(src, edits)
	if err := verify(path, out, ds, want); err != nil {
		return src, rep, fmt.Errorf("the rewritten file would not hold the rewritten queries (%v); the file is left as it is, please report this", err)
	}
	return out, rep, nil
}

// rewriteQuery rewrites one query text; it returns the text the file should hold afterwards, the change
// (nil when none) or a problem that left it alone.
func rewriteQuery(q query, r kql.Renames) (string, *Change, string) {
	if q.text.encode == nil {
		if res, err := kql.RewriteLegacy(q.text.str, r); err == nil && res.Changed() {
			return q.text.str, nil, q.where + ": uses retired names but its YAML form cannot be edited in place; rewrite it by hand"
		}
		return q.text.str, nil, ""
	}
	masked, vars := maskVariables(q.text.str)
	res, err := kql.RewriteLegacy(masked, r)
	if err != nil {
		return q.text.str, nil, fmt.Sprintf("%s: left as it is: %v", q.where, err)
	}
	if !res.Changed() {
		return q.text.str, nil, ""
	}
	after := unmaskVariables(res.Query, vars)
	c := &Change{Where: q.where, Before: q.text.str, After: after, Rewrites: res.Rewrites, Shadowed: res.Shadowed}
	for _, rw := range res.Rewrites {
		if rw.New == mdeOnlyTable {
			c.Note = mdeOnlyTable + " is served only by the Defender for Endpoint API: before moving to Graph, rewrite this query with AlertInfo and AlertEvidence (join on AlertId)"
		}
	}
	return after, c, ""
}

func parse(path string, src []byte) ([]*node, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		doc, err := parseJSON(src)
		if err != nil {
			return nil, fmt.Errorf("not valid JSON: %w", err)
		}
		return []*node{doc}, nil
	case ".yaml", ".yml":
		docs, err := parseYAML(string(src))
		if err != nil {
			return nil, fmt.Errorf("not valid YAML: %w", err)
		}
		return docs, nil
	}
	return nil, nil
}

// queries classifies doc and returns its Quarry queries.
func (ds *Datasources) queries(doc *node) (string, []query) {
	switch {
	case doc.get("panels") != nil || doc.get("dashboard").get("panels") != nil:
		return KindDashboard, ds.dashboard(doc)
	case doc.get("groups") != nil:
		return KindAlertRules, ds.alertRules(doc)
	case doc.get("datasources") != nil:
		return KindDatasources, nil
	}
	return "", nil
}

func apply(src []byte, edits []edit) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	copied := 0
	for _, e := range edits {
		b.Write(src[copied:e.start])
		b.WriteString(e.text)
		copied = e.end
	}
	b.Write(src[copied:])
	return []byte(b.String())
}

// verify parses out again and checks that its Quarry queries are exactly want, in order.
func verify(path string, out []byte, ds *Datasources, want []string) error {
	docs, err := parse(path, out)
	if err != nil {
		return err
	}
	var got []string
	for _, doc := range docs {
		_, queries := ds.queries(doc)
		for _, q := range queries {
			if q.text != nil && q.text.kind == kindString {
				got = append(got, q.text.str)
			}
		}
	}
	if len(got) != len(want) {
		return fmt.Errorf("%d queries instead of %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			return fmt.Errorf("query %d reads %q instead of %q", i+1, got[i], want[i])
		}
	}
	return nil
}

// templateVar matches Grafana's ${name} and ${name:format} variables, which KQL's lexer cannot read.
// $name and [[name]] lex as KQL tokens and need no masking.
var templateVar = regexp.MustCompile(`\$\{[^{}\n]*\}`)

// maskVariables replaces each ${...} with a unique identifier the rewriter leaves alone.
func maskVariables(q string) (string, []string) {
	var vars []string
	masked := templateVar.ReplaceAllStringFunc(q, func(v string) string {
		vars = append(vars, v)
		return fmt.Sprintf("__quarry_var%d__", len(vars)-1)
	})
	return masked, vars
}

func unmaskVariables(q string, vars []string) string {
	for i := len(vars) - 1; i >= 0; i-- {
		q = strings.Replace(q, fmt.Sprintf("__quarry_var%d__", i), vars[i], 1)
	}
	return q
}
