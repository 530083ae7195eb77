package hunting

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// cursor is the decoder's whole view of the body: the next byte, one string, one literal, one value
// skipped or captured raw, and lists ("is there another item?"). decode.go, rows.go and columns.go use
// only its methods; the scanner's buffer and positions stay behind it, and the end-of-list rules
// (',' between items, the closing bracket, the error for anything else) exist only in more.
type cursor struct{ s *scanner }

func newCursor(r io.Reader) cursor       { return cursor{newScanner(r)} }
func newBytesCursor(b []byte) cursor     { return cursor{newBytesScanner(b)} }
func (c cursor) offset() int64           { return c.s.offset() }
func (c cursor) syntax(msg string) error { return c.s.syntax(msg) }
func (c cursor) describe() string        { return c.s.describe() }

// peek returns the next non-whitespace byte without consuming it; what names the place for the error
// of a body that ends there.
func (c cursor) peek(what string) (byte, error) { return c.s.peek(what) }

// str reads a string; the result aliases the buffer until the next call.
func (c cursor) str() ([]byte, error) { return c.s.readString() }

// literal reads a number, true, false or null, validated; the result aliases the buffer.
func (c cursor) literal() ([]byte, error) {
	b, err := c.s.readLiteral()
	if err != nil {
		return nil, err
	}
	return b, c.s.checkLiteral(b)
}

// start returns the first byte of the document, telling an empty body from a failed read.
func (c cursor) start() (byte, error) {
	b, err := c.s.peek("the response")
	if err != nil && errors.Is(c.s.rerr, io.EOF) {
		return 0, c.s.syntax("the response body is empty")
	}
	return b, err
}

// end fails unless only whitespace remains.
func (c cursor) end() error {
	if _, err := c.s.peek(""); err == nil {
		return c.s.syntax("unexpected data after the response object")
	} else if c.s.rerr != nil && !errors.Is(c.s.rerr, io.EOF) {
		return err
	}
	return nil
}

// list is an array or object being read: enter opens it, more walks it.
type list struct {
	close byte
	what  string // the list, for errors: "the schema", "row"
	n     int    // appended to what when >= 0: a row or column number
	items int    // items begun so far
}

func (l *list) where() string {
	if l.n < 0 {
		return l.what
	}
	return l.what + " " + strconv.Itoa(l.n)
}

// enter consumes the opening bracket of an array ('[') or object ('{').
func (c cursor) enter(open byte, what string, n int) (list, error) {
	l := list{close: ']', what: what, n: n}
	if open == '{' {
		l.close = '}'
	}
	got, err := c.s.peek(what)
	if err != nil {
		return l, err
	}
	if got != open {
		return l, c.s.syntax(fmt.Sprintf("expected %q at the start of %s, found %s", open, l.where(), c.s.describe()))
	}
	c.s.pos++
	return l, nil
}

// more reports whether l has another item, consuming the ',' before it or the closing bracket.
func (c cursor) more(l *list) (bool, error) {
	b, err := c.s.peek(l.what)
	if err != nil {
		return false, err
	}
	if b == l.close {
		c.s.pos++
		return false, nil
	}
	if l.items > 0 {
		if b != ',' {
			return false, c.s.syntax(fmt.Sprintf("expected ',' or %q in %s, found %s", l.close, l.where(), c.s.describe()))
		}
		c.s.pos++
	}
	l.items++
	return true, nil
}

// key reads an object key and the ':' after it. The key is copied aside (reading on may move the
// buffer) and valid until the next key.
func (c cursor) key() ([]byte, error) {
	k, err := c.s.readString()
	if err != nil {
		return nil, err
	}
	c.s.key = append(c.s.key[:0], k...)
	return c.s.key, c.s.expect(':', "after a key")
}

// keyIs consumes the next key and its ':' if they are exactly quoted followed by ':' (a column name
// as compact JSON writes it), and reports whether it did. It is the fast path for rows whose keys come
// in schema order; anything else (spaces, escapes, another key) is left for key.
func (c cursor) keyIs(quoted []byte) bool {
	s := c.s
	n := len(quoted)
	if !s.ensure(n+1) || s.buf[s.pos+n] != ':' || !bytes.Equal(s.buf[s.pos:s.pos+n], quoted) {
		return false
	}
	s.pos += n + 1
	return true
}

// quoteKey is name as a JSON key, or nil when JSON would escape something in it.
func quoteKey(name string) []byte {
	for i := range len(name) {
		if b := name[i]; b < 0x20 || b == '"' || b == '\\' {
			return nil
		}
	}
	return []byte(`"` + name + `"`)
}

// skip consumes one JSON value of any kind, validating it.
func (c cursor) skip() error { return c.skipDepth(0) }

func (c cursor) skipDepth(depth int) error {
	if depth > maxDepth {
		return c.s.syntax(fmt.Sprintf("JSON nested deeper than %d levels", maxDepth))
	}
	b, err := c.s.peek("a value")
	if err != nil {
		return err
	}
	switch b {
	case '"':
		_, err := c.s.readString()
		return err
	case '{', '[':
		l, err := c.enter(b, "an object or array", -1)
		if err != nil {
			return err
		}
		for {
			more, err := c.more(&l)
			if err != nil || !more {
				return err
			}
			if b == '{' {
				if _, err := c.key(); err != nil {
					return err
				}
			}
			if err := c.skipDepth(depth + 1); err != nil {
				return err
			}
		}
	}
	_, err = c.literal()
	return err
}

// rawSpan consumes one value and returns its exact bytes, aliasing the buffer until the next call.
func (c cursor) rawSpan() ([]byte, error) {
	if _, err := c.s.peek("a value"); err != nil {
		return nil, err
	}
	s := c.s
	s.mark = s.pos
	defer func() { s.mark = -1 }()
	if err := c.skip(); err != nil {
		return nil, err
	}
	return s.buf[s.mark:s.pos], nil
}

// raw consumes one value and returns a copy of its exact bytes.
func (c cursor) raw() ([]byte, error) {
	b, err := c.rawSpan()
	if err != nil {
		return nil, err
	}
	return append([]byte(nil), b...), nil
}
