package hunting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Decode reads one hunting response body and returns its rows as a typed frame with one field per schema
// column, in schema order (DESIGN.md section 3). It streams: rows go from the body straight into typed
// column builders, never through map[string]any.
//
// Top-level keys are matched case-insensitively ("Schema"/"schema", "Results"/"results", "Stats") and
// unknown ones are skipped. Row keys are matched to schema names exactly first, then case-insensitively
// (the camelCase rows of one Graph documentation example). A row without a column's key gets null for it
// (union rows); keys that match no column are ignored. When Results precedes Schema in the body, the
// results array is kept raw until the schema arrives and decoded then: correct in either order, at the
// cost of buffering the array's bytes in that (unusual) order only.
//
// Errors: a body that is not a JSON object, is truncated, or has no schema is a *DecodeError without a
// column; a value that does not fit its declared type is a *DecodeError naming row, column and type. A
// failure of r itself is returned wrapped.
func Decode(r io.Reader) (*Result, error) {
	d := &decoder{c: newCursor(r)}
	return d.decode()
}

type decoder struct {
	c      cursor
	cols   []column
	exact  map[string]int
	folded map[string]int
	fold   []byte
	stats  json.RawMessage
	extra  extraKeys
}

type column struct {
	name   string
	quoted []byte // the name as a JSON key, nil if it needs escapes
	typ    string
	b      builder
	seen   int // 1 + the last row that had a value for this column
}

func (d *decoder) decode() (*Result, error) {
	c := d.c
	if err := d.checkStart(); err != nil {
		return nil, err
	}
	top, err := c.enter('{', "the response object", -1)
	if err != nil {
		return nil, err
	}
	var rawResults []byte
	seen := map[string]bool{}
	for {
		if more, err := c.more(&top); err != nil {
			return nil, err
		} else if !more {
			break
		}
		key, err := c.key()
		if err != nil {
			return nil, err
		}
		which := topKey(key)
		if which != "" && seen[which] {
			return nil, c.syntax(fmt.Sprintf("the key %q appears twice in the response (keys are case-insensitive)", which))
		}
		seen[which] = true
		switch {
		case which == "schema":
			err = d.schema()
		case which == "results" && !seen["schema"]:
			rawResults, err = c.raw() // decoded once the schema is known
		case which == "results":
			err = d.rows(c)
		case which == "stats":
			err = d.readStats()
		default:
			err = c.skip()
		}
		if err != nil {
			return nil, err
		}
	}
	if err := c.end(); err != nil {
		return nil, err
	}
	if !seen["schema"] {
		return nil, c.syntax(`the response has no "Schema" (or "schema"): it is not a hunting result`)
	}
	if rawResults != nil {
		if err := d.rows(newBytesCursor(rawResults)); err != nil {
			return nil, err
		}
	}
	return d.result(), nil
}

// checkStart names what the body is when it is not a JSON object.
func (d *decoder) checkStart() error {
	c := d.c
	b, err := c.start()
	switch {
	case err != nil:
		return err
	case b == '[':
		return c.syntax(`the body is a JSON array, not a hunting response object ({"Schema": [...], "Results": [...]})`)
	case b == '<':
		return c.syntax("the body is not JSON but starts with '<' (an HTML page: a proxy, gateway or sign-in page answered instead of the API)")
	case b != '{':
		return c.syntax("the body is not a JSON object: it starts with " + c.describe())
	}
	return nil
}

func (d *decoder) readStats() error {
	raw, err := d.c.raw()
	if err != nil {
		return err
	}
	var compact bytes.Buffer
	switch {
	case bytes.Equal(raw, []byte("null")):
	case json.Compact(&compact, raw) == nil:
		d.stats = compact.Bytes()
	default:
		d.stats = raw
	}
	return nil
}

func (d *decoder) result() *Result {
	fields := make([]*data.Field, len(d.cols))
	for i := range d.cols {
		fields[i] = d.cols[i].b.field()
	}
	return &Result{Frame: data.NewFrame("", fields...), Stats: d.stats, Notices: d.notices()}
}

func topKey(key []byte) string {
	for _, k := range []string{"schema", "results", "stats"} {
		if bytes.EqualFold(key, []byte(k)) {
			return k
		}
	}
	return ""
}

// schema reads [{"Name": ..., "Type": ...}, ...] (keys in any case, unknown keys ignored).
func (d *decoder) schema() error {
	c := d.c
	if b, err := c.peek("the schema"); err != nil {
		return err
	} else if b != '[' {
		return c.syntax("the schema is not an array: found " + c.describe())
	}
	l, err := c.enter('[', "the schema", -1)
	if err != nil {
		return err
	}
	d.exact, d.folded = map[string]int{}, map[string]int{}
	ambiguous := map[string]bool{}
	for {
		if more, err := c.more(&l); err != nil || !more {
			// Names that differ only in case (KQL allows it) match exactly only.
			for low := range ambiguous {
				delete(d.folded, low)
			}
			return err
		}
		name, typ, err := d.schemaColumn()
		if err != nil {
			return err
		}
		i := len(d.cols)
		d.cols = append(d.cols, column{name: name, quoted: quoteKey(name), typ: typ, b: newBuilder(name, typ)})
		if _, dup := d.exact[name]; !dup {
			d.exact[name] = i
		}
		low := string(lower(nil, []byte(name)))
		if _, dup := d.folded[low]; dup {
			ambiguous[low] = true
		}
		d.folded[low] = i
	}
}

func (d *decoder) schemaColumn() (name, typ string, err error) {
	c := d.c
	idx := len(d.cols)
	l, err := c.enter('{', "schema column", idx)
	if err != nil {
		return "", "", err
	}
	var haveName bool
	for {
		if more, err := c.more(&l); err != nil {
			return "", "", err
		} else if !more {
			break
		}
		key, err := c.key()
		if err != nil {
			return "", "", err
		}
		isName, isType := bytes.EqualFold(key, []byte("name")), bytes.EqualFold(key, []byte("type"))
		if !isName && !isType {
			if err := c.skip(); err != nil {
				return "", "", err
			}
			continue
		}
		if b, err := c.peek("a schema column"); err != nil {
			return "", "", err
		} else if b != '"' {
			return "", "", c.syntax(fmt.Sprintf("schema column %d: name and type must be strings, found %s", idx, c.describe()))
		}
		v, err := c.str()
		if err != nil {
			return "", "", err
		}
		if isName {
			name, haveName = string(v), true
		} else {
			typ = string(v)
		}
	}
	if !haveName {
		return "", "", c.syntax(fmt.Sprintf("schema column %d has no name", idx))
	}
	return name, typ, nil
}

func lower(dst, b []byte) []byte {
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
