package engine

import (
	"strings"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// call evaluates a function call: the engine's own functions (those that need the table, the scope or a
// tabular argument), user functions, then the registry.
func (rc *rowCtx) call(x *callExpr) (val, error) {
	switch x.name {
	case "toscalar":
		return rc.toscalar(x)
	case "prev", "next":
		return rc.shift(x)
	case "row_number":
		return rc.rowNumber(x)
	case "pack_all":
		return rc.packAll(x)
	case todayAtFunc:
		d := x.args[0].(*literalExpr).col.Int[0]
		now := rc.ev.q.Now.UTC()
		day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		return val{constCol(dataset.DateTime, day.UnixNano()+d), true}, nil
	case "column_ifexists":
		if len(x.args) == 2 {
			if id, ok := x.args[0].(*literalExpr); ok && id.col.Type == dataset.String {
				if c := rc.tbl.Column(id.col.Str[0]); c != nil {
					return val{c, false}, nil
				}
				return rc.eval(x.args[1])
			}
		}
	}
	if b := rc.sc.lookup(x.name); b != nil && b.fn != nil {
		if isTabularBody(b.fn) {
			return val{}, errAt(x.p, "'%s' operator: function '%s' returns a table; use toscalar(%s(...))", rc.op, x.name, x.name)
		}
		_, c, err := rc.ev.invokeIn(x.p, b, x.args, nil, rc)
		if err != nil {
			return val{}, err
		}
		return val{c, c.Len() == 1}, nil
	}
	return rc.callOp(x.p, x.name, x.args...)
}

func (rc *rowCtx) toscalar(x *callExpr) (val, error) {
	if len(x.args) != 1 {
		return val{}, errAt(x.p, "'%s' operator: toscalar() expects one tabular argument", rc.op)
	}
	t, ok, err := rc.ev.tabularOf(x.args[0], rc.sc)
	if err != nil {
		return val{}, err
	}
	if !ok {
		return rc.eval(x.args[0])
	}
	if len(t.Columns) == 0 {
		return val{constCol(dataset.Dynamic, nil), true}, nil
	}
	c := t.Columns[0]
	if t.Rows() == 0 {
		return val{constCol(c.Type, nil), true}, nil
	}
	return val{gather(c, []int{0}), true}, nil
}

// shift implements prev(col[, offset[, default]]) and next(...) over the table's current order.
func (rc *rowCtx) shift(x *callExpr) (val, error) {
	if len(x.args) < 1 || len(x.args) > 3 {
		return val{}, errAt(x.p, "'%s' operator: %s() expects 1 to 3 arguments", rc.op, x.name)
	}
	c, err := rc.evalCol(x.args[0])
	if err != nil {
		return val{}, err
	}
	off := 1
	if len(x.args) > 1 {
		o, err := rc.constInt(x.args[1], x.name+"() offset")
		if err != nil {
			return val{}, err
		}
		off = int(o)
	}
	if x.name == "next" {
		off = -off
	}
	idx := make([]int, rc.n)
	for i := range idx {
		j := i - off
		if j < 0 || j >= rc.n {
			j = -1
		}
		idx[i] = j
	}
	out := gather(c, idx)
	if len(x.args) == 3 {
		d, err := rc.eval(x.args[2])
		if err != nil {
			return val{}, err
		}
		dc := rc.full(d)
		for i, j := range idx {
			if dc.Type != out.Type {
				break // a default of another type (next(Timestamp, 1, 0)) leaves the cell null
			}
			if j < 0 {
				copyCell(out, i, dc, i)
			}
		}
	}
	return val{out, false}, nil
}

// copyCell sets dst[i] = src[j]; both columns have the same type.
func copyCell(dst *dataset.Column, i int, src *dataset.Column, j int) {
	switch {
	case dst.Str != nil:
		dst.Str[i] = src.Str[j]
	case dst.Real != nil:
		dst.Real[i] = src.Real[j]
	case dst.Dyn != nil:
		dst.Dyn[i] = src.Dyn[j]
	default:
		dst.Int[i] = src.Int[j]
	}
	if dst.Null != nil {
		dst.Null[i] = src.IsNull(j)
	} else if src.IsNull(j) {
		dst.SetNull(i)
	}
}

func (rc *rowCtx) rowNumber(x *callExpr) (val, error) {
	start := int64(1)
	if len(x.args) > 0 {
		s, err := rc.constInt(x.args[0], "row_number() start")
		if err != nil {
			return val{}, err
		}
		start = s
	}
	out := dataset.NewColumn("", dataset.Long, rc.n)
	for i := 0; i < rc.n; i++ {
		out.Int = append(out.Int, start+int64(i))
	}
	return val{out, false}, nil
}

func (rc *rowCtx) constInt(e Expr, what string) (int64, error) {
	v, err := rc.eval(e)
	if err != nil {
		return 0, err
	}
	if !v.k || v.c.Int == nil || v.c.IsNull(0) || v.c.Type == dataset.DateTime {
		return 0, errAt(e.position(), "'%s' operator: %s must be a constant integer", rc.op, what)
	}
	return v.c.Int[0], nil
}

func (rc *rowCtx) packAll(x *callExpr) (val, error) {
	out := dataset.NewColumn("", dataset.Dynamic, rc.n)
	for i := 0; i < rc.n; i++ {
		bag := make(map[string]any, len(rc.tbl.Columns))
		for _, c := range rc.tbl.Columns {
			bag[c.Name] = dynOf(c, i)
		}
		out.Dyn = append(out.Dyn, bag)
	}
	return val{out, false}, nil
}

// member evaluates x.name: a property of a dynamic bag (null when absent or not a bag).
func (rc *rowCtx) member(x *memberExpr) (val, error) {
	if id, ok := x.x.(*identExpr); ok && (id.name == "$left" || id.name == "$right") {
		return val{}, errAt(x.p, "'%s' operator: %s.%s can only be used in a join's on clause", rc.op, id.name, x.name)
	}
	base, err := rc.eval(x.x)
	if err != nil {
		return val{}, err
	}
	return rc.dynAccess(x.p, base, func(v any) any {
		if m, ok := v.(map[string]any); ok {
			return m[x.name]
		}
		return nil
	})
}

// index evaluates x[key] (bag property) or x[i] (array element, negative from the end).
func (rc *rowCtx) index(x *indexExpr) (val, error) {
	base, err := rc.eval(x.x)
	if err != nil {
		return val{}, err
	}
	k, err := rc.eval(x.idx)
	if err != nil {
		return val{}, err
	}
	kc := k.c
	if !k.k {
		base = val{rc.full(base), false}
	}
	row := -1
	return rc.dynAccess(x.p, base, func(v any) any {
		row++
		at := 0
		if !k.k {
			at = row
		}
		if kc.IsNull(at) {
			return nil
		}
		switch kc.Type {
		case dataset.String:
			if m, ok := v.(map[string]any); ok {
				return m[kc.Str[at]]
			}
		case dataset.Dynamic:
			switch key := kc.Dyn[at].(type) {
			case string:
				if m, ok := v.(map[string]any); ok {
					return m[key]
				}
			case int64:
				if a, ok := v.([]any); ok && key >= 0 && int(key) < len(a) {
					return a[key]
				}
			}
		case dataset.Long, dataset.Int:
			if a, ok := v.([]any); ok {
				i := int(kc.Int[at])
				if i < 0 {
					i += len(a)
				}
				if i >= 0 && i < len(a) {
					return a[i]
				}
			}
		}
		return nil
	})
}

// dynAccess maps every cell of a dynamic column through get.
func (rc *rowCtx) dynAccess(p pos, base val, get func(any) any) (val, error) {
	c := base.c
	if c.Type == dataset.String {
		// Columns documented as dynamic are sometimes strings holding JSON: read them as JSON.
		conv, err := rc.apply(p, "todynamic", []val{base})
		if err != nil {
			return val{}, err
		}
		c = conv.c
	}
	if c.Type != dataset.Dynamic {
		return val{}, errAt(p, "'%s' operator: property access needs a dynamic value, not %s", rc.op, c.Type)
	}
	out := dataset.NewColumn("", dataset.Dynamic, len(c.Dyn))
	for _, v := range c.Dyn {
		out.Dyn = append(out.Dyn, get(v))
	}
	return val{out, base.k}, nil
}

// exprName is the column name Kusto gives an unnamed expression: a column's own name, a dotted path
// joined with '_', a conversion of either; "" otherwise (the caller numbers it Column1, Column2...).
func exprName(e Expr) string {
	switch x := e.(type) {
	case *identExpr:
		return x.name
	case *memberExpr:
		if b := exprName(x.x); b != "" {
			return b + "_" + x.name
		}
		return x.name
	case *indexExpr:
		if lit, ok := x.idx.(*literalExpr); ok && lit.col.Type == dataset.String {
			if b := exprName(x.x); b != "" {
				return b + "_" + lit.col.Str[0]
			}
		}
	case *callExpr:
		if len(x.args) >= 1 && (conversions[x.name] || x.name == "bin" || x.name == "floor" ||
			strings.HasPrefix(x.name, "startof") || x.name == "bin_at") {
			return exprName(x.args[0])
		}
	}
	return ""
}

// conversions keep their argument's name when unnamed: extend tostring(x.a) is named x_a.
var conversions = map[string]bool{"tostring": true, "toint": true, "tolong": true, "todouble": true,
	"toreal": true, "todatetime": true, "tobool": true, "toboolean": true, "todynamic": true, "toguid": true,
	"totimespan": true, "todecimal": true}
