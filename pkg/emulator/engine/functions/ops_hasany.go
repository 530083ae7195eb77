package functions

import (
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

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
