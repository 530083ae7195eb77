package migrate

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlSource is a YAML file's text with its line starts, to turn the parser's line/column marks into byte
// offsets.
type yamlSource struct {
	src   string
	lines []int // byte offset of each line's start
}

func newYAMLSource(src string) *yamlSource {
	y := &yamlSource{src: src, lines: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			y.lines = append(y.lines, i+1)
		}
	}
	return y
}

// offset turns a 1-based line and column (the parser counts columns in characters) into a byte offset.
func (y *yamlSource) offset(line, col int) int {
	if line < 1 || line > len(y.lines) {
		return len(y.src)
	}
	off := y.lines[line-1]
	for c := 1; c < col && off < len(y.src); c++ {
		_, size := utf8.DecodeRuneInString(y.src[off:])
		off += size
	}
	return off
}

// lineEnd is the offset of the newline ending the line that holds off (or the end of the text).
func (y *yamlSource) lineEnd(off int) int {
	if i := strings.IndexByte(y.src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(y.src)
}

// parseYAML reads every document of a YAML file into nodes. Only string scalars that are mapping values
// get a span and an encoder: those are the only strings the migration edits.
func parseYAML(src string) ([]*node, error) {
	y := newYAMLSource(src)
	dec := yaml.NewDecoder(strings.NewReader(src))
	var docs []*node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		if len(doc.Content) == 0 {
			continue
		}
		docs = append(docs, y.convert(doc.Content[0], -1, false))
	}
}

// convert turns a yaml node into a node; keyIndent is the column (0-based) of the key that owns n, or -1;
// flow is true inside a flow collection ({...} or [...]), where a plain scalar ends at ',', '}' or ']'.
func (y *yamlSource) convert(n *yaml.Node, keyIndent int, flow bool) *node {
	flow = flow || n.Style&yaml.FlowStyle != 0
	switch n.Kind {
	case yaml.MappingNode:
		out := &node{kind: kindObject}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			out.keys = append(out.keys, k.Value)
			out.vals = append(out.vals, y.convert(v, k.Column-1, flow))
		}
		return out
	case yaml.SequenceNode:
		out := &node{kind: kindArray}
		for _, c := range n.Content {
			out.vals = append(out.vals, y.convert(c, -1, flow))
		}
		return out
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return &node{kind: kindNull}
		}
		if n.Tag != "!!str" {
			return &node{kind: kindOther, str: n.Value}
		}
		out := &node{kind: kindString, str: n.Value}
		if keyIndent >= 0 {
			if err := y.span(n, keyIndent, flow, out); err != nil {
				out.encode = nil
			}
		}
		return out
	}
	return &node{kind: kindOther}
}

// span finds where the scalar n sits in the source and how to write a new value in its place, keeping its
// style where the value allows it.
func (y *yamlSource) span(n *yaml.Node, keyIndent int, flow bool, out *node) error {
	start := y.offset(n.Line, n.Column)
	out.start = start
	switch n.Style {
	case yaml.LiteralStyle:
		return y.literalSpan(start, keyIndent, n.Value, out)
	case yaml.FoldedStyle:
		out.end = y.blockEnd(start, keyIndent)
		out.encode = jsonString
		return nil
	case yaml.DoubleQuotedStyle:
		end, err := y.quotedEnd(start, '"')
		out.end, out.encode = end, jsonString
		return err
	case yaml.SingleQuotedStyle:
		end, err := y.quotedEnd(start, '\'')
		out.end = end
		out.encode = func(v string) (string, error) {
			if strings.ContainsAny(v, "\n") {
				return jsonString(v)
			}
			return "'" + strings.ReplaceAll(v, "'", "''") + "'", nil
		}
		return err
	case 0: // plain
		switch {
		case !strings.Contains(n.Value, "\n") && strings.HasPrefix(y.src[start:], n.Value):
			out.end = start + len(n.Value) // a one-line plain scalar is its own text
		case flow:
			return errors.New("a multi-line plain scalar in a flow collection")
		default:
			out.end = y.plainEnd(start, keyIndent)
		}
		out.encode = func(v string) (string, error) {
			if !flow && plainSafe(v) {
				return v, nil
			}
			return jsonString(v)
		}
		return nil
	}
	return fmt.Errorf("unsupported YAML scalar style %v", n.Style)
}

// literalSpan covers a | block: its header and content lines. A new value with as many lines is written
// back as a block with the same header and indentation; otherwise as a double-quoted string.
func (y *yamlSource) literalSpan(start, keyIndent int, value string, out *node) error {
	headerEnd := y.lineEnd(start)
	header := y.src[start:headerEnd]
	if i := strings.Index(header, " #"); i >= 0 {
		header = strings.TrimRight(header[:i], " ")
	}
	out.end = y.blockEnd(start, keyIndent)
	indent := ""
	if body := y.src[min(headerEnd+1, out.end):out.end]; body != "" {
		first := body
		for strings.HasPrefix(first, "\n") {
			first = first[1:]
		}
		indent = first[:len(first)-len(strings.TrimLeft(first, " "))]
	}
	if indent == "" || strings.Contains(header, "+") { // keep chomping: trailing blank lines are content
		out.encode = jsonString
		return nil
	}
	out.encode = func(v string) (string, error) {
		// The block keeps its header (and so its chomping) only if the value keeps its line structure.
		if strings.Count(v, "\n") != strings.Count(value, "\n") || strings.HasSuffix(v, "\n") != strings.HasSuffix(value, "\n") {
			return jsonString(v)
		}
		lines := strings.Split(strings.TrimSuffix(v, "\n"), "\n")
		for i, l := range lines {
			if l != "" {
				lines[i] = indent + l
			}
		}
		return header + "\n" + strings.Join(lines, "\n"), nil
	}
	return nil
}

// blockEnd is where a block scalar or multi-line plain scalar starting at start ends: before the first
// later line that is not blank and not indented deeper than its key, without trailing blank lines.
func (y *yamlSource) blockEnd(start, keyIndent int) int {
	end := y.lineEnd(start)
	for off := end + 1; off < len(y.src); {
		le := y.lineEnd(off)
		line := y.src[off:le]
		trimmed := strings.TrimLeft(line, " ")
		if strings.TrimSpace(line) != "" {
			if len(line)-len(trimmed) <= keyIndent {
				break
			}
			end = le
		}
		off = le + 1
	}
	return end
}

// plainEnd is where a plain scalar ends: the end of its line without a trailing comment, or of its last
// continuation line.
func (y *yamlSource) plainEnd(start, keyIndent int) int {
	end := y.blockEnd(start, keyIndent)
	line := y.src[start:y.lineEnd(start)]
	if end == y.lineEnd(start) {
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		return start + len(strings.TrimRight(line, " \t"))
	}
	return end
}

// quotedEnd finds the quote closing the scalar that opens at start.
func (y *yamlSource) quotedEnd(start int, q byte) (int, error) {
	for i := start + 1; i < len(y.src); i++ {
		switch y.src[i] {
		case '\\':
			if q == '"' {
				i++
			}
		case q:
			if q == '\'' && i+1 < len(y.src) && y.src[i+1] == '\'' {
				i++
				continue
			}
			return i + 1, nil
		}
	}
	return 0, errors.New("unterminated quoted scalar")
}

// plainSafe reports whether v can stay a plain (unquoted) one-line scalar.
func plainSafe(v string) bool {
	if v == "" || strings.ContainsAny(v, "\n\t") || strings.TrimSpace(v) != v ||
		strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
		return false
	}
	return !strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(v[0]))
}
