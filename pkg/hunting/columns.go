package hunting

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unsafe"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// How each declared type becomes a field (DESIGN.md section 3). Type names are matched case-insensitively,
// with or without a "System." prefix; KQL's own names (long, real, dynamic ...) are accepted too, because
// an emulator or a proxy may write them.
//
//	String, Guid                       -> *string
//	DateTime                           -> *time.Time (UTC)
//	Int64, UInt32, UInt64 (long)       -> *int64
//	Int32, Int16, Byte, UInt16 (int)   -> *int32
//	Double, Single, Decimal (real)     -> *float64
//	Boolean, SByte (bool)              -> *bool
//	TimeSpan                           -> *float64 seconds, field unit "s" (numeric, so panels can plot it)
//	Object, Dynamic, anything else     -> *json.RawMessage (the value's exact JSON)
//
// Lenient cases, each a representation seen in the wild rather than a guess: "" in a non-string column is
// null (union rows); numbers written as strings are parsed; non-finite doubles arrive as "NaN" /
// "Infinity"; a String column keeps any non-string JSON value as its JSON text. Anything else that does
// not match the declared type is a *DecodeError naming the row, the column and the type.
type kind int

const (
	kindString kind = iota
	kindTime
	kindInt64
	kindInt32
	kindFloat
	kindBool
	kindTimeSpan
	kindJSON
)

func kindOf(typ string) kind {
	t := strings.ToLower(strings.TrimSpace(typ))
	t = strings.TrimPrefix(t, "system.")
	switch t {
	case "string", "guid":
		return kindString
	case "datetime", "date":
		return kindTime
	case "int64", "uint32", "uint64", "long":
		return kindInt64
	case "int32", "int16", "byte", "uint16", "int":
		return kindInt32
	case "double", "single", "decimal", "real":
		return kindFloat
	case "boolean", "sbyte", "bool":
		return kindBool
	case "timespan":
		return kindTimeSpan
	}
	return kindJSON
}

// builder appends one column's values. value reads one non-null JSON value whose first byte is c.
type builder interface {
	value(c cursor, first byte) error
	null()
	field() *data.Field
}

func newBuilder(name, typ string) builder {
	switch kindOf(typ) {
	case kindString:
		return &stringCol{col: newCol[string](name), intern: map[string]string{}}
	case kindTime:
		return &timeCol{newCol[time.Time](name)}
	case kindInt64:
		return &intCol[int64]{col: newCol[int64](name), bits: 64}
	case kindInt32:
		return &intCol[int32]{col: newCol[int32](name), bits: 32}
	case kindFloat:
		return &floatCol{newCol[float64](name)}
	case kindBool:
		return &boolCol{newCol[bool](name)}
	case kindTimeSpan:
		c := &timeSpanCol{newCol[float64](name)}
		c.config = &data.FieldConfig{Unit: "s"}
		return c
	}
	return &jsonCol{col: newCol[json.RawMessage](name)}
}

// col holds a column's cells as the nullable field will: one pointer per row, nil for null, into slabs
// the non-null values live in (one allocation per slab instead of one per cell). The field is made
// once, at the end, from the pointers: no per-cell call through the field's interface.
type col[T any] struct {
	name   string
	config *data.FieldConfig
	ptrs   []*T
	slab   []T
}

func newCol[T any](name string) col[T] { return col[T]{name: name} }

const maxSlab = 4096

func (c *col[T]) add(v T) {
	if len(c.slab) == cap(c.slab) {
		c.slab = make([]T, 0, min(max(2*cap(c.slab), 16), maxSlab))
	}
	c.slab = append(c.slab, v)
	c.ptrs = append(c.ptrs, &c.slab[len(c.slab)-1])
}

func (c *col[T]) null() { c.ptrs = append(c.ptrs, nil) }

func (c *col[T]) field() *data.Field {
	if c.ptrs == nil {
		c.ptrs = []*T{}
	}
	f := data.NewField(c.name, nil, c.ptrs)
	f.Config = c.config
	return f
}

// valueError is a value that does not fit its column's type; the decoder adds row and column.
type valueError struct {
	msg   string
	value []byte
}

func (e *valueError) Error() string { return e.msg }

func mismatch(msg string, value []byte) error {
	return &valueError{msg: msg, value: []byte(excerpt(value, 60))}
}

// scalarText reads a value expected to be a scalar and returns its text and whether it was a JSON string.
// Objects and arrays come back raw with isString false, so callers report them as mismatches.
func scalarText(c cursor, first byte) ([]byte, bool, error) {
	switch first {
	case '"':
		b, err := c.str()
		return b, true, err
	case '{', '[':
		b, err := c.rawSpan()
		return b, false, err
	}
	b, err := c.literal()
	return b, false, err
}

type stringCol struct {
	col[string]
	// intern deduplicates repeated values (FileName, ActionType, DeviceName repeat across rows); it
	// switches itself off for columns that are mostly unique (ids, command lines).
	intern       map[string]string
	hits, misses int
	arena        []byte
}

