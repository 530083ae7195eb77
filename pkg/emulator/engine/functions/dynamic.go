package functions

import (
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// DynamicGet is KQL's property and index access on a dynamic value: key is a string for x.a / x["a"] and
// an int64 (or int) for x[0], negative indexes counting from the end. A missing property, an index out of
// range or a non-container gives nil (null). A string value holding JSON is parsed first, so
// AdditionalFields.Foo works on columns the schema types as string.
//
// The evaluator uses it through the registered scalar "op:index" (args: the value column, the key
// column; result dynamic), chaining one call per path step: x.a.b[0] is op:index(op:index(op:index(x,
// "a"), "b"), 0).
func DynamicGet(v any, key any) any {
	if s, ok := v.(string); ok {
		t := strings.TrimSpace(s)
		if t == "" || (t[0] != '{' && t[0] != '[') {
			return nil
		}
		p, ok := parseJSON(t)
		if !ok {
			return nil
		}
		v = p
	}
	switch k := key.(type) {
	case string:
		if m, ok := v.(map[string]any); ok {
			return m[k]
		}
		if arr, ok := v.([]any); ok {
			if idx, ok := anyToLong(k); ok {
				return indexArray(arr, idx)
			}
		}
	case int64:
		if arr, ok := v.([]any); ok {
			return indexArray(arr, k)
		}
		if m, ok := v.(map[string]any); ok {
			return m[dynString(k)]
		}
	case int:
		return DynamicGet(v, int64(k))
	case float64:
		return DynamicGet(v, int64(k))
	}
	return nil
}

func indexArray(arr []any, i int64) any {
	if i < 0 {
		i += int64(len(arr))
	}
	if i < 0 || i >= int64(len(arr)) {
		return nil
	}
	return arr[i]
}

// dynCell reads cell i as a dynamic value: dynamic as is, JSON text parsed, other scalars boxed.
func dynCell(c *dataset.Column, i int) any {
	if c.Type == dataset.Dynamic {
		return c.Dyn[i]
	}
	return toDynamicCell(c, i)
}

// arrayCell reads cell i as an array; ok is false when it is not one.
func arrayCell(c *dataset.Column, i int) ([]any, bool) {
	arr, ok := dynCell(c, i).([]any)
	return arr, ok
}

func registerDynamic(r *Registry) {
	r.addScalar(&Scalar{
		Name: "op:index", MinArgs: 2, MaxArgs: 2,
		Result: func(args []dataset.Type) (dataset.Type, error) {
			if err := checkArgs("op:index", args[:1], kArray); err != nil {
				return "", err
			}
			return dataset.Dynamic, nil
		},
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			src, key := args[0], args[1]
			for i := 0; i < n; i++ {
				if key.IsNull(i) || src.IsNull(i) {
					continue
				}
				var v any
				if src.Type == dataset.Dynamic {
					v = src.Dyn[i]
				} else {
					v = cellString(src, i)
				}
				var k any
				if isIntegral(key.Type) {
					k = key.Int[i]
				} else {
					k = dynCell(key, i)
				}
				out.Dyn[i] = DynamicGet(v, k)
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "split", MinArgs: 2, MaxArgs: 3, Result: fixed("split", dataset.Dynamic, kAny, kString, kInt),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				parts := strings.Split(strCell(args[0], i), strCell(args[1], i))
				arr := make([]any, len(parts))
				for k, p := range parts {
					arr[k] = p
				}
				if len(args) > 2 {
					idx, ok := longOf(args[2], i)
					if !ok || idx < 0 || idx >= int64(len(arr)) {
						out.Dyn[i] = []any{}
						continue
					}
					arr = []any{arr[idx]}
				}
				out.Dyn[i] = arr
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "strcat_array", MinArgs: 2, MaxArgs: 2, Result: fixed("strcat_array", dataset.String, kArray, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				arr, _ := arrayCell(args[0], i)
				parts := make([]string, len(arr))
				for k, v := range arr {
					parts[k] = dynString(v)
				}
				out.Str[i] = strings.Join(parts, strCell(args[1], i))
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "pack_array", MinArgs: 0, MaxArgs: -1, Result: fixed("pack_array", dataset.Dynamic, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				arr := make([]any, len(args))
				for k, a := range args {
					arr[k] = toDyn(cellValue(a, i))
				}
				out.Dyn[i] = arr
			}
			return out, nil
		},
	}, "make_array")
	r.addScalar(&Scalar{
		Name: "pack", MinArgs: 0, MaxArgs: -1,
		Result: func(args []dataset.Type) (dataset.Type, error) {
			if len(args)%2 != 0 {
				return "", errorf("pack(): expects an even number of arguments (key, value pairs), got %d", len(args))
			}
			return dataset.Dynamic, nil
		},
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				m := make(map[string]any, len(args)/2)
				for k := 0; k+1 < len(args); k += 2 {
					m[cellString(args[k], i)] = toDyn(cellValue(args[k+1], i))
				}
				out.Dyn[i] = m
			}
			return out, nil
		},
	}, "bag_pack", "pack_dictionary")
	registerArrays(r)
	registerBags(r)
	r.addScalar(&Scalar{
		Name: "dynamic_to_json", MinArgs: 1, MaxArgs: 1, Result: fixed("dynamic_to_json", dataset.String, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				// encoding/json writes bag keys sorted, which is what dynamic_to_json promises.
				out.Str[i] = jsonText(dynCell(args[0], i))
			}
			return out, nil
		},
	})
}
