package hunting

import (
	"errors"
	"fmt"
	"io"
)

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
