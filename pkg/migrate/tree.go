package migrate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is one value of a JSON or YAML document, with where a string value sits in the source so that it
// can be replaced without re-encoding anything else.
type node struct {
	kind  nodeKind
	keys  []string // object keys, in order
	vals  []*node  // object values (parallel to keys) or array items
	str   string   // a string's value (for numbers and booleans, their text)
	start int      // byte span of a string in the source, quotes or block indicator included
	end   int
	// encode writes a new value for this string in its document's syntax; nil means it cannot be edited.
	encode func(v string) (string, error)
}

type nodeKind int

const (
	kindOther nodeKind = iota
	kindObject
	kindArray
	kindString
	kindNull
)

// get returns the value of key in an object, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != kindObject {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// items returns an array's items (nil for anything else).
func (n *node) items() []*node {
	if n == nil || n.kind != kindArray {
		return nil
	}
	return n.vals
}

// text returns a string's value, or "".
func (n *node) text() string {
	if n == nil || n.kind != kindString {
		return ""
	}
	return n.str
}

// parseJSON reads a JSON document into nodes, recording each string value's byte span.
func parseJSON(src []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	n, err := readJSON(dec, src)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the top-level JSON value")
	}
	return n, nil
}

func readJSON(dec *json.Decoder, src []byte) (*node, error) {
	before := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		n := &node{kind: kindArray}
		if v == '{' {
			n.kind = kindObject
		}
		for dec.More() {
			if n.kind == kindObject {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
			}
			child, err := readJSON(dec, src)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, child)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		end := int(dec.InputOffset())
		// Between the previous token and this string there are only separators (':' or ',') and spaces.
		start := int(before) + bytes.IndexByte(src[before:end], '"')
		return &node{kind: kindString, str: v, start: start, end: end, encode: jsonString}, nil
	case nil:
		return &node{kind: kindNull}, nil
	}
	return &node{kind: kindOther, str: fmt.Sprint(tok)}, nil
}

// jsonString encodes v as a JSON string without HTML escaping (Grafana writes "<" and "&" as they are).
func jsonString(v string) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("encode string: %w", err)
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
