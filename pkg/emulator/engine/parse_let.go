package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// let statements and user functions: let x = expr; let T = pipeline; let f = (a:type, T:(*)) { ... }

func (p *parser) parseLet() (*letStmt, error) {
	start := p.pos()
	p.next() // let
	name, err := p.ident()
	if err != nil {
		return nil, err
	}
	if err := p.expect("="); err != nil {
		return nil, err
	}
	p.accept("view")
	if p.isFuncDef() {
		fn, err := p.parseFuncDef()
		if err != nil {
			return nil, err
		}
		return &letStmt{p: start, name: name, fn: fn}, nil
	}
	e, err := p.parseExprOrPipeline()
	if err != nil {
		return nil, err
	}
	return &letStmt{p: start, name: name, e: e}, nil
}

// isFuncDef recognises the parameter list of a user function: "() {", "(x:type" or "(T:(".
func (p *parser) isFuncDef() bool {
	if !p.at("(") {
		return false
	}
	if p.peekN(1).Is(")") {
		return p.peekN(2).Is("{")
	}
	return p.peekN(1).Kind == kql.Ident && p.peekN(2).Is(":")
}

func (p *parser) parseFuncDef() (*funcDef, error) {
	fn := &funcDef{}
	p.next() // (
	for !p.accept(")") {
		name, err := p.ident()
		if err != nil {
			return nil, err
		}
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		prm := param{name: name}
		if p.accept("(") { // tabular parameter: (*) or (Col:type, ...)
			prm.tabular = true
			for depth := 1; depth > 0 && !p.atEOF(); {
				switch p.next().Text {
				case "(":
					depth++
				case ")":
					depth--
				}
			}
		} else {
			tn, err := p.ident()
			if err != nil {
				return nil, err
			}
			if prm.t, err = dataset.ParseType(tn); err != nil {
				return nil, p.errorf("unknown type '%s' for parameter '%s'", tn, name)
			}
		}
		if p.accept("=") {
			d, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			prm.def = d
		}
		fn.params = append(fn.params, prm)
		if !p.accept(",") && !p.at(")") {
			return nil, p.errorf("expected ',' or ')' in the parameter list but found %s", describe(p.peek()))
		}
	}
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	for {
		for p.accept(";") {
		}
		if p.at("}") {
			return nil, p.errorf("function body has no result expression")
		}
		if p.at("let") {
			l, err := p.parseLet()
			if err != nil {
				return nil, err
			}
			fn.lets = append(fn.lets, *l)
			continue
		}
		body, err := p.parseExprOrPipeline()
		if err != nil {
			return nil, err
		}
		fn.body = body
		for p.accept(";") {
		}
		return fn, p.expect("}")
	}
}
