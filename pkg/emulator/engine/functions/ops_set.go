package functions

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// registerSetOps adds in, !in, in~, !in~, has_any and has_all (args[0] the value, args[1:] candidates,
// a dynamic array candidate standing for its elements; pass a subquery's values as one dynamic array),
// and between / !between.
func registerSetOps(r *Registry) {
	boolRes := func([]dataset.Type) (dataset.Type, error) { return dataset.Bool, nil }
	for _, s := range []struct {
		op      string
		ci, neg bool
	}{{"in", false, false}, {"!in", false, true}, {"in~", true, false}, {"!in~", true, true}} {
		s := s
		r.addScalar(&Scalar{
			Name: "op:" + s.op, MinArgs: 2, MaxArgs: -1, Result: boolRes,
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				return evalIn(s.ci, s.neg, args[0], args[1:], n), nil
			},
		})
	}
	for _, all := range []bool{false, true} {
		all := all
		name := "op:has_any"
		if all {
			name = "op:has_all"
		}
		r.addScalar(&Scalar{
			Name: name, MinArgs: 2, MaxArgs: -1, Result: boolRes,
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				return evalHasAny(all, args[0], args[1:], n), nil
			},
		})
	}
	for _, neg := range []bool{false, true} {
		neg := neg
		name := "op:between"
		if neg {
			name = "op:!between"
		}
		r.addScalar(&Scalar{
			Name: name, MinArgs: 3, MaxArgs: 3, Result: betweenResult(name),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				return evalBetween(name[3:], neg, args, n)
			},
		})
	}
}

// sameCell reports whether cells i and j of c are certainly equal, without deep comparison: enough to
// spot a broadcast constant.
func sameCell(c *dataset.Column, i, j int) bool {
	if c.IsNull(i) != c.IsNull(j) {
		return false
	}
	switch {
	case c.Str != nil:
		return c.Str[i] == c.Str[j]
	case c.Real != nil:
		return c.Real[i] == c.Real[j]
	case c.Int != nil:
		return c.Int[i] == c.Int[j]
	}
	a, b := c.Dyn[i], c.Dyn[j]
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && reflect.ValueOf(x).UnsafePointer() == reflect.ValueOf(y).UnsafePointer()
	}
	return a == b
}

func constCols(cols []*dataset.Column, n int) bool {
	for _, c := range cols {
		for i := 1; i < n; i++ {
			if !sameCell(c, 0, i) {
				return false
			}
		}
	}
	return true
}

// candidates returns the candidate texts of row i, arrays flattened.
func candidates(cols []*dataset.Column, i int) []string {
	var out []string
	for _, c := range cols {
		if c.Type == dataset.Dynamic {
			if arr, ok := c.Dyn[i].([]any); ok {
				for _, e := range arr {
					out = append(out, dynString(e))
				}
				continue
			}
		}
		if c.IsNull(i) {
			continue
		}
		out = append(out, cellString(c, i))
	}
	return out
}

// lowerInto lower-cases ASCII s into buf, reporting false if s is not ASCII.
func lowerInto(buf []byte, s string) ([]byte, bool) {
	buf = buf[:0]
	for k := 0; k < len(s); k++ {
		b := s[k]
		if b >= 0x80 {
			return buf, false
		}
		buf = append(buf, lowerByte(b))
	}
	return buf, true
}

func evalIn(ci, neg bool, val *dataset.Column, cands []*dataset.Column, n int) *dataset.Column {
	out := newOut(dataset.Bool, n)
	constant := constCols(cands, n)
	var set map[string]struct{}
	build := func(i int) {
		set = map[string]struct{}{}
		for _, s := range candidates(cands, i) {
			if ci {
				s = strings.ToLower(s)
			}
			set[s] = struct{}{}
		}
	}
	if n > 0 && constant {
		build(0)
		if isIntegral(val.Type) {
			return inIntegers(neg, val, set, out)
		}
	}
	var buf []byte
	for i := 0; i < n; i++ {
		if !constant {
			build(i)
		}
		var found bool
		switch {
		case val.IsNull(i):
		case !ci && val.Str != nil:
			_, found = set[val.Str[i]]
		case ci:
			s := cellString(val, i)
			var ok bool
			if buf, ok = lowerInto(buf, s); ok {
				_, found = set[string(buf)]
			} else {
				_, found = set[strings.ToLower(s)]
			}
		default:
			_, found = set[cellString(val, i)]
		}
		setBool(out, i, found != neg)
	}
	return out
}

// inIntegers is `in` for an integer column against constant candidates: the candidates' texts are read
// as integers once, so the scan compares int64s instead of formatting every cell.
func inIntegers(neg bool, val *dataset.Column, set map[string]struct{}, out *dataset.Column) *dataset.Column {
	ints := make(map[int64]struct{}, len(set))
	for s := range set {
		if v, err := strconv.ParseInt(s, 10, 64); err == nil {
			ints[v] = struct{}{}
		}
	}
	for i, v := range val.Int {
		_, found := ints[v]
		setBool(out, i, (found && !val.IsNull(i)) != neg)
	}
	return out
}
