package engine

import (
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// constCol builds a one-cell column; v nil is a null cell. bool, int64, float64, string and JSON-shaped
// values are accepted according to t.
func constCol(t dataset.Type, v any) *dataset.Column {
	c := dataset.NewColumn("", t, 1)
	switch t {
	case dataset.String, dataset.GUID:
		s, _ := v.(string)
		c.Str = append(c.Str, s)
		return c
	case dataset.Real, dataset.Decimal:
		f, _ := v.(float64)
		c.Real = append(c.Real, f)
	case dataset.Dynamic:
		c.Dyn = append(c.Dyn, v)
		return c
	default:
		var x int64
		switch y := v.(type) {
		case int64:
			x = y
		case bool:
			if y {
				x = 1
			}
		}
		c.Int = append(c.Int, x)
	}
	if v == nil {
		c.SetNull(0)
	}
	return c
}

// dynOf returns cell i as a JSON-shaped dynamic value.
func dynOf(c *dataset.Column, i int) any {
	if c.IsNull(i) {
		return nil
	}
	switch c.Type {
	case dataset.String, dataset.GUID:
		return c.Str[i]
	case dataset.Real, dataset.Decimal:
		return c.Real[i]
	case dataset.Dynamic:
		return c.Dyn[i]
	case dataset.Bool:
		return c.Int[i] != 0
	case dataset.DateTime:
		return time.Unix(0, c.Int[i]).UTC().Format("2006-01-02T15:04:05.0000000Z")
	case dataset.TimeSpan:
		return formatTimespan(time.Duration(c.Int[i]))
	}
	return c.Int[i]
}

func formatTimespan(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	days := d / (24 * time.Hour)
	d -= days * 24 * time.Hour
	s := fmt.Sprintf("%02d:%02d:%02d", d/time.Hour, d%time.Hour/time.Minute, d%time.Minute/time.Second)
	if days > 0 {
		s = fmt.Sprintf("%d.%s", days, s)
	}
	if frac := d % time.Second; frac != 0 {
		s += fmt.Sprintf(".%07d", frac/100)
	}
	return sign + s
}

// gather returns a new column with the cells of c at idx; an index of -1 gives a null cell.
func gather(c *dataset.Column, idx []int) *dataset.Column {
	out := &dataset.Column{Name: c.Name, Type: c.Type}
	n := len(idx)
	var null []bool
	missing := false // an index of -1 (the absent side of an outer join) makes a null
	switch c.Type {
	case dataset.String, dataset.GUID:
		out.Str = make([]string, n)
		for j, i := range idx {
			if i >= 0 {
				out.Str[j] = c.Str[i]
			}
		}
		return out
	case dataset.Real, dataset.Decimal:
		out.Real = make([]float64, n)
		for j, i := range idx {
			if i >= 0 {
				out.Real[j] = c.Real[i]
			} else {
				missing = true
			}
		}
	case dataset.Dynamic:
		out.Dyn = make([]any, n)
		for j, i := range idx {
			if i >= 0 {
				out.Dyn[j] = c.Dyn[i]
			}
		}
		return out
	default:
		out.Int = make([]int64, n)
		for j, i := range idx {
			if i >= 0 {
				out.Int[j] = c.Int[i]
			} else {
				missing = true
			}
		}
	}
	if c.Null == nil && !missing {
		return out
	}
	for j, i := range idx {
		if i < 0 || c.IsNull(i) {
			if null == nil {
				null = make([]bool, n)
			}
			null[j] = true
		}
	}
	out.Null = null
	return out
}

// broadcast returns n copies of cell i of c.
func broadcast(c *dataset.Column, i, n int) *dataset.Column {
	out := &dataset.Column{Name: c.Name, Type: c.Type}
	switch c.Type {
	case dataset.String, dataset.GUID:
		out.Str = fill(make([]string, n), c.Str[i])
		return out
	case dataset.Real, dataset.Decimal:
		out.Real = fill(make([]float64, n), c.Real[i])
	case dataset.Dynamic:
		out.Dyn = fill(make([]any, n), c.Dyn[i])
		return out
	default:
		out.Int = fill(make([]int64, n), c.Int[i])
	}
	if c.IsNull(i) {
		out.Null = fill(make([]bool, n), true)
	}
	return out
}

func fill[T any](s []T, v T) []T {
	for i := range s {
		s[i] = v
	}
	return s
}

// nullCol returns a column of n null cells (empty strings for string columns).
func nullCol(name string, t dataset.Type, n int) *dataset.Column {
	idx := make([]int, n)
	for j := range idx {
		idx[j] = -1
	}
	c := gather(dataset.NewColumn(name, t, 0), idx)
	c.Name = name
	return c
}

// named returns a shallow copy of c under a new name; cell slices are shared, which is safe because
// columns are never modified once built.
func named(c *dataset.Column, name string) *dataset.Column {
	cp := *c
	cp.Name = name
	return &cp
}

// iota returns 0..n-1.
func iota(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// takeRows returns the rows idx of t.
func takeRows(t *dataset.Table, idx []int) *dataset.Table {
	out := &dataset.Table{Name: t.Name, Columns: make([]*dataset.Column, len(t.Columns))}
	for i, c := range t.Columns {
		out.Columns[i] = gather(c, idx)
	}
	return out
}

// sliceRows returns rows [lo, hi) of t, sharing storage.
func sliceRows(t *dataset.Table, lo, hi int) *dataset.Table {
	out := &dataset.Table{Name: t.Name, Columns: make([]*dataset.Column, len(t.Columns))}
	for i, c := range t.Columns {
		cp := *c
		switch {
		case c.Str != nil:
			cp.Str = c.Str[lo:hi]
		case c.Real != nil:
			cp.Real = c.Real[lo:hi]
		case c.Dyn != nil:
			cp.Dyn = c.Dyn[lo:hi]
		case c.Int != nil:
			cp.Int = c.Int[lo:hi]
		}
		if c.Null != nil {
			cp.Null = c.Null[lo:hi]
		}
		out.Columns[i] = &cp
	}
	return out
}

// appendCell appends cell i of src to dst (same type family).
func appendCell(dst, src *dataset.Column, i int) {
	null := src == nil || i < 0 || src.IsNull(i)
	switch dst.Type {
	case dataset.String, dataset.GUID:
		s := ""
		if !null {
			s = src.Str[i]
		}
		dst.Str = append(dst.Str, s)
		return
	case dataset.Real, dataset.Decimal:
		f := 0.0
		if !null {
			f = src.Real[i]
		}
		dst.Real = append(dst.Real, f)
	case dataset.Dynamic:
		var v any
		if !null {
			v = src.Dyn[i]
		}
		dst.Dyn = append(dst.Dyn, v)
		return
	default:
		var x int64
		if !null {
			x = src.Int[i]
		}
		dst.Int = append(dst.Int, x)
	}
	if dst.Null != nil {
		dst.Null = append(dst.Null, null)
	} else if null {
		dst.Null = make([]bool, dst.Len())
		dst.Null[len(dst.Null)-1] = true
	}
}

// tableIndex returns the position of the column named name, or -1.
func tableIndex(t *dataset.Table, name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}
