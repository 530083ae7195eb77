package engine

import (
	"sort"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

type mvExpandItem struct {
	name string
	e    Expr
	to   dataset.Type // "" keeps dynamic
}

type mvExpandOp struct {
	items     []mvExpandItem
	limit     Expr
	bagArray  bool
	itemIndex string
}

func parseMvExpand(p *parser, at pos) (operator, error) {
	legacy := p.toks[p.i-1].Text == "mvexpand"
	opts, err := p.parseOptions("bagexpansion", "with_itemindex", "kind")
	if err != nil {
		return nil, err
	}
	o := &mvExpandOp{bagArray: strings.EqualFold(opts["bagexpansion"], "array") || strings.EqualFold(opts["kind"], "array"), itemIndex: opts["with_itemindex"]}
	for {
		var it mvExpandItem
		if p.atAssignment() {
			it.name, _ = p.ident()
			p.next()
		}
		if it.e, err = p.parseExpr(); err != nil {
			return nil, err
		}
		if it.name == "" {
			it.name = exprName(it.e)
		}
		if p.accept("to") {
			if !p.at("typeof") {
				return nil, p.errorf("expected typeof(type) after 'to'")
			}
			e, _, err := p.parseTypedLiteral()
			if err != nil {
				return nil, err
			}
			it.to = e.(*typeofExpr).t
		}
		o.items = append(o.items, it)
		if !p.accept(",") {
			break
		}
	}
	if p.accept("limit") {
		if o.limit, err = p.parseCountArg("mv-expand limit"); err != nil {
			return nil, err
		}
	} else if legacy {
		// The legacy mvexpand expands at most 128 elements per row unless told otherwise.
		o.limit = &literalExpr{p: at, col: constCol(dataset.Long, int64(128))}
	}
	return o, nil
}

// elements lists the values one dynamic cell expands to.
func elements(v any, bagArray bool) []any {
	switch x := v.(type) {
	case []any:
		return x
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]any, len(keys))
		for i, k := range keys {
			if bagArray {
				out[i] = []any{k, x[k]}
			} else {
				out[i] = map[string]any{k: x[k]}
			}
		}
		return out
	}
	return []any{v}
}

func (o *mvExpandOp) apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error) {
	rc := &rowCtx{ev: ev, sc: sc, tbl: in, n: in.Rows(), op: "mv-expand"}
	limit := -1
	if o.limit != nil {
		var err error
		if limit, err = ev.constCount(sc, o.limit, "mv-expand"); err != nil {
			return nil, err
		}
	}
	srcs := make([]*dataset.Column, len(o.items))
	for k, it := range o.items {
		c, err := rc.evalCol(it.e)
		if err != nil {
			return nil, err
		}
		if it.name == "" {
			o.items[k].name = uniqueName(hasColumn(in), "Column", true)
		}
		srcs[k] = c
	}
	var rows []int
	var pos []int
	vals := make([][]any, len(o.items))
	for i := 0; i < in.Rows(); i++ {
		lists := make([][]any, len(srcs))
		m := 0
		for k, c := range srcs {
			lists[k] = elements(dynOf(c, i), o.bagArray)
			m = max(m, len(lists[k]))
		}
		if limit >= 0 {
			m = min(m, limit)
		}
		for j := 0; j < m; j++ {
			rows = append(rows, i)
			pos = append(pos, j)
			for k := range lists {
				var v any
				if j < len(lists[k]) {
					v = lists[k][j]
				}
				vals[k] = append(vals[k], v)
			}
		}
		if i&0xffff == 0xffff || len(rows) > ev.eng.limit {
			if err := ev.checkRows("mv-expand", len(rows)); err != nil {
				return nil, err
			}
		}
	}
	if err := ev.checkCells("mv-expand", len(rows), len(in.Columns)+len(o.items)); err != nil {
		return nil, err
	}
	out := takeRows(in, rows)
	for k, it := range o.items {
		c := &dataset.Column{Name: it.name, Type: dataset.Dynamic, Dyn: vals[k]}
		if c.Dyn == nil {
			c.Dyn = []any{}
		}
		if it.to != "" && it.to != dataset.Dynamic {
			conv, err := (&rowCtx{ev: ev, sc: sc, tbl: out, n: len(rows), op: "mv-expand"}).apply(it.e.position(), conversionFunc(it.to), []val{{c, false}})
			if err != nil {
				return nil, err
			}
			c = named(conv.c, it.name)
		}
		setColumn(out, c)
	}
	if o.itemIndex != "" {
		idx := dataset.NewColumn(o.itemIndex, dataset.Long, len(pos))
		for _, j := range pos {
			idx.Int = append(idx.Int, int64(j))
		}
		setColumn(out, idx)
	}
	return out, nil
}

// conversionFunc names the registry function converting to t.
func conversionFunc(t dataset.Type) string {
	switch t {
	case dataset.String:
		return "tostring"
	case dataset.Long:
		return "tolong"
	case dataset.Int:
		return "toint"
	case dataset.Real, dataset.Decimal:
		return "todouble"
	case dataset.Bool:
		return "tobool"
	case dataset.DateTime:
		return "todatetime"
	case dataset.TimeSpan:
		return "totimespan"
	case dataset.GUID:
		return "toguid"
	}
	return "todynamic"
}
