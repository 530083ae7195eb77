package hunting

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

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
				if c-0x20 >= 0x60 { // c < 0x20 or c >= 0x80: the slow path for the rest of the span
					for k, c := range b[j:] {
						if c < 0x20 {
							s.pos += j + k
							return nil, s.syntax("control character in a string (the body is not valid JSON)")
						}
					}
					s.pos = i + 1
					if !utf8.Valid(b[j:]) {
						return toValidUTF8(b, s.scratch[:0]), nil
					}
					return b, nil
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
