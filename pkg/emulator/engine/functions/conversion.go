package functions

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// parseJSON decodes JSON text into dynamic shapes, integers as int64. ok is false for invalid JSON.
func parseJSON(s string) (any, bool) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, false
	}
	if d.More() {
		return nil, false
	}
	return normDyn(v), true
}

// toDynamicCell is parse_json() of a cell: strings holding JSON are decoded, other strings stay strings,
// other scalars become their dynamic form.
func toDynamicCell(c *dataset.Column, i int) any {
	switch c.Type {
	case dataset.Dynamic:
		return c.Dyn[i]
	case dataset.String:
		s := c.Str[i]
		t := strings.TrimSpace(s)
		if t == "" {
			return nil
		}
		if v, ok := parseJSON(t); ok {
			return v
		}
		return s
	}
	return toDyn(cellValue(c, i))
}

// jsonText renders a dynamic value as compact JSON without HTML escaping, as Kusto prints it.
func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// maxJSONCache bounds parse_json's per-call cache of distinct texts.
const maxJSONCache = 4096

func registerConversion(r *Registry) {
	r.addScalar(&Scalar{
		Name: "tostring", MinArgs: 1, MaxArgs: 1, Result: fixed("tostring", dataset.String, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			if args[0].Str != nil {
				copy(out.Str, args[0].Str)
				return out, nil
			}
			for i := 0; i < n; i++ {
				out.Str[i] = cellString(args[0], i)
			}
			return out, nil
		},
	})
	conv := func(name string, t dataset.Type, aliases ...string) {
		r.addScalar(&Scalar{
			Name: name, MinArgs: 1, MaxArgs: 1, Result: fixed(name, t, kAny),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				out := newOut(t, n)
				for i := 0; i < n; i++ {
					v := cellValue(args[0], i)
					if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
						v = nil
					}
					setAny(out, i, v)
				}
				return out, nil
			},
		}, aliases...)
	}
	conv("toint", dataset.Int)
	conv("tolong", dataset.Long)
	conv("todouble", dataset.Real, "toreal", "todecimal")
	conv("tobool", dataset.Bool, "toboolean")
	conv("todatetime", dataset.DateTime)
	conv("totimespan", dataset.TimeSpan, "totime")
	r.addScalar(&Scalar{
		Name: "toguid", MinArgs: 1, MaxArgs: 1, Result: fixed("toguid", dataset.GUID, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.GUID, n)
			for i := 0; i < n; i++ {
				if s := strings.Trim(cellString(args[0], i), "{}"); isGUID(s) {
					out.Str[i] = strings.ToLower(s)
				}
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "todynamic", MinArgs: 1, MaxArgs: 1, Result: fixed("todynamic", dataset.Dynamic, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			// Telemetry repeats the same JSON text (AdditionalFields) across many rows: parse each distinct
			// text once per call. Rows then share one value, which is safe because no function mutates a
			// dynamic value in place.
			cache := map[string]any{}
			for i := 0; i < n; i++ {
				if args[0].Type != dataset.String {
					out.Dyn[i] = toDynamicCell(args[0], i)
					continue
				}
				s := args[0].Str[i]
				v, hit := cache[s]
				if !hit {
					v = toDynamicCell(args[0], i)
					if len(cache) < maxJSONCache {
						cache[s] = v
					}
				}
				out.Dyn[i] = v
			}
			return out, nil
		},
	}, "parse_json", "parsejson", "toobject")
	r.addScalar(&Scalar{
		Name: "gettype", MinArgs: 1, MaxArgs: 1, Result: fixed("gettype", dataset.String, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				out.Str[i] = typeName(args[0], i)
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "format_bytes", MinArgs: 1, MaxArgs: 3, Result: fixed("format_bytes", dataset.String, kNum, kInt, kString),
		Eval: rowwise(dataset.String, func(_ *Context, row []any) (any, error) {
			v, ok := anyToFloat(row[0])
			if !ok {
				return "", nil
			}
			prec := int64(0)
			if len(row) > 1 {
				prec, _ = anyToLong(row[1])
			}
			return formatBytes(v, int(max(0, min(prec, 10)))), nil
		}),
	})
}

func typeName(c *dataset.Column, i int) string {
	if c.Type != dataset.Dynamic {
		return string(c.Type)
	}
	switch c.Dyn[i].(type) {
	case nil:
		return "null"
	case []any:
		return "array"
	case map[string]any:
		return "dictionary"
	case string:
		return "string"
	case int64:
		return "long"
	case float64:
		return "real"
	case bool:
		return "bool"
	}
	return "object"
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
			return false
		}
	}
	return true
}

// formatBytes renders a byte count with the largest unit that keeps it at least 1, as format_bytes does.
func formatBytes(v float64, prec int) string {
	units := []string{"Bytes", "KB", "MB", "GB", "TB", "PB"}
	u := 0
	for u < len(units)-1 && (v >= 1024 || v <= -1024) {
		v /= 1024
		u++
	}
	return strconv.FormatFloat(v, 'f', prec, 64) + " " + units[u]
}
