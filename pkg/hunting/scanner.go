package hunting

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner is a minimal streaming JSON tokenizer over an io.Reader. Strings and literals are returned as
// slices of its buffer (valid until the next call), so decoding a cell allocates nothing beyond the value
// the frame keeps. It validates JSON syntax for everything it reads, including values it skips.
type scanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // next unread byte
	end  int   // end of valid data in buf
	base int64 // body offset of buf[0]
	// mark, when >= 0, is a position fill must keep in the buffer: the start of a value being captured raw.
	mark    int
	rerr    error // sticky read error; io.EOF at the end of the body
	scratch []byte
}

// maxDepth bounds nesting in skipped and captured values: a hostile body cannot exhaust the stack.
const maxDepth = 512

const initialBuffer = 64 << 10

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, initialBuffer), mark: -1}
}

// newBytesScanner scans b (which it does not copy or modify beyond its length).
func newBytesScanner(b []byte) *scanner {
	return &scanner{r: eofReader{}, buf: b, end: len(b), mark: -1, rerr: io.EOF}
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// offset is the body offset of the next unread byte, for error messages.
func (s *scanner) offset() int64 { return s.base + int64(s.pos) }

// fill reads more of the body, keeping buf[min(pos, mark):end]. It reports whether new bytes arrived.
func (s *scanner) fill() bool {
	if s.rerr != nil {
		return false
	}
	keep := s.pos
	if s.mark >= 0 && s.mark < keep {
		keep = s.mark
	}
	if keep > 0 {
		copy(s.buf, s.buf[keep:s.end])
		s.base += int64(keep)
		s.end -= keep
		s.pos -= keep
		if s.mark >= 0 {
			s.mark -= keep
		}
	}
	if s.end == len(s.buf) {
		nb := make([]byte, 2*len(s.buf)+1)
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
	s.rerr = io.ErrNoProgress
	return false
}

// ensure makes at least n unread bytes available; false at the end of the body.
func (s *scanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// eof returns the error for a body that ended (or failed) in the middle of a value.
func (s *scanner) eof(what string) error {
	if s.rerr != nil && !errors.Is(s.rerr, io.EOF) {
		return fmt.Errorf("hunting response: reading the body: %w", s.rerr)
	}
	return s.syntax("the body ends in the middle of " + what + " (truncated response?)")
}

func (s *scanner) syntax(msg string) error {
	return &DecodeError{Row: -1, Offset: s.offset(), Msg: msg}
}

// peek returns the next non-whitespace byte without consuming it.
func (s *scanner) peek(what string) (byte, error) {
	for {
		for s.pos < s.end {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\n', '\r':
				s.pos++
			default:
				return c, nil
			}
		}
		if !s.fill() {
			return 0, s.eof(what)
		}
	}
}

// atEnd reports whether only whitespace remains.
func (s *scanner) atEnd() (bool, error) {
	_, err := s.peek("")
	if err == nil {
		return false, nil
	}
	if s.rerr != nil && !errors.Is(s.rerr, io.EOF) {
		return false, err
	}
	return true, nil
}

// expect consumes the next non-whitespace byte, which must be c.
func (s *scanner) expect(c byte, what string) error {
	got, err := s.peek(what)
	if err != nil {
		return err
	}
	if got != c {
		return s.syntax(fmt.Sprintf("expected %q %s, found %s", c, what, s.describe()))
	}
	s.pos++
	return nil
}

// describe names the byte at pos for an error message.
func (s *scanner) describe() string {
	if s.pos >= s.end {
		return "the end of the body"
	}
	c := s.buf[s.pos]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// readString reads a string; the next non-space byte must be '"'. The result aliases the buffer or the
// scratch space: copy it before the next call if it must survive.
func (s *scanner) readString() ([]byte, error) {
	if err := s.expect('"', "(a string)"); err != nil {
		return nil, err
	}
	k := 0
	for {
		// Find the closing quote with the vectorised IndexByte, then check the span once: a backslash
		// before it means escapes (and that quote may be escaped), anything outside printable ASCII
		// means a control character or UTF-8 to validate. Both are rare in hunting data.
		if q := bytes.IndexByte(s.buf[s.pos+k:s.end], '"'); q >= 0 {
			i := s.pos + k + q
			b := s.buf[s.pos:i]
			if bs := bytes.IndexByte(b, '\\'); bs >= 0 {
				return s.readEscaped(bs)
			}
			for j, c := range b {
				if c-0x20 >= 0x60 { // c < 0x20 or c >= 0x80
					if c < 0x20 {
						s.pos += j
						return nil, s.syntax("control character in a string (the body is not valid JSON)")
					}
					if !utf8.Valid(b[j:]) {
						s.pos = i + 1
						return toValidUTF8(b, s.scratch[:0]), nil
					}
					if bytes.ContainsFunc(b[j:], func(r rune) bool { return r < 0x20 }) {
						s.pos += j
						return nil, s.syntax("control character in a string (the body is not valid JSON)")
					}
					break
				}
			}
			s.pos = i + 1
			return b, nil
		}
		k = s.end - s.pos
		if !s.fill() {
			return nil, s.eof("a string")
		}
	}
}

// readEscaped continues readString from the first backslash, k bytes after pos, unescaping into scratch.
func (s *scanner) readEscaped(k int) ([]byte, error) {
	out := append(s.scratch[:0], s.buf[s.pos:s.pos+k]...)
	s.pos += k
	for {
		if !s.ensure(1) {
			return nil, s.eof("a string")
		}
		c := s.buf[s.pos]
		switch {
		case c == '"':
			s.pos++
			s.scratch = out
			if !utf8.Valid(out) {
				return toValidUTF8(out, nil), nil
			}
			return out, nil
		case c == '\\':
			if !s.ensure(2) {
				return nil, s.eof("a string")
			}
			r, n, err := s.unescape()
			if err != nil {
				return nil, err
			}
			out = utf8.AppendRune(out, r)
			s.pos += n
		case c < 0x20:
			return nil, s.syntax("control character in a string (the body is not valid JSON)")
		default:
			j := s.pos
			for j < s.end && s.buf[j] != '"' && s.buf[j] != '\\' && s.buf[j] >= 0x20 {
				j++
			}
			out = append(out, s.buf[s.pos:j]...)
			s.pos = j
		}
	}
}

// unescape decodes the escape at pos (at least 2 bytes available) and returns the rune and its length.
func (s *scanner) unescape() (rune, int, error) {
	switch e := s.buf[s.pos+1]; e {
	case '"', '\\', '/':
		return rune(e), 2, nil
	case 'b':
		return '\b', 2, nil
	case 'f':
		return '\f', 2, nil
	case 'n':
		return '\n', 2, nil
	case 'r':
		return '\r', 2, nil
	case 't':
		return '\t', 2, nil
	case 'u':
		if !s.ensure(6) {
			return 0, 0, s.eof("a string")
		}
		r, ok := hex4(s.buf[s.pos+2 : s.pos+6])
		if !ok {
			return 0, 0, s.syntax("invalid \\u escape in a string")
		}
		if !utf16.IsSurrogate(r) {
			return r, 6, nil
		}
		if s.ensure(12) && s.buf[s.pos+6] == '\\' && s.buf[s.pos+7] == 'u' {
			if r2, ok := hex4(s.buf[s.pos+8 : s.pos+12]); ok {
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					return d, 12, nil
				}
			}
		}
		return utf8.RuneError, 6, nil
	}
	return 0, 0, s.syntax("invalid escape in a string")
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// toValidUTF8 replaces invalid bytes with U+FFFD, as encoding/json does.
func toValidUTF8(b, dst []byte) []byte {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, "\uFFFD"...)
		} else {
			dst = append(dst, b[:n]...)
		}
		b = b[n:]
	}
	return dst
}

