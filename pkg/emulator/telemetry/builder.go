package telemetry

import (
	"fmt"
	"strconv"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// kind is how a column stores its cells (see dataset.Column).
type kind uint8

const (
	kStr kind = iota
	kInt
	kReal
	kDyn
)

func storageOf(t dataset.Type) kind {
	switch t {
	case dataset.String, dataset.GUID:
		return kStr
	case dataset.Real, dataset.Decimal:
		return kReal
	case dataset.Dynamic:
		return kDyn
	default:
		return kInt
	}
}

// cell computes one column's value from the row being emitted. Only the func matching the column's storage is
// used; ok=false (or a nil dynamic) makes the cell null.
type cell struct {
	str  func(*row) string
	num  func(*row) (int64, bool)
	real func(*row) (float64, bool)
	dyn  func(*row) any
}

// fields maps column names to cells. It is consulted once per table when the builder is compiled, never per
// row.
type fields map[string]cell

// slot is one schema column of a table under construction.
type slot struct {
	col  *dataset.Column
	kind kind
	fn   cell
	live bool
	null []bool
}

// builder appends rows column by column. Columns without a cell stay unset and, at finish, share one
// read-only backing array per type (empty strings, or nulls): most schema columns are empty in real data too,
// and sharing keeps the heap proportional to the columns that carry data.
type builder struct {
	name   string
	slots  []slot
	strs   []*slot // live string columns
	others []*slot // live columns of the other storages
	rows   int
	hint   int
}

// newBuilder compiles the table's columns against the cells: per-table cells first, then the common ones.
// Columns in omit stay unset.
func newBuilder(t *defenderschema.Table, hint int, omit map[string]bool, sets ...fields) (*builder, error) {
	b := &builder{name: t.Name, slots: make([]slot, len(t.Columns)), hint: hint}
	for i, c := range t.Columns {
		typ, err := dataset.ParseType(c.Type)
		if err != nil {
			return nil, fmt.Errorf("telemetry: table %s column %s: %w", t.Name, c.Name, err)
		}
		s := &b.slots[i]
		s.kind = storageOf(typ)
		s.col = &dataset.Column{Name: c.Name, Type: typ}
		for _, set := range sets {
			if omit[c.Name] {
				break
			}
			if f, ok := set[c.Name]; ok && s.pick(f) {
				break
			}
		}
		if s.live {
			if s.kind == kStr {
				b.strs = append(b.strs, s)
			} else {
				b.others = append(b.others, s)
			}
			switch s.kind {
			case kStr:
				s.col.Str = make([]string, 0, hint)
			case kInt:
				s.col.Int = make([]int64, 0, hint)
			case kReal:
				s.col.Real = make([]float64, 0, hint)
			case kDyn:
				s.col.Dyn = make([]any, 0, hint)
			}
		}
	}
	return b, nil
}

// pick selects the func of f that fits the slot's storage, converting a number to text for string columns
// (ReportId is long in most tables and string in a few).
func (s *slot) pick(f cell) bool {
	switch {
	case s.kind == kStr && f.str != nil:
		s.fn.str = f.str
	case s.kind == kStr && f.num != nil:
		num := f.num
		s.fn.str = func(r *row) string {
			if v, ok := num(r); ok {
				return strconv.FormatInt(v, 10)
			}
			return ""
		}
	case s.kind == kInt && f.num != nil:
		s.fn.num = f.num
	case s.kind == kReal && f.real != nil:
		s.fn.real = f.real
	case s.kind == kReal && f.num != nil:
		num := f.num
		s.fn.real = func(r *row) (float64, bool) { v, ok := num(r); return float64(v), ok }
	case s.kind == kDyn && f.dyn != nil:
		s.fn.dyn = f.dyn
	default:
		return false
	}
	s.live = true
	return true
}

// add appends one row, evaluating every live column's cell. String columns (most of them) take a loop of
// their own: they are never null, so they need no mask bookkeeping.
func (b *builder) add(r *row) {
	for _, s := range b.strs {
		s.col.Str = append(s.col.Str, s.fn.str(r))
	}
	for _, s := range b.others {
		valid := true
		switch s.kind {
		case kInt:
			v, ok := s.fn.num(r)
			s.col.Int = append(s.col.Int, v)
			valid = ok
		case kReal:
			v, ok := s.fn.real(r)
			s.col.Real = append(s.col.Real, v)
			valid = ok
		case kDyn:
			v := s.fn.dyn(r)
			s.col.Dyn = append(s.col.Dyn, v)
			valid = v != nil
		}
		switch {
		case s.null != nil:
			s.null = append(s.null, !valid)
		case !valid:
			s.null = make([]bool, b.rows, max(b.hint, b.rows+1))
			s.null = append(s.null, true)
		}
	}
	b.rows++
}

// shared holds the read-only backing arrays that unset columns slice into.
type shared struct {
	str   []string
	num   []int64
	real  []float64
	dyn   []any
	nulls []bool
}

func newShared(n int) *shared {
	z := &shared{str: make([]string, n), num: make([]int64, n), real: make([]float64, n), dyn: make([]any, n), nulls: make([]bool, n)}
	for i := range z.nulls {
		z.nulls[i] = true
	}
	return z
}

// finish returns the table. Unset columns get full slice expressions (len == cap) so that an append by a
// reader reallocates instead of writing into the shared arrays.
func (b *builder) finish(z *shared) *dataset.Table {
	n := b.rows
	t := &dataset.Table{Name: b.name, Columns: make([]*dataset.Column, len(b.slots))}
	for i := range b.slots {
		s := &b.slots[i]
		c := s.col
		if s.live && s.empty() {
			s.live = false
		}
		if s.live {
			s.trim()
			c.Null = s.null
		} else {
			switch s.kind {
			case kStr:
				c.Str = z.str[:n:n]
			case kInt:
				c.Int, c.Null = z.num[:n:n], z.nulls[:n:n]
			case kReal:
				c.Real, c.Null = z.real[:n:n], z.nulls[:n:n]
			case kDyn:
				c.Dyn, c.Null = z.dyn[:n:n], z.nulls[:n:n]
			}
		}
		t.Columns[i] = c
	}
	return t
}

// empty reports whether a live column never received a value (all "" or all null): such columns switch to the
// shared arrays, which costs nothing per row.
func (s *slot) empty() bool {
	if s.kind == kStr {
		for _, v := range s.col.Str {
			if v != "" {
				return false
			}
		}
		return true
	}
	if s.null == nil {
		return s.col.Len() == 0
	}
	for _, isNull := range s.null {
		if !isNull {
			return false
		}
	}
	return true
}

// trim gives back capacity the size hint over-estimated by more than an eighth.
func (s *slot) trim() {
	c := s.col
	n := c.Len()
	switch s.kind {
	case kStr:
		c.Str = fit(c.Str, n)
	case kInt:
		c.Int = fit(c.Int, n)
	case kReal:
		c.Real = fit(c.Real, n)
	case kDyn:
		c.Dyn = fit(c.Dyn, n)
	}
	if s.null != nil && cap(s.null) > n+n/8 {
		s.null = append(make([]bool, 0, n), s.null...)
	}
}

// fit returns the first n elements of xs with capacity n, copied when xs holds more than an eighth spare.
func fit[T any](xs []T, n int) []T {
	if cap(xs) > n+n/8 {
		xs = append(make([]T, 0, n), xs...)
	}
	return xs[:n:n]
}
