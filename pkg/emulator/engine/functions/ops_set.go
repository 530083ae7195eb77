package functions

import (
	"reflect"
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
				return evalBetween(neg, args[0], args[1], args[2], n), nil
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

// termSet is has_any/has_all's compiled needle list: needles that are a single term are looked up in a
// map per haystack term (one pass over the haystack whatever their number); the others use matchers.
type termSet struct {
	terms  map[string]int
	others []*matcher
	total  int
	// lenMask has bit min(len, 63) set for every term needle's length, so haystack terms of other
	// lengths skip the lower-casing and the map lookup.
	lenMask uint64
	// shape has bit (len&63)<<8 | first byte set for every term needle: a second cheap filter.
	shape [256]uint64
}

func shapeBit(n int, first byte) (int, uint64) {
	k := (n&63)<<8 | int(lowerByte(first))
	return k >> 6, 1 << (k & 63)
}

func newTermSet(needles []string) *termSet {
	ts := &termSet{terms: map[string]int{}}
	seen := map[string]bool{}
	for _, s := range needles {
		low := strings.ToLower(s)
		if seen[low] {
			continue
		}
		seen[low] = true
		ts.total++
		if low != "" && isASCII(low) && isTerm(low) {
			ts.terms[low] = len(ts.terms)
			ts.lenMask |= 1 << min(len(low), 63)
			w, bit := shapeBit(len(low), low[0])
			ts.shape[w] |= bit
		} else {
			ts.others = append(ts.others, newMatcher(mHas, s, false))
		}
	}
	return ts
}

func isTerm(s string) bool {
	for k := 0; k < len(s); k++ {
		if !isAlnum(s[k]) {
			return false
		}
	}
	return true
}

// count returns how many distinct needles h has, stopping at the first when any is true. hit is scratch
// space of len(terms) reused across calls.
func (ts *termSet) count(h string, any bool, buf []byte, hit []bool) (int, []byte) {
	found := 0
	for k := range hit {
		hit[k] = false
	}
	if len(ts.terms) > 0 {
		for i := 0; i < len(h); {
			if !isAlnum(h[i]) {
				i++
				continue
			}
			j := i
			for j < len(h) && isAlnum(h[j]) {
				j++
			}
			if ts.lenMask&(1<<min(j-i, 63)) == 0 {
				i = j
				continue
			}
			if w, bit := shapeBit(j-i, h[i]); ts.shape[w]&bit == 0 {
				i = j
				continue
			}
			var ok bool
			buf, ok = lowerInto(buf, h[i:j])
			if !ok {
				buf = append(buf[:0], strings.ToLower(h[i:j])...)
			}
			if idx, in := ts.terms[string(buf)]; in && !hit[idx] {
				hit[idx] = true
				found++
				if any {
					return found, buf
				}
			}
			i = j
		}
	}
	for _, m := range ts.others {
		if m.match(h) {
			found++
			if any {
				return found, buf
			}
		}
	}
	return found, buf
}

func evalHasAny(all bool, val *dataset.Column, cands []*dataset.Column, n int) *dataset.Column {
	out := newOut(dataset.Bool, n)
	constant := constCols(cands, n)
	var ts *termSet
	if n > 0 && constant {
		ts = newTermSet(candidates(cands, 0))
	}
	var buf []byte
	var hit []bool
	for i := 0; i < n; i++ {
		if !constant {
			ts = newTermSet(candidates(cands, i))
		}
		if len(hit) < len(ts.terms) {
			hit = make([]bool, len(ts.terms))
		}
		var h string
		if val.Str != nil {
			h = val.Str[i]
		} else {
			h = cellString(val, i)
		}
		var c int
		c, buf = ts.count(h, !all, buf, hit[:len(ts.terms)])
		if all {
			setBool(out, i, c == ts.total)
		} else {
			setBool(out, i, c > 0)
		}
	}
	return out
}
