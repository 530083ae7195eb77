package engine

import (
	"strings"

	"github.com/quarry-defender/quarry/pkg/kql"
)

// Expression grammar, loosest first: or, and, comparison and string/set operators, additive,
// multiplicative, unary minus, postfix (.name, [index]), primary.

func (p *parser) parseExpr() (Expr, error) { return p.parseOr() }

func (p *parser) parseOr() (Expr, error) {
	l, err := p.parseAnd()
	for err == nil && p.at("or") {
		at := p.pos()
		p.next()
		var r Expr
		if r, err = p.parseAnd(); err == nil {
			l = &binaryExpr{p: at, op: "or", l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) parseAnd() (Expr, error) {
	l, err := p.parseComparison()
	for err == nil && p.at("and") {
		at := p.pos()
		p.next()
		var r Expr
		if r, err = p.parseComparison(); err == nil {
			l = &binaryExpr{p: at, op: "and", l: l, r: r}
		}
	}
	return l, err
}

// stringOps are the word operators between two scalars; each has a negated form with a leading '!'.
var stringOps = map[string]bool{
	"has": true, "has_cs": true, "contains": true, "contains_cs": true, "containscs": true,
	"startswith": true, "startswith_cs": true, "endswith": true, "endswith_cs": true,
	"hasprefix": true, "hasprefix_cs": true, "hassuffix": true, "hassuffix_cs": true,
	"notcontains": true, "notcontainscs": true,
}

// deprecatedOps maps old operator spellings to the registry's names.
var deprecatedOps = map[string]string{"containscs": "contains_cs", "!containscs": "!contains_cs",
	"notcontainscs": "!contains_cs", "notcontains": "!contains"}

// setOps take a parenthesised list of candidates.
var setOps = map[string]bool{"in": true, "in~": true, "has_any": true, "has_all": true}

var symbolOps = map[string]bool{"==": true, "!=": true, "<>": true, "<": true, "<=": true, ">": true,
	">=": true, "=~": true, "!~": true}

// comparisonOp reads the operator at the cursor, if any, without consuming it; n is its token count.
func (p *parser) comparisonOp() (op string, n int) {
	t := p.peek()
	switch {
	case t.Kind == kql.Punct && symbolOps[t.Text]:
		if t.Text == "<>" {
			return "!=", 1
		}
		return t.Text, 1
	case t.Kind == kql.Punct && t.Text == "!" && p.adjacent(0) && p.peekN(1).Kind == kql.Ident:
		word, m := p.wordOpAt(1)
		if word != "" && (stringOps[word] || setOps[word] || word == "between") {
			return "!" + word, m + 1
		}
	case t.Kind == kql.Ident:
		word, m := p.wordOpAt(0)
		if stringOps[word] || setOps[word] || word == "between" {
			return word, m
		}
		if word == "matches" && p.peekN(1).Is("regex") {
			return "matches regex", 2
		}
	}
	return "", 0
}

// wordOpAt reads a word operator starting n tokens ahead, joining a touching '~' (in~).
func (p *parser) wordOpAt(n int) (string, int) {
	w := p.peekN(n).Text
	if w == "in" && p.peekN(n+1).Is("~") && p.adjacent(n) {
		return "in~", 2
	}
	return w, 1
}

func (p *parser) parseComparison() (Expr, error) {
	l, err := p.parseAdditive()
	for err == nil {
		op, n := p.comparisonOp()
		if op == "" {
			return l, nil
		}
		at := p.pos()
		p.i += n
		if canonical, ok := deprecatedOps[op]; ok {
			op = canonical
		}
		base := strings.TrimPrefix(op, "!")
		switch {
		case setOps[base]:
			items, err := p.parseList()
			if err != nil {
				return nil, err
			}
			l = &listExpr{p: at, op: op, x: l, items: items}
		case base == "between":
			lo, hi, err := p.parseRange()
			if err != nil {
				return nil, err
			}
			l = &betweenExpr{p: at, op: op, x: l, lo: lo, hi: hi}
		default:
			var r Expr
			if r, err = p.parseAdditive(); err == nil {
				l = &binaryExpr{p: at, op: op, l: l, r: r}
			}
		}
	}
	return l, err
}

// parseList parses "(a, b, ...)" where items may be tabular expressions.
func (p *parser) parseList() ([]Expr, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var items []Expr
	for !p.accept(")") {
		e, err := p.parseExprOrPipeline()
		if err != nil {
			return nil, err
		}
		items = append(items, e)
		if !p.accept(",") && !p.at(")") {
			return nil, p.errorf("expected ',' or ')' in the list but found %s", describe(p.peek()))
		}
	}
	return items, nil
}

// parseRange parses "(lo .. hi)" of between.
func (p *parser) parseRange() (Expr, Expr, error) {
	if err := p.expect("("); err != nil {
		return nil, nil, err
	}
	lo, err := p.parseAdditive()
	if err != nil {
		return nil, nil, err
	}
	if err := p.expect(".."); err != nil {
		return nil, nil, err
	}
	hi, err := p.parseAdditive()
	if err != nil {
		return nil, nil, err
	}
	return lo, hi, p.expect(")")
}

func (p *parser) parseAdditive() (Expr, error) {
	l, err := p.parseMultiplicative()
	for err == nil && (p.at("+") || p.at("-")) {
		at, op := p.pos(), p.next().Text
		var r Expr
		if r, err = p.parseMultiplicative(); err == nil {
			l = &binaryExpr{p: at, op: op, l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) parseMultiplicative() (Expr, error) {
	l, err := p.parseUnary()
	for err == nil && (p.at("*") || p.at("/") || p.at("%")) {
		at, op := p.pos(), p.next().Text
		var r Expr
		if r, err = p.parseUnary(); err == nil {
			l = &binaryExpr{p: at, op: op, l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) parseUnary() (Expr, error) {
	at := p.pos()
	switch {
	case p.accept("-"):
		x, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		if lit, ok := x.(*literalExpr); ok {
			if neg, ok := negateLiteral(lit); ok {
				return neg, nil
			}
		}
		return &unaryExpr{p: at, op: "neg", x: x}, nil
	case p.accept("+"):
		return p.parseUnary()
	}
	return p.parsePostfix()
}

func (p *parser) parsePostfix() (Expr, error) {
	x, err := p.parsePrimary()
	for err == nil {
		at := p.pos()
		switch {
		case p.at(".") && p.peekN(1).Kind == kql.Ident:
			p.next()
			x = &memberExpr{p: at, x: x, name: kql.IdentName(p.next())}
		case p.at("[") && p.peek().Offset > 0:
			p.next()
			var idx Expr
			if idx, err = p.parseExpr(); err == nil {
				err = p.expect("]")
				x = &indexExpr{p: at, x: x, idx: idx}
			}
		default:
			return x, nil
		}
	}
	return nil, err
}

func (p *parser) parsePrimary() (Expr, error) {
	t := p.peek()
	at := pos{t.Line, t.Column}
	switch t.Kind {
	case kql.Long, kql.Real, kql.Timespan, kql.String:
		return p.parseLiteral()
	case kql.Punct:
		switch t.Text {
		case "(":
			p.next()
			e, err := p.parseExprOrPipeline()
			if err != nil {
				return nil, err
			}
			return e, p.expect(")")
		case "*":
			p.next()
			return &starExpr{p: at}, nil
		case "[":
			// A bare dynamic array, as in has_any (["a", "b"]) written by some queries.
			return p.parseDynamicLiteral(at)
		}
	case kql.Ident:
		if t.Text == "true" || t.Text == "false" {
			return p.parseLiteral()
		}
		if p.peekN(1).Is("(") {
			if lit, ok, err := p.parseTypedLiteral(); ok || err != nil {
				return lit, err
			}
			return p.parseCall()
		}
		p.next()
		return &identExpr{p: at, name: kql.IdentName(t)}, nil
	}
	return nil, p.errorf("expected an expression but found %s", describe(t))
}

func (p *parser) parseCall() (Expr, error) {
	t := p.next()
	call := &callExpr{p: pos{t.Line, t.Column}, name: t.Text}
	p.next() // (
	for !p.accept(")") {
		e, err := p.parseExprOrPipeline()
		if err != nil {
			return nil, err
		}
		call.args = append(call.args, e)
		if !p.accept(",") && !p.at(")") {
			return nil, p.errorf("expected ',' or ')' in the arguments of %s() but found %s", call.name, describe(p.peek()))
		}
	}
	return call, nil
}