// readLiteral reads a number, true, false or null and returns its bytes (aliasing the buffer).
func (s *scanner) readLiteral() ([]byte, error) {
	if _, err := s.peek("a value"); err != nil {
		return nil, err
	}
	k := 0
	for {
		for i := s.pos + k; i < s.end; i++ {
			if c := s.buf[i]; !isLiteralByte(c) {
				if i == s.pos {
					return nil, s.syntax("expected a JSON value, found " + s.describe())
				}
				b := s.buf[s.pos:i]
				s.pos = i
				return b, nil
			}
		}
		k = s.end - s.pos
		if !s.fill() {
			if s.rerr != nil && !errors.Is(s.rerr, io.EOF) {
				return nil, s.eof("a value")
			}
			if s.pos == s.end {
				return nil, s.eof("a value")
			}
			b := s.buf[s.pos:s.end]
			s.pos = s.end
			return b, nil
		}
	}
}

func isLiteralByte(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.'
}

// isNumber reports whether b is a JSON number.
func isNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i == len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i == len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	return i == len(b)
}

// checkLiteral validates a literal from readLiteral.
func (s *scanner) checkLiteral(b []byte) error {
	switch string(b) {
	case "true", "false", "null":
		return nil
	}
	if isNumber(b) {
		return nil
	}
	return s.syntax(fmt.Sprintf("invalid JSON value %q", excerpt(b, 40)))
}

// skip consumes one JSON value of any kind, validating it.
func (s *scanner) skip(depth int) error {
	if depth > maxDepth {
		return s.syntax(fmt.Sprintf("JSON nested deeper than %d levels", maxDepth))
	}
	c, err := s.peek("a value")
	if err != nil {
		return err
	}
	switch c {
	case '"':
		_, err := s.readString()
		return err
	case '{', '[':
		return s.skipContainer(c, depth)
	}
	b, err := s.readLiteral()
	if err != nil {
		return err
	}
	return s.checkLiteral(b)
}

func (s *scanner) skipContainer(open byte, depth int) error {
	closer := byte(']')
	if open == '{' {
		closer = '}'
	}
	s.pos++
	c, err := s.peek("an object or array")
	if err != nil {
		return err
	}
	if c == closer {
		s.pos++
		return nil
	}
	for {
		if open == '{' {
			if _, err := s.readString(); err != nil {
				return err
			}
			if err := s.expect(':', "after an object key"); err != nil {
				return err
			}
		}
		if err := s.skip(depth + 1); err != nil {
			return err
		}
		c, err := s.peek("an object or array")
		if err != nil {
			return err
		}
		s.pos++
		switch c {
		case ',':
		case closer:
			return nil
		default:
			s.pos--
			return s.syntax(fmt.Sprintf("expected ',' or %q, found %s", closer, s.describe()))
		}
	}
}

// rawSpan consumes one value and returns its exact bytes, aliasing the buffer until the next call.
func (s *scanner) rawSpan() ([]byte, error) {
	if _, err := s.peek("a value"); err != nil {
		return nil, err
	}
	s.mark = s.pos
	defer func() { s.mark = -1 }()
	if err := s.skip(0); err != nil {
		return nil, err
	}
	return s.buf[s.mark:s.pos], nil
}

// raw consumes one value and returns a copy of its exact bytes.
func (s *scanner) raw() ([]byte, error) {
	b, err := s.rawSpan()
	if err != nil {
		return nil, err
	}
	return append([]byte(nil), b...), nil
}
