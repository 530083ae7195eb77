package engine

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

type parseCol struct {
	name string
	t    dataset.Type
}

type parseOp struct {
	src   Expr
	re    *regexp.Regexp
	cols  []parseCol
	where bool // parse-where drops rows that do not match
}

func parseParse(p *parser, at pos) (operator, error)      { return p.parseParseOp(at, false) }
func parseParseWhere(p *parser, at pos) (operator, error) { return p.parseParseOp(at, true) }

func (p *parser) parseParseOp(at pos, where bool) (operator, error) {
	opts, err := p.parseOptions("kind", "flags")
	if err != nil {
		return nil, err
	}
	regexMode := strings.EqualFold(opts["kind"], "regex")
	o := &parseOp{where: where}
	if o.src, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if err := p.expect("with"); err != nil {
		return nil, err
	}
	type elem struct {
		lit  string
		col  int // index into o.cols, or -1
		star bool
	}
	var elems []elem
	for !p.atEOF() && !p.at("|") && !p.at(")") && !p.at(";") {
		t := p.peek()
		switch {
		case t.Kind == kql.String:
			s, err := kql.Unquote(t.Text)
			if err != nil {
				return nil, p.errorAt(t, "%v", err)
			}
			p.next()
			elems = append(elems, elem{lit: s, col: -1})
		case t.Is("*"):
			p.next()
			elems = append(elems, elem{col: -1, star: true})
		case t.Kind == kql.Ident:
			name, _ := p.ident()
			c := parseCol{name: name, t: dataset.String}
			if p.accept(":") {
				tn, err := p.ident()
				if err != nil {
					return nil, err
				}
				if c.t, err = dataset.ParseType(tn); err != nil {
					return nil, p.errorf("unknown type '%s' for parsed column '%s'", tn, name)
				}
			}
			elems = append(elems, elem{col: len(o.cols)})
			o.cols = append(o.cols, c)
		default:
			return nil, p.errorf("unexpected %s in parse pattern; use string literals, * and Column[:type]", describe(t))
		}
	}
	if len(o.cols) == 0 {
		return nil, p.errorAt(p.toks[p.i-1], "parse pattern names no columns to extract")
	}
	var b strings.Builder
	b.WriteString("(?s)^")
	for i, e := range elems {
		last := i == len(elems)-1
		switch {
		case e.star:
			b.WriteString(".*?")
		case e.col >= 0:
			if last {
				b.WriteString("(.*)")
			} else {
				b.WriteString("(.*?)")
			}
		case regexMode:
			b.WriteString(e.lit)
		default:
			b.WriteString(regexp.QuoteMeta(e.lit))
		}
	}
	if o.re, err = regexp.Compile(b.String()); err != nil {
		return nil, &dataset.QueryError{Message: fmt.Sprintf("Syntax error: parse pattern is not a valid regular expression: %v", err), Line: at.line, Column: at.col}
	}
	return o, nil
}

func (o *parseOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: "parse"}
	v, err := rc.eval(o.src)
	if err != nil {
		return nil, err
	}
	src := rc.full(v)
	if src.Type != dataset.String {
		sv, err := rc.apply(o.src.position(), "tostring", []val{{src, false}})
		if err != nil {
			return nil, err
		}
		src = sv.c
	}
	n := in.Rows()
	vals := make([][]string, len(o.cols))
	for k := range vals {
		vals[k] = make([]string, n)
	}
	matched := make([]int, 0, n)
	for i := 0; i < n; i++ {
		m := o.re.FindStringSubmatch(src.Str[i])
		if m == nil {
			continue
		}
		matched = append(matched, i)
		for k := range o.cols {
			vals[k][i] = m[k+1]
		}
	}
	out := &dataset.Table{Name: in.Name, Columns: append([]*dataset.Column(nil), in.Columns...)}
	for k, pc := range o.cols {
		c := &dataset.Column{Name: pc.name, Type: dataset.String, Str: vals[k]}
		if pc.t != dataset.String {
			conv, err := rc.apply(o.src.position(), conversionFunc(pc.t), []val{{c, false}})
			if err != nil {
				return nil, err
			}
			c = named(conv.c, pc.name)
		}
		setColumn(out, c)
	}
	if o.where {
		return takeRows(out, matched), nil
	}
	return out, nil
}
