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
