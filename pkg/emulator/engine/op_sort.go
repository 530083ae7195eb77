package engine

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// sortKey is one "expr [asc|desc] [nulls first|last]" of sort and top.
type sortKey struct {
	e          Expr
	desc       bool
	nullsFirst bool
}

func (p *parser) parseSortKeys() ([]sortKey, error) {
	var keys []sortKey
	for {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		k := sortKey{e: e, desc: true}
		if p.accept("asc") {
			k.desc = false
		} else {
			p.accept("desc")
		}
		k.nullsFirst = !k.desc
		if p.accept("nulls") {
			switch {
			case p.accept("first"):
				k.nullsFirst = true
			case p.accept("last"):
				k.nullsFirst = false
			default:
				return nil, p.errorf("expected 'first' or 'last' after 'nulls'")
			}
		}
		keys = append(keys, k)
		if !p.accept(",") {
			return keys, nil
		}
	}
}

func parseSort(p *parser, at pos) (operator, error) {
	name := p.toks[p.i-1].Text
	if _, err := p.parseOptions(); err != nil {
		return nil, err
	}
	if err := p.expect("by"); err != nil {
		return nil, err
	}
	keys, err := p.parseSortKeys()
	if err != nil {
		return nil, err
	}
	return &sortOp{name: name, keys: keys}, nil
}

// sortOp is sort/order, and top when n is set.
type sortOp struct {
	name string
	keys []sortKey
	n    Expr
}

func (o *sortOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	count := -1
	if o.n != nil {
		var err error
		if count, err = ev.constCount(sc, o.n, o.name); err != nil {
			return nil, err
		}
	}
	idx, err := ev.sortedRows(sc, in, o.keys, o.name)
	if err != nil {
		return nil, err
	}
	if count >= 0 && count < len(idx) {
		idx = idx[:count]
	}
	return takeRows(in, idx), nil
}

func parseTop(p *parser, at pos) (operator, error) {
	n, err := p.parseCountArg("top")
	if err != nil {
		return nil, err
	}
	if err := p.expect("by"); err != nil {
		return nil, err
	}
	keys, err := p.parseSortKeys()
	if err != nil {
		return nil, err
	}
	return &sortOp{name: "top", keys: keys, n: n}, nil
}

// sortedRows returns in's row indexes in key order (stable).
func (ev *evaluator) sortedRows(sc *scope, in *dataset.Table, keys []sortKey, op string) ([]int, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: op}
	cmps := make([]func(i, j int) int, len(keys))
	for k, key := range keys {
		c, err := rc.evalCol(key.e)
		if err != nil {
			return nil, err
		}
		cmps[k] = orderedComparator(c, key.desc, key.nullsFirst)
	}
	idx := iota(in.Rows())
	slices.SortStableFunc(idx, func(i, j int) int {
		for _, f := range cmps {
			if r := f(i, j); r != 0 {
				return r
			}
		}
		return 0
	})
	return idx, nil
}

// orderedComparator compares rows of c with direction and null placement applied.
func orderedComparator(c *dataset.Column, desc, nullsFirst bool) func(i, j int) int {
	base := cellComparator(c)
	return func(i, j int) int {
		ni, nj := c.IsNull(i), c.IsNull(j)
		switch {
		case ni && nj:
			return 0
		case ni:
			return map[bool]int{true: -1, false: 1}[nullsFirst]
		case nj:
			return map[bool]int{true: 1, false: -1}[nullsFirst]
		}
		r := base(i, j)
		if desc {
			return -r
		}
		return r
	}
}

// cellComparator compares two non-null cells of c.
func cellComparator(c *dataset.Column) func(i, j int) int {
	switch {
	case c.Str != nil:
		return func(i, j int) int { return cmp.Compare(c.Str[i], c.Str[j]) }
	case c.Real != nil:
		return func(i, j int) int { return cmp.Compare(c.Real[i], c.Real[j]) }
	case c.Dyn != nil:
		return func(i, j int) int { return compareDyn(c.Dyn[i], c.Dyn[j]) }
	}
	return func(i, j int) int { return cmp.Compare(c.Int[i], c.Int[j]) }
}

func compareDyn(a, b any) int {
	fa, aok := toFloat(a)
	fb, bok := toFloat(b)
	if aok && bok {
		return cmp.Compare(fa, fb)
	}
	return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	return 0, false
}
