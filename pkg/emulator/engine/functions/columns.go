package functions

import (
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// NewCol builds a column of type t from Go values, for tests and for the evaluator's literals. A nil value
// is a null cell. Accepted values: string (string, guid), int/int64 (long, int), float64 (real), bool,
// time.Time (datetime), time.Duration (timespan) and any JSON-shaped value (dynamic). A value of the wrong
// kind panics: this is a construction helper for code that knows its types, never for user input.
func NewCol(t dataset.Type, vals ...any) *dataset.Column {
	c := newOut(t, len(vals))
	for i, v := range vals {
		if v == nil {
			if t != dataset.String && t != dataset.GUID && t != dataset.Dynamic {
				c.SetNull(i)
			}
			continue
		}
		switch t {
		case dataset.String, dataset.GUID:
			c.Str[i] = v.(string)
		case dataset.Real, dataset.Decimal:
			switch x := v.(type) {
			case float64:
				c.Real[i] = x
			case int:
				c.Real[i] = float64(x)
			default:
				panic(fmt.Sprintf("NewCol: %T is not a %s", v, t))
			}
		case dataset.Dynamic:
			c.Dyn[i] = normDyn(v)
		case dataset.Bool:
			if v.(bool) {
				c.Int[i] = 1
			}
		case dataset.DateTime:
			c.Int[i] = v.(time.Time).UnixNano()
		case dataset.TimeSpan:
			c.Int[i] = int64(v.(time.Duration))
		default:
			switch x := v.(type) {
			case int:
				c.Int[i] = int64(x)
			case int64:
				c.Int[i] = x
			default:
				panic(fmt.Sprintf("NewCol: %T is not a %s", v, t))
			}
		}
	}
	return c
}

// Broadcast returns a column of n copies of cell i of c: what the evaluator does with a constant argument.
func Broadcast(c *dataset.Column, i, n int) *dataset.Column {
	out := newOut(c.Type, n)
	null := c.IsNull(i)
	for j := 0; j < n; j++ {
		if null {
			if c.Type != dataset.String && c.Type != dataset.GUID {
				out.SetNull(j)
			}
			continue
		}
		switch {
		case out.Str != nil:
			out.Str[j] = c.Str[i]
		case out.Real != nil:
			out.Real[j] = c.Real[i]
		case out.Dyn != nil:
			out.Dyn[j] = c.Dyn[i]
		default:
			out.Int[j] = c.Int[i]
		}
	}
	return out
}

// newOut returns a column of type t with n zero cells.
func newOut(t dataset.Type, n int) *dataset.Column {
	c := &dataset.Column{Type: t}
	switch t {
	case dataset.String, dataset.GUID:
		c.Str = make([]string, n)
	case dataset.Real, dataset.Decimal:
		c.Real = make([]float64, n)
	case dataset.Dynamic:
		c.Dyn = make([]any, n)
	default:
		c.Int = make([]int64, n)
	}
	return c
}

// setBool stores a bool cell.
func setBool(c *dataset.Column, i int, b bool) {
	if b {
		c.Int[i] = 1
	} else {
		c.Int[i] = 0
	}
}

// setAny stores a boxed value (as returned by cellValue) into cell i of c, converting where KQL would;
// nil or an unconvertible value makes the cell null (empty for strings).
func setAny(c *dataset.Column, i int, v any) {
	if v == nil {
		if c.Type != dataset.String && c.Type != dataset.GUID && c.Type != dataset.Dynamic {
			c.SetNull(i)
		}
		return
	}
	switch c.Type {
	case dataset.String, dataset.GUID:
		c.Str[i] = anyToString(v)
	case dataset.Dynamic:
		c.Dyn[i] = toDyn(v)
	case dataset.Real, dataset.Decimal:
		if f, ok := anyToFloat(v); ok {
			c.Real[i] = f
		} else {
			c.SetNull(i)
		}
	case dataset.Bool:
		if b, ok := anyToBool(v); ok {
			setBool(c, i, b)
		} else {
			c.SetNull(i)
		}
	case dataset.DateTime:
		if t, ok := anyToTime(v); ok {
			c.Int[i] = t
		} else {
			c.SetNull(i)
		}
	case dataset.TimeSpan:
		if d, ok := anyToSpan(v); ok {
			c.Int[i] = d
		} else {
			c.SetNull(i)
		}
	default:
		if n, ok := anyToLong(v); ok {
			c.Int[i] = n
			if c.Type == dataset.Int {
				c.Int[i] = int64(int32(n))
			}
		} else {
			c.SetNull(i)
		}
	}
}

// cellValue returns cell i boxed like dataset.Column.Value but with datetimes as time.Time in UTC and
// timespans as time.Duration; null is nil. For rare functions only: hot paths read typed slices.
func cellValue(c *dataset.Column, i int) any {
	if c.IsNull(i) {
		return nil
	}
	return c.Value(i)
}
