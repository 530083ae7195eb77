package functions

import (
	"sort"
	"strconv"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func registerBags(r *Registry) {
	bag := func(name string, min, max int, kinds []argKind, out dataset.Type, f rowFunc) {
		r.addScalar(&Scalar{
			Name: name, MinArgs: min, MaxArgs: max, Result: fixed(name, out, kinds...),
			Eval: dynRowwise(out, func(int, *dataset.Column) bool { return true }, f),
		})
	}
	bag("bag_keys", 1, 1, []argKind{kArray}, dataset.Dynamic, func(_ *Context, row []any) (any, error) {
		m, ok := row[0].(map[string]any)
		if !ok {
			return nil, nil
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = k
		}
		return out, nil
	})
	bag("bag_merge", 1, 64, []argKind{kArray}, dataset.Dynamic, func(_ *Context, row []any) (any, error) {
		out := map[string]any{}
		// Earlier bags win on conflicting keys, as Kusto documents.
		for k := len(row) - 1; k >= 0; k-- {
			if m, ok := row[k].(map[string]any); ok {
				for key, v := range m {
					out[key] = v
				}
			}
		}
		return out, nil
	})
	bag("bag_remove_keys", 2, 2, []argKind{kArray, kArray}, dataset.Dynamic, func(_ *Context, row []any) (any, error) {
		m, ok := row[0].(map[string]any)
		if !ok {
			return nil, nil
		}
		drop := map[string]bool{}
		keys, _ := row[1].([]any)
		for _, k := range keys {
			drop[dynString(k)] = true
		}
		out := map[string]any{}
		for k, v := range m {
			if !drop[k] {
				out[k] = v
			}
		}
		return out, nil
	})
	bag("bag_has_key", 2, 2, []argKind{kArray, kString}, dataset.Bool, func(_ *Context, row []any) (any, error) {
		m, _ := row[0].(map[string]any)
		_, ok := m[dynString(row[1])]
		return ok, nil
	})
	r.addScalar(&Scalar{
		Name: "extract_json", MinArgs: 2, MaxArgs: 3, Result: fixed("extract_json", dataset.String, kString, kAny, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				path, err := parseJSONPath(strCell(args[0], i))
				if err != nil {
					return nil, err
				}
				v := dynCell(args[1], i)
				for _, step := range path {
					v = DynamicGet(v, step)
				}
				out.Str[i] = dynString(v)
			}
			return out, nil
		},
	}, "extractjson")
	r.addScalar(&Scalar{
		Name: "bag_set_key", MinArgs: 3, MaxArgs: 3, Result: fixed("bag_set_key", dataset.Dynamic, kArray, kString, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				m, _ := dynCell(args[0], i).(map[string]any)
				cp := make(map[string]any, len(m)+1)
				for k, v := range m {
					cp[k] = v
				}
				cp[strCell(args[1], i)] = toDyn(cellValue(args[2], i))
				out.Dyn[i] = cp
			}
			return out, nil
		},
	})
}

// parseJSONPath reads the JSONPath subset Kusto supports: $, .name, ['name'], ["name"], [index].
func parseJSONPath(p string) ([]any, error) {
	p = strings.TrimSpace(p)
	if !strings.HasPrefix(p, "$") {
		return nil, errorf("extract_json(): JSON path %q must start with '$'", p)
	}
	var steps []any
	for i := 1; i < len(p); {
		switch p[i] {
		case '.':
			j := i + 1
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			steps = append(steps, p[i+1:j])
			i = j
		case '[':
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				return nil, errorf("extract_json(): JSON path %q has an unclosed '['", p)
			}
			in := strings.TrimSpace(p[i+1 : i+j])
			if len(in) >= 2 && (in[0] == '\'' || in[0] == '"') {
				steps = append(steps, in[1:len(in)-1])
			} else if idx, err := strconv.ParseInt(in, 10, 64); err == nil {
				steps = append(steps, idx)
			} else {
				return nil, errorf("extract_json(): JSON path %q: unsupported selector [%s]", p, in)
			}
			i += j + 1
		default:
			return nil, errorf("extract_json(): JSON path %q: unexpected %q at %d", p, p[i], i)
		}
	}
	return steps, nil
}
