package hunting

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// rows decodes the results array from c into the column builders.
func (d *decoder) rows(c cursor) error {
	if b, err := c.peek("the results"); err != nil {
		return err
	} else if b == 'n' {
		// "Results": null is an empty result, not a malformed one.
		if lit, err := c.literal(); err != nil || string(lit) != "null" {
			return c.syntax("the results are not an array")
		}
		return nil
	} else if b != '[' {
		return c.syntax("the results are not an array: found " + c.describe())
	}
	l, err := c.enter('[', "the results after row", -1)
	if err != nil {
		return err
	}
	for row := 0; ; row++ {
		if more, err := c.more(&l); err != nil || !more {
			return err
		}
		if err := d.row(c, row); err != nil {
			return err
		}
		l.n = row
	}
}

// row decodes one {"Column": value, ...} object. Columns the row does not mention get null.
func (d *decoder) row(c cursor, row int) error {
	l, err := c.enter('{', "row", row)
	if err != nil {
		return err
	}
	seen := row + 1
	next := 0 // rows usually list columns in schema order: try the next one first
	for {
		if more, err := c.more(&l); err != nil {
			return err
		} else if !more {
			break
		}
		i := next
		if i >= len(d.cols) || d.cols[i].quoted == nil || !c.keyIs(d.cols[i].quoted) {
			key, err := c.key()
			if err != nil {
				return err
			}
			if i = d.lookup(key, next); i < 0 {
				d.extra.add(key, row)
			}
		}
		switch {
		case i < 0:
			err = c.skip()
		case d.cols[i].seen == seen: // a second spelling of a column already set: the first wins
			err = c.skip()
		default:
			col := &d.cols[i]
			col.seen, next = seen, i+1
			err = d.cell(c, col, row)
		}
		if err != nil {
			return err
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

func (d *decoder) cell(c cursor, col *column, row int) error {
	b, err := c.peek("a value")
	if err != nil {
		return err
	}
	if b == 'n' {
		lit, err := c.literal()
		if err != nil {
			return err
		}
		if string(lit) != "null" {
			return c.syntax(fmt.Sprintf("invalid JSON value %q in row %d", excerpt(lit, 40), row))
		}
		col.b.null()
		return nil
	}
	err = col.b.value(c, b)
	if err == nil {
		return nil
	}
	var ve *valueError
	if errors.As(err, &ve) {
		return &DecodeError{Offset: c.offset(), Row: row, Column: col.name, Type: col.typ, Value: string(ve.value), Msg: ve.msg}
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

// extraKeys remembers row keys that match no schema column, for one notice: their values are not
// shown, and a user who expects them should hear why.
type extraKeys struct {
	names    map[string]bool
	rows     int
	lastRow  int
	firstRow int
}

const maxExtraNames = 5

func (e *extraKeys) add(key []byte, row int) {
	if e.names == nil {
		e.names, e.firstRow, e.lastRow = map[string]bool{}, row, -1
	}
	if row != e.lastRow {
		e.rows, e.lastRow = e.rows+1, row
	}
	if len(e.names) < maxExtraNames && !e.names[string(key)] {
		e.names[string(key)] = true
	}
}

// notices are the remarks on a result that decoded but not quite as the user may think.
func (d *decoder) notices() []data.Notice {
	var out []data.Notice
	if e := d.extra; e.rows > 0 {
		names := make([]string, 0, len(e.names))
		for n := range e.names {
			names = append(names, fmt.Sprintf("%q", n))
		}
		sort.Strings(names)
		list := strings.Join(names, ", ")
		if len(e.names) == maxExtraNames {
			list += ", ..."
		}
		out = append(out, data.Notice{Severity: data.NoticeSeverityWarning, Text: fmt.Sprintf(
			"%d row(s), the first row %d, have keys the response's schema does not list (%s); their values are not shown. "+
				"The API answered rows and schema that disagree: project the columns you need explicitly.", e.rows, e.firstRow, list)})
	}
	if pairs := d.caseTwins(); len(pairs) > 0 {
		out = append(out, data.Notice{Severity: data.NoticeSeverityInfo, Text: "Columns " + strings.Join(pairs, ", ") +
			" differ only in case; row keys are matched to them exactly. Rename one with project-rename to tell them apart in panels."})
	}
	return out
}

// caseTwins lists the column names that another column repeats but for case, as "a"/"A" pairs.
func (d *decoder) caseTwins() []string {
	first := map[string]string{}
	var pairs []string
	for _, c := range d.cols {
		low := string(lower(nil, []byte(c.name)))
		if f, ok := first[low]; ok && f != c.name {
			pairs = append(pairs, fmt.Sprintf("%q/%q", f, c.name))
			continue
		}
		first[low] = c.name
	}
	return pairs
}
