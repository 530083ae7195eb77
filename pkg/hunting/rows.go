package hunting

import (
	"errors"
	"fmt"
)

// rows decodes the results array from s into the column builders.
func (d *decoder) rows(s *scanner) error {
	if c, err := s.peek("the results"); err != nil {
		return err
	} else if c == 'n' {
		// "Results": null is an empty result, not a malformed one.
		if lit, err := s.readLiteral(); err != nil || string(lit) != "null" {
			return s.syntax("the results are not an array")
		}
		return nil
	} else if c != '[' {
		return s.syntax("the results are not an array: found " + s.describe())
	}
	s.pos++
	if c, err := s.peek("the results"); err != nil {
		return err
	} else if c == ']' {
		s.pos++
		return nil
	}
	for row := 0; ; row++ {
		if err := d.row(s, row); err != nil {
			return err
		}
		c, err := s.peek("the results")
		if err != nil {
			return err
		}
		s.pos++
		if c == ']' {
			return nil
		}
		if c != ',' {
			s.pos--
			return s.syntax(fmt.Sprintf("expected ',' or ']' after row %d, found %s", row, s.describe()))
		}
	}
}

// row decodes one {"Column": value, ...} object. Columns the row does not mention get null.
func (d *decoder) row(s *scanner, row int) error {
	if err := s.expect('{', fmt.Sprintf("at the start of row %d", row)); err != nil {
		return err
	}
	seen := row + 1
	next := 0 // rows usually list columns in schema order: try the next one first
	for first := true; ; first = false {
		c, err := s.peek("a row")
		if err != nil {
			return err
		}
		if c == '}' && first {
			s.pos++
			break
		}
		key, err := s.readString()
		if err != nil {
			return err
		}
		i := d.lookup(key, next)
		if err := s.expect(':', "after a key"); err != nil {
			return err
		}
		if i < 0 || d.cols[i].seen == seen {
			// Not a schema column, or a second spelling of one already set: first wins.
			if err := s.skip(0); err != nil {
				return err
			}
		} else {
			col := &d.cols[i]
			col.seen = seen
			next = i + 1
			if err := d.cell(s, col, row); err != nil {
				return err
			}
		}
		if c, err = s.peek("a row"); err != nil {
			return err
		}
		s.pos++
		if c == '}' {
			break
		}
		if c != ',' {
			s.pos--
			return s.syntax(fmt.Sprintf("expected ',' or '}' in row %d, found %s", row, s.describe()))
		}
	}
	for i := range d.cols {
		if d.cols[i].seen != seen {
			d.cols[i].seen = seen
			d.cols[i].b.null()
		}
	}
	return nil
}

func (d *decoder) cell(s *scanner, col *column, row int) error {
	c, err := s.peek("a value")
	if err != nil {
		return err
	}
	if c == 'n' {
		lit, err := s.readLiteral()
		if err != nil {
			return err
		}
		if string(lit) != "null" {
			return s.syntax(fmt.Sprintf("invalid JSON value %q in row %d", excerpt(lit, 40), row))
		}
		col.b.null()
		return nil
	}
	err = col.b.value(s, c)
	if err == nil {
		return nil
	}
	var ve *valueError
	if errors.As(err, &ve) {
		return &DecodeError{Offset: s.offset(), Row: row, Column: col.name, Type: col.typ, Value: string(ve.value), Msg: ve.msg}
	}
	return err
}

// lookup finds the column for a row key: the predicted next column, an exact name, then a
// case-insensitive name. It returns -1 for keys that are not columns. It does not allocate.
func (d *decoder) lookup(key []byte, next int) int {
	if next < len(d.cols) && string(key) == d.cols[next].name {
		return next
	}
	if i, ok := d.exact[string(key)]; ok {
		return i
	}
	d.fold = lower(d.fold[:0], key)
	if i, ok := d.folded[string(d.fold)]; ok {
		return i
	}
	return -1
}
