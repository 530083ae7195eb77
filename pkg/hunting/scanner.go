package hunting

import (
	"errors"
	"fmt"
	"io"
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
	key     []byte // the last object key, copied out of buf
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