// str makes a string of b in the column's arena: one allocation per chunk instead of one per cell, and
// chunks hold no pointers for the garbage collector to scan. Chunk bytes are written once, before the
// string over them exists, and never again, so the strings are as immutable as any.
func (c *stringCol) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > jsonArena/4 {
		return string(b)
	}
	if len(c.arena)+len(b) > cap(c.arena) {
		c.arena = make([]byte, 0, jsonArena)
	}
	start := len(c.arena)
	c.arena = append(c.arena, b...)
	return unsafe.String(&c.arena[start], len(b))
}

const maxIntern = 2048

func (c *stringCol) value(cur cursor, first byte) error {
	if first != '"' {
		b, err := cur.rawSpan()
		if err != nil {
			return err
		}
		c.add(c.str(b))
		return nil
	}
	b, err := cur.str()
	if err != nil {
		return err
	}
	if c.intern == nil || len(b) > 64 {
		c.add(c.str(b))
		return nil
	}
	if v, ok := c.intern[string(b)]; ok {
		c.hits++
		c.add(v)
		return nil
	}
	c.misses++
	v := c.str(b)
	if len(c.intern) < maxIntern {
		c.intern[v] = v
	} else if c.hits < c.misses {
		c.intern = nil
	}
	c.add(v)
	return nil
}

type timeCol struct{ col[time.Time] }

func (c *timeCol) value(cur cursor, first byte) error {
	b, isStr, err := scalarText(cur, first)
	if err != nil {
		return err
	}
	if isStr && len(b) == 0 {
		c.null()
		return nil
	}
	if !isStr {
		return mismatch("expected a date-time string", b)
	}
	t, ok := parseDateTime(b)
	if !ok {
		return mismatch("not a date-time; expected e.g. 2024-03-26T09:39:50.7688641Z", b)
	}
	c.add(t)
	return nil
}

type intCol[T int32 | int64] struct {
	col[T]
	bits int
}

func (c *intCol[T]) value(cur cursor, first byte) error {
	b, isStr, err := scalarText(cur, first)
	if err != nil {
		return err
	}
	if isStr {
		b = trimSpace(b)
		if len(b) == 0 {
			c.null()
			return nil
		}
	} else if first == '{' || first == '[' || first == 't' || first == 'f' {
		return mismatch("expected an integer", b)
	}
	n, ok := parseInt(b, c.bits)
	if !ok {
		return mismatch("not an integer in range", b)
	}
	c.add(T(n))
	return nil
}

type floatCol struct{ col[float64] }

func (c *floatCol) value(cur cursor, first byte) error {
	b, isStr, err := scalarText(cur, first)
	if err != nil {
		return err
	}
	if isStr && len(trimSpace(b)) == 0 {
		c.null()
		return nil
	}
	f, ok := parseFloat(trimSpace(b))
	if !ok {
		return mismatch("expected a number", b)
	}
	c.add(f)
	return nil
}

type boolCol struct{ col[bool] }

func (c *boolCol) value(cur cursor, first byte) error {
	b, isStr, err := scalarText(cur, first)
	if err != nil {
		return err
	}
	switch t := trimSpace(b); {
	case bytes.EqualFold(t, []byte("true")) || string(t) == "1":
		c.add(true)
	case bytes.EqualFold(t, []byte("false")) || string(t) == "0":
		c.add(false)
	case len(t) == 0 && isStr:
		c.null()
	default:
		return mismatch("expected true, false, 0 or 1", b)
	}
	return nil
}

type timeSpanCol struct{ col[float64] }

func (c *timeSpanCol) value(cur cursor, first byte) error {
	b, isStr, err := scalarText(cur, first)
	if err != nil {
		return err
	}
	if isStr && len(b) == 0 {
		c.null()
		return nil
	}
	v, ok := parseTimeSpan(b)
	if !isStr || !ok {
		return mismatch("not a timespan; expected [d.]hh:mm:ss[.fffffff]", b)
	}
	c.add(v)
	return nil
}

// jsonCol keeps each value's exact JSON, copied into shared chunks rather than one allocation per cell.
type jsonCol struct {
	col[json.RawMessage]
	arena []byte
}

const jsonArena = 32 << 10

func (c *jsonCol) value(cur cursor, _ byte) error {
	b, err := cur.rawSpan()
	if err != nil {
		return err
	}
	if len(b) > jsonArena/4 {
		c.add(append(json.RawMessage(nil), b...))
		return nil
	}
	if len(c.arena)+len(b) > cap(c.arena) {
		c.arena = make([]byte, 0, jsonArena)
	}
	start := len(c.arena)
	c.arena = append(c.arena, b...)
	c.add(json.RawMessage(c.arena[start:len(c.arena):len(c.arena)]))
	return nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}
