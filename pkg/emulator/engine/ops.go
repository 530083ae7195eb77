package engine

import (
	"fmt"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

type opParser func(p *parser, at pos) (operator, error)

// operatorParser returns the parser of a tabular operator (deprecated spellings included), or nil.
func operatorParser(name string) opParser {
	switch name {
	case "where", "filter":
		return parseWhere
	case "project":
		return parseProject
	case "extend":
		return parseExtend
	case "project-away":
		return parseProjectAway
	case "project-keep":
		return parseProjectKeep
	case "project-rename":
		return parseProjectRename
	case "project-reorder":
		return parseProjectReorder
	case "summarize":
		return parseSummarize
	case "join":
		return parseJoin
	case "lookup":
		return parseLookup
	case "union":
		return parseUnionOp
	case "top":
		return parseTop
	case "top-nested":
		return parseTopNested
	case "sort", "order":
		return parseSort
	case "take", "limit":
		return parseTake
	case "sample":
		return parseSample
	case "distinct":
		return parseDistinct
	case "count":
		return parseCount
	case "mv-expand", "mvexpand":
		return parseMvExpand
	case "parse":
		return parseParse
	case "parse-where":
		return parseParseWhere
	case "make-series":
		return parseMakeSeries
	case "evaluate":
		return parseEvaluate
	case "render":
		return parseRender
	case "serialize":
		return parseSerialize
	case "as":
		return parseAs
	case "getschema":
		return parseGetSchema
	case "invoke":
		return parseInvoke
	case "partition":
		return parsePartition
	case "search":
		return parseSearchOp
	}
	return nil
}

// opFunc adapts a function to operator.
type opFunc func(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error)

func (f opFunc) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	return f(ev, sc, in)
}

// parseOptions consumes name=value options such as kind=inner, withsource=T, hint.strategy=shuffle,
// returning them by lower-case name. Only names in allowed (and any hint.*) are options.
func (p *parser) parseOptions(allowed ...string) (map[string]string, error) {
	opts := map[string]string{}
	for p.peek().Kind == kql.Ident {
		name, n := p.peek().Text, 1
		for p.peekN(n).Is(".") && p.peekN(n+1).Kind == kql.Ident {
			name += "." + p.peekN(n+1).Text
			n += 2
		}
		if !p.peekN(n).Is("=") {
			return opts, nil
		}
		ok := strings.HasPrefix(name, "hint.")
		for _, a := range allowed {
			ok = ok || strings.EqualFold(a, name)
		}
		if !ok {
			return opts, nil
		}
		p.i += n + 1
		v := p.next()
		if v.Kind == kql.EOF {
			return nil, p.errorf("missing value for option '%s'", name)
		}
		val := kql.IdentName(v)
		if v.Kind == kql.String {
			val, _ = kql.Unquote(v.Text)
		}
		opts[strings.ToLower(name)] = val
	}
	return opts, nil
}

// atAssignment reports whether the cursor is at "Name =" (not "==").
func (p *parser) atAssignment() bool {
	return p.peek().Kind == kql.Ident && p.peekN(1).Is("=")
}

// parseAssignments parses a comma-separated list of [Name =] expr or (A, B) = expr, stopping before any of
// the stop words at top level.
func (p *parser) parseAssignments(stop ...string) ([]assignment, error) {
	var out []assignment
	for {
		for _, s := range stop {
			if p.at(s) {
				return out, nil
			}
		}
		var a assignment
		switch {
		case p.atAssignment():
			name, _ := p.ident()
			p.next()
			a.names = []string{name}
		case p.at("(") && p.isTupleAssignment():
			p.next()
			for !p.accept(")") {
				name, err := p.ident()
				if err != nil {
					return nil, err
				}
				a.names = append(a.names, name)
				p.accept(",")
			}
			if err := p.expect("="); err != nil {
				return nil, err
			}
		}
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		a.e = e
		out = append(out, a)
		if !p.accept(",") {
			return out, nil
		}
	}
}

// isTupleAssignment recognises "(A, B) =".
func (p *parser) isTupleAssignment() bool {
	for n := 1; ; n += 2 {
		if p.peekN(n).Kind != kql.Ident {
			return false
		}
		if p.peekN(n + 1).Is(")") {
			return p.peekN(n + 2).Is("=")
		}
		if !p.peekN(n + 1).Is(",") {
			return false
		}
	}
}

// parseNameList parses Name, Name2, Prefix* (wildcards allowed).
func (p *parser) parseNameList() ([]string, error) {
	var names []string
	for {
		name, err := p.namePattern()
		if err != nil {
			return nil, err
		}
		names = append(names, name)
		if !p.accept(",") {
			return names, nil
		}
	}
}

// namePattern reads a column name that may contain '*' wildcards (Init*, *Id, *).
func (p *parser) namePattern() (string, error) {
	var b strings.Builder
	first := true
	for {
		t := p.peek()
		if !first && p.toks[p.i-1].End() != t.Offset {
			break
		}
		if t.Kind == kql.Ident || t.Is("*") || (t.Kind == kql.Long && !first) {
			b.WriteString(kql.IdentName(t))
			p.next()
			first = false
			continue
		}
		break
	}
	if b.Len() == 0 {
		return "", p.errorf("expected a column name but found %s", describe(p.peek()))
	}
	return b.String(), nil
}

// matchPattern reports whether name matches a pattern with '*' wildcards.
func matchPattern(pattern, name string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == name
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	name = name[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(name, part)
		}
		j := strings.Index(name, part)
		if j < 0 {
			return false
		}
		name = name[j+len(part):]
	}
	return true
}

// uniqueName returns base, or base1, base2... when taken; with numbered, always a numbered ColumnN.
func uniqueName(taken func(string) bool, base string, numbered bool) string {
	if !numbered && !taken(base) {
		return base
	}
	for i := 1; ; i++ {
		if n := fmt.Sprintf("%s%d", base, i); !taken(n) {
			return n
		}
	}
}

func hasColumn(t *dataset.Table) func(string) bool {
	return func(n string) bool { return t.Column(n) != nil }
}
