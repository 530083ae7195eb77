package engine

import (
	"errors"
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// parser is a recursive-descent parser over kql tokens (comments removed).
type parser struct {
	src  string
	toks []kql.Token
	i    int
}

// parse turns query text into a query, or a *dataset.QueryError worded like Kusto's.
func parse(src string) (*query, error) {
	all, err := kql.Lex(src)
	if err != nil {
		var se *kql.SyntaxError
		if errors.As(err, &se) {
			return nil, &dataset.QueryError{Message: "Syntax error: " + se.Msg, Line: se.Line, Column: se.Column}
		}
		return nil, fmt.Errorf("lexing query: %w", err)
	}
	p := &parser{src: src}
	for _, t := range all {
		if t.Kind != kql.Comment {
			p.toks = append(p.toks, t)
		}
	}
	return p.parseQuery()
}

func (p *parser) peek() kql.Token { return p.toks[p.i] }
func (p *parser) peekN(n int) kql.Token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() kql.Token {
	t := p.toks[p.i]
	if t.Kind != kql.EOF {
		p.i++
	}
	return t
}
func (p *parser) at(s string) bool { return p.peek().Is(s) }
func (p *parser) atEOF() bool      { return p.peek().Kind == kql.EOF }
func (p *parser) pos() pos         { t := p.peek(); return pos{t.Line, t.Column} }

// accept consumes the token s if it is next.
func (p *parser) accept(s string) bool {
	if p.at(s) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expect(s string) error {
	if p.accept(s) {
		return nil
	}
	return p.errorf("expected '%s' but found %s", s, describe(p.peek()))
}

func describe(t kql.Token) string {
	if t.Kind == kql.EOF {
		return "the end of the query"
	}
	return fmt.Sprintf("'%s'", t.Text)
}

// errorf reports a syntax error at the next token.
func (p *parser) errorf(format string, args ...any) error {
	t := p.peek()
	return &dataset.QueryError{Message: "Syntax error: " + fmt.Sprintf(format, args...), Line: t.Line, Column: t.Column}
}

// ident consumes an identifier (plain or bracketed) and returns its name.
func (p *parser) ident() (string, error) {
	t := p.peek()
	if t.Kind != kql.Ident {
		return "", p.errorf("expected a name but found %s", describe(t))
	}
	p.i++
	return kql.IdentName(t), nil
}

// adjacent reports whether tokens i and i+1 touch (no whitespace), which joins dashed keywords such as
// project-away and in~.
func (p *parser) adjacent(n int) bool {
	return p.peekN(n).End() == p.peekN(n+1).Offset
}

// dashedName reads an operator name such as mv-expand or top-nested.
func (p *parser) dashedName() string {
	name := p.next().Text
	for p.at("-") && p.peekN(1).Kind == kql.Ident && p.toks[p.i-1].End() == p.peek().Offset && p.adjacent(0) {
		p.i++
		name += "-" + p.next().Text
	}
	return name
}

func (p *parser) parseQuery() (*query, error) {
	q := &query{}
	for {
		for p.accept(";") {
		}
		if p.atEOF() {
			break
		}
		switch {
		case p.at("let"):
			l, err := p.parseLet()
			if err != nil {
				return nil, err
			}
			q.lets = append(q.lets, *l)
		case p.at("set") && p.peekN(1).Kind == kql.Ident, p.at("declare"), p.at("alias"):
			for !p.atEOF() && !p.at(";") { // query options do not change results here
				p.next()
			}
		default:
			pl, err := p.parsePipeline()
			if err != nil {
				return nil, err
			}
			q.result = pl
			// Hunting files often hold several queries one after another without ';' (the portal runs
			// the one under the cursor): a name at the start of a new line begins the next statement.
			if p.peek().Kind == kql.Ident && p.peek().Line > p.toks[p.i-1].Line {
				continue
			}
			if !p.atEOF() && !p.at(";") {
				return nil, p.errorf("unexpected %s after the end of the query; separate statements with ';'", describe(p.peek()))
			}
		}
	}
	if q.result == nil {
		return nil, &dataset.QueryError{Message: "Syntax error: the query has no tabular expression to return; end it with a table or pipeline after the let statements"}
	}
	return q, nil
}

// tabularStarts are the words that can only begin a tabular expression.
var tabularStarts = map[string]bool{"datatable": true, "union": true, "print": true, "find": true,
	"search": true, "externaldata": true, "evaluate": true}

// parseExprOrPipeline parses a scalar expression, or a tabular one when the text is one (a table name
// followed by '|', a tabular keyword, a parenthesised pipeline).
func (p *parser) parseExprOrPipeline() (Expr, error) {
	start := p.pos()
	t := p.peek()
	if t.Kind == kql.Ident && (tabularStarts[t.Text] || t.Text == "range" && p.peekN(2).Is("from")) {
		pl, err := p.parsePipeline()
		if err != nil {
			return nil, err
		}
		return &tabularExpr{p: start, q: pl}, nil
	}
	save := p.i
	e, exprErr := p.parseExpr()
	if exprErr == nil && !p.at("|") {
		return e, nil
	}
	p.i = save
	pl, err := p.parsePipeline()
	if err != nil {
		if exprErr != nil {
			return nil, exprErr
		}
		return nil, err
	}
	if _, isCall := pl.src.(*callSource); exprErr != nil && isCall && len(pl.ops) == 0 {
		return nil, exprErr // datetime("bad") is a bad literal, not a table
	}
	return &tabularExpr{p: start, q: pl}, nil
}

// parsePipeline parses source | op | op ...
func (p *parser) parsePipeline() (*pipeline, error) {
	pl := &pipeline{p: p.pos()}
	src, err := p.parseSource()
	if err != nil {
		return nil, err
	}
	pl.src = src
	for p.accept("|") {
		op, err := p.parseOperator()
		if err != nil {
			return nil, err
		}
		if op != nil {
			pl.ops = append(pl.ops, op)
		}
	}
	return pl, nil
}

// parseOperator parses one tabular operator after '|'.
func (p *parser) parseOperator() (operator, error) {
	t := p.peek()
	if t.Kind != kql.Ident {
		return nil, p.errorf("expected a tabular operator after '|' but found %s", describe(t))
	}
	at := pos{t.Line, t.Column}
	name := p.dashedName()
	f := operatorParser(name)
	if f == nil {
		return nil, &dataset.QueryError{Message: fmt.Sprintf("Syntax error: unknown tabular operator '%s'", name), Line: at.line, Column: at.col}
	}
	return f(p, at)
}
