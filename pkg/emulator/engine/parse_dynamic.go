package engine

import (
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// parseDynamicLiteral parses a bare [..] array in expression position.
func (p *parser) parseDynamicLiteral(at pos) (Expr, error) {
	v, err := p.parseDynamicValue()
	if err != nil {
		return nil, err
	}
	return &literalExpr{p: at, col: constCol(dataset.Dynamic, v)}, nil
}

// parseDynamicValue parses the JSON-like contents of dynamic(...): arrays, property bags, strings,
// numbers, true/false/null and typed literals such as datetime(...).
func (p *parser) parseDynamicValue() (any, error) {
	t := p.peek()
	switch {
	case t.Is("["):
		p.next()
		arr := []any{}
		for !p.accept("]") {
			v, err := p.parseDynamicValue()
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
			if !p.accept(",") && !p.at("]") {
				return nil, p.errorf("expected ',' or ']' in dynamic array but found %s", describe(p.peek()))
			}
		}
		return arr, nil
	case t.Is("{"):
		p.next()
		bag := map[string]any{}
		for !p.accept("}") {
			kt := p.next()
			key := kt.Text
			if kt.Kind == kql.String {
				key, _ = kql.Unquote(kt.Text)
			} else if kt.Kind != kql.Ident {
				return nil, p.errorAt(kt, "expected a property name in dynamic bag but found '%s'", kt.Text)
			}
			if err := p.expect(":"); err != nil {
				return nil, err
			}
			v, err := p.parseDynamicValue()
			if err != nil {
				return nil, err
			}
			bag[key] = v
			if !p.accept(",") && !p.at("}") {
				return nil, p.errorf("expected ',' or '}' in dynamic bag but found %s", describe(p.peek()))
			}
		}
		return bag, nil
	case t.Is("null"):
		p.next()
		return nil, nil
	case t.Kind == kql.Ident && strings.HasPrefix(t.Text, "["):
		// ["a"] lexes like the bracketed name ['Col Name']; inside dynamic() it is a one-element array.
		p.next()
		return []any{kql.IdentName(t)}, nil
	}
	e, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	lit, ok := e.(*literalExpr)
	if !ok {
		return nil, p.errorAt(t, "dynamic literals may only hold constants")
	}
	return dynOf(lit.col, 0), nil
}
