package hunting

import (
	"bytes"
	"encoding/json"
	"errors"
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
	d := &decoder{s: newScanner(r)}
	return d.decode()
}

type decoder struct {
	s      *scanner
	cols   []column
	exact  map[string]int
	folded map[string]int
	fold   []byte
	stats  json.RawMessage
}

type column struct {
	name string
	typ  string
	b    builder
	seen int // 1 + the last row that had a value for this column
}

func (d *decoder) decode() (*Result, error) {
	s := d.s
	c, err := s.peek("the response")
	if err != nil {
		if errors.Is(s.rerr, io.EOF) {
			return nil, s.syntax("the response body is empty")
		}
		return nil, err
	}
	switch c {
	case '{':
	case '[':
		return nil, s.syntax(`the body is a JSON array, not a hunting response object ({"Schema": [...], "Results": [...]})`)
	case '<':
		return nil, s.syntax("the body is not JSON but starts with '<' (an HTML page: a proxy, gateway or sign-in page answered instead of the API)")
	default:
		return nil, s.syntax("the body is not a JSON object: it starts with " + s.describe())
	}
	s.pos++
	var rawResults []byte
	var haveSchema, haveResults bool
	for first := true; ; first = false {
		c, err := s.peek("the response object")
		if err != nil {
			return nil, err
		}
		if c == '}' && first {
			s.pos++
			break
		}
		key, err := s.readString()
		if err != nil {
			return nil, err
		}
		which := topKey(key)
		if err := s.expect(':', "after a key"); err != nil {
			return nil, err
		}
		switch {
		case which == "schema" && !haveSchema:
			haveSchema = true
			if err := d.schema(); err != nil {
				return nil, err
			}
		case which == "results" && !haveResults:
			haveResults = true
			if !haveSchema {
				if rawResults, err = s.raw(); err != nil {
					return nil, err
				}
				break
			}
			if err := d.rows(s); err != nil {
				return nil, err
			}
		case which == "stats" && d.stats == nil:
			if d.stats, err = s.raw(); err != nil {
				return nil, err
			}
			var compact bytes.Buffer
			if bytes.Equal(d.stats, []byte("null")) {
				d.stats = nil
			} else if json.Compact(&compact, d.stats) == nil {
				d.stats = compact.Bytes()
			}
		case which != "":
			return nil, s.syntax(fmt.Sprintf("the key %q appears twice in the response (keys are case-insensitive)", which))
		default:
			if err := s.skip(0); err != nil {
				return nil, err
			}
		}
		c, err = s.peek("the response object")
		if err != nil {
			return nil, err
		}
		s.pos++
		if c == '}' {
			break
		}
		if c != ',' {
			s.pos--
			return nil, s.syntax("expected ',' or '}' in the response object, found " + s.describe())
		}
	}
	if end, err := s.atEnd(); err != nil || !end {
		if err != nil {
			return nil, err
		}
		return nil, s.syntax("unexpected data after the response object")
	}
	if !haveSchema {
		return nil, s.syntax(`the response has no "Schema" (or "schema"): it is not a hunting result`)
	}
	if rawResults != nil {
		if err := d.rows(newBytesScanner(rawResults)); err != nil {
			return nil, err
		}
	}
	fields := make([]*data.Field, len(d.cols))
	for i := range d.cols {
		fields[i] = d.cols[i].b.field()
	}
	return &Result{Frame: data.NewFrame("", fields...), Stats: d.stats}, nil
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
	s := d.s
	if c, err := s.peek("the schema"); err != nil {
		return err
	} else if c != '[' {
		return s.syntax("the schema is not an array: found " + s.describe())
	}
	s.pos++
	d.exact, d.folded = map[string]int{}, map[string]int{}
	ambiguous := map[string]bool{}
	for {
		c, err := s.peek("the schema")
		if err != nil {
			return err
		}
		if c == ']' && len(d.cols) == 0 {
			s.pos++
			return nil
		}
		name, typ, err := d.schemaColumn()
		if err != nil {
			return err
		}
		i := len(d.cols)
		d.cols = append(d.cols, column{name: name, typ: typ, b: newBuilder(name, typ)})
		if _, dup := d.exact[name]; !dup {
			d.exact[name] = i
		}
		low := string(lower(nil, []byte(name)))
		if _, dup := d.folded[low]; dup {
			ambiguous[low] = true
		}
		d.folded[low] = i
		if c, err = s.peek("the schema"); err != nil {
			return err
		}
		s.pos++
		if c == ']' {
			// Names that differ only in case (KQL allows it) match exactly only.
			for low := range ambiguous {
				delete(d.folded, low)
			}
			return nil
		}
		if c != ',' {
			s.pos--
			return s.syntax("expected ',' or ']' in the schema, found " + s.describe())
		}
	}
}

func (d *decoder) schemaColumn() (name, typ string, err error) {
	s := d.s
	idx := len(d.cols)
	if err := s.expect('{', fmt.Sprintf("for schema column %d", idx)); err != nil {
		return "", "", err
	}
	var haveName bool
	for first := true; ; first = false {
		c, err := s.peek("a schema column")
		if err != nil {
			return "", "", err
		}
		if c == '}' && first {
			break
		}
		key, err := s.readString()
		if err != nil {
			return "", "", err
		}
		isName, isType := bytes.EqualFold(key, []byte("name")), bytes.EqualFold(key, []byte("type"))
		if err := s.expect(':', "after a key"); err != nil {
			return "", "", err
		}
		if isName || isType {
			if c, err := s.peek("a schema column"); err != nil {
				return "", "", err
			} else if c != '"' {
				return "", "", s.syntax(fmt.Sprintf("schema column %d: name and type must be strings, found %s", idx, s.describe()))
			}
			v, err := s.readString()
			if err != nil {
				return "", "", err
			}
			if isName {
				name, haveName = string(v), true
			} else {
				typ = string(v)
			}
		} else if err := s.skip(0); err != nil {
			return "", "", err
		}
		if c, err = s.peek("a schema column"); err != nil {
			return "", "", err
		}
		s.pos++
		if c == '}' {
			break
		}
		if c != ',' {
			s.pos--
			return "", "", s.syntax("expected ',' or '}' in a schema column, found " + s.describe())
		}
	}
	if !haveName {
		return "", "", s.syntax(fmt.Sprintf("schema column %d has no name", idx))
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
