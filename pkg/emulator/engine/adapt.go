package engine

import (
	"strconv"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// adaptable operators compare their first argument with the others.
var adaptable = map[string]bool{"op:==": true, "op:!=": true, "op:<": true, "op:<=": true, "op:>": true,
	"op:>=": true, "op:in": true, "op:!in": true, "op:in~": true, "op:!in~": true, "op:=~": true, "op:!~": true}

// adaptConstants converts constant operands to the type of the value they are compared with when the
// conversion is exact: IsSigned == 1, RemotePort == "3389", EventId in ("4624", 4625). Hunting queries
// written against older schemas rely on it; column-to-column comparisons are left to the operator.
func adaptConstants(vals []val) []val {
	out := append([]val(nil), vals...)
	target := -1
	for i, v := range vals {
		if !v.k {
			target = i
			break
		}
	}
	if target < 0 {
		return out
	}
	t := vals[target].c.Type
	for i, v := range vals {
		if i == target || !v.k || v.c.Type == t || v.c.IsNull(0) {
			continue
		}
		if c := convertConst(v.c, t); c != nil {
			out[i] = val{c, true}
		}
	}
	return out
}

// convertConst converts a one-cell column to t when exact, or returns nil.
func convertConst(c *dataset.Column, t dataset.Type) *dataset.Column {
	switch {
	case t == dataset.Bool && (c.Type == dataset.Long || c.Type == dataset.Int) && (c.Int[0] == 0 || c.Int[0] == 1):
		return constCol(t, c.Int[0] == 1)
	case (t == dataset.Long || t == dataset.Int) && c.Type == dataset.String:
		if x, err := strconv.ParseInt(strings.TrimSpace(c.Str[0]), 10, 64); err == nil {
			return constCol(t, x)
		}
	case (t == dataset.Real || t == dataset.Decimal) && c.Type == dataset.String:
		if f, err := strconv.ParseFloat(strings.TrimSpace(c.Str[0]), 64); err == nil {
			return constCol(t, f)
		}
	case (t == dataset.String || t == dataset.GUID) && (c.Type == dataset.Long || c.Type == dataset.Int):
		return constCol(t, strconv.FormatInt(c.Int[0], 10))
	case (t == dataset.String || t == dataset.GUID) && c.Type == dataset.Real:
		return constCol(t, strconv.FormatFloat(c.Real[0], 'f', -1, 64))
	}
	return nil
}
