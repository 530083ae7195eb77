package functions

import (
	"fmt"
	"regexp"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// stringOps lists the two-operand string predicates: operator, kind, case-sensitive.
var stringOps = []struct {
	op   string
	kind matchKind
	cs   bool
}{
	{"=~", mEqual, false}, {"has", mHas, false}, {"has_cs", mHas, true},
	{"hasprefix", mHasPrefix, false}, {"hasprefix_cs", mHasPrefix, true},
	{"hassuffix", mHasSuffix, false}, {"hassuffix_cs", mHasSuffix, true},
	{"contains", mContains, false}, {"contains_cs", mContains, true},
	{"startswith", mStartsWith, false}, {"startswith_cs", mStartsWith, true},
	{"endswith", mEndsWith, false}, {"endswith_cs", mEndsWith, true},
}

// registerStringOps adds the string predicates and their negations (!op, plus !~ and notcontains).
// Non-string operands are compared by their tostring() text, as Kusto does.
func registerStringOps(r *Registry) {
	for _, s := range stringOps {
		s := s
		for _, neg := range []bool{false, true} {
			neg := neg
			name := "op:" + s.op
			if neg {
				name = "op:!" + s.op
				if s.op == "=~" {
					name = "op:!~"
				}
			}
			f := &Scalar{
				Name: name, MinArgs: 2, MaxArgs: 2,
				Result: func([]dataset.Type) (dataset.Type, error) { return dataset.Bool, nil },
				Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
					return evalStringOp(s.kind, s.cs, neg, args[0], args[1], n), nil
				},
			}
			switch name {
			case "op:!contains":
				r.addScalar(f, "op:notcontains")
			case "op:!contains_cs":
				r.addScalar(f, "op:notcontains_cs")
			default:
				r.addScalar(f)
			}
		}
	}
	for _, neg := range []bool{false, true} {
		neg := neg
		name := "op:matches regex"
		if neg {
			name = "op:!matches regex"
		}
		r.addScalar(&Scalar{
			Name: name, MinArgs: 2, MaxArgs: 2,
			Result: func([]dataset.Type) (dataset.Type, error) { return dataset.Bool, nil },
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				return evalRegexOp(neg, args[0], args[1], n)
			},
		})
	}
}

// constString reports whether every cell of c holds the same text (the evaluator broadcasts constants, so
// this is the usual case) and returns it. Comparing equal strings that share memory is cheap.
func constString(c *dataset.Column, n int) (string, bool) {
	if n == 0 {
		return "", true
	}
	if !isStringy(c.Type) {
		first := cellString(c, 0)
		for i := 1; i < n; i++ {
			if cellString(c, i) != first {
				return "", false
			}
		}
		return first, true
	}
	first := c.Str[0]
	for _, s := range c.Str[:n] {
		if s != first {
			return "", false
		}
	}
	return first, true
}

func evalStringOp(kind matchKind, cs, neg bool, hay, nee *dataset.Column, n int) *dataset.Column {
	out := newOut(dataset.Bool, n)
	res := out.Int
	var want int64 = 1
	if neg {
		want = 0
	}
	needle, constant := constString(nee, n)
	if !constant {
		evalStringOpPerRow(kind, cs, want, hay, nee, res)
		return out
	}
	m := newMatcher(kind, needle, cs)
	for i := 0; i < n; i++ {
		var h string
		if hay.Str != nil {
			h = hay.Str[i]
		} else {
			h = cellString(hay, i)
		}
		if m.match(h) {
			res[i] = want
		} else {
			res[i] = 1 - want
		}
	}
	return out
}

// evalStringOpPerRow is a string predicate whose needle is a column (RemoteIP endswith RemoteIP1, after a
// join), writing want or 1-want into res. ==, startswith and endswith with an ASCII needle compare in place
// with no setup; the other predicates rebuild their matcher only when the needle differs from the previous
// row's, which after a join it often does not.
func evalStringOpPerRow(kind matchKind, cs bool, want int64, hay, nee *dataset.Column, res []int64) {
	var m matcher
	last, compiled := "", false
	for i := range res {
		var h string
		if hay.Str != nil {
			h = hay.Str[i]
		} else {
			h = cellString(hay, i)
		}
		s := cellString(nee, i)
		var ok bool
		if anchored, done := matchAnchored(kind, cs, h, s); done {
			ok = anchored
		} else {
			if !compiled || s != last {
				m.reset(kind, s, cs)
				last, compiled = s, true
			}
			ok = m.match(h)
		}
		if ok {
			res[i] = want
		} else {
			res[i] = 1 - want
		}
	}
}

// matchAnchored applies ==, startswith or endswith without compiling the needle. done is false for the
// other predicates, and for a case-insensitive non-ASCII needle, which needs Unicode lower-casing.
func matchAnchored(kind matchKind, cs bool, h, n string) (ok, done bool) {
	if !cs && !isASCII(n) {
		return false, false
	}
	switch kind {
	case mEqual:
		return len(h) == len(n) && equalFoldASCII(h, n, cs), true
	case mStartsWith:
		return len(h) >= len(n) && equalFoldASCII(h[:len(n)], n, cs), true
	case mEndsWith:
		return len(h) >= len(n) && equalFoldASCII(h[len(h)-len(n):], n, cs), true
	}
	return false, false
}

// equalFoldASCII compares equally long a and b, ignoring ASCII case unless cs.
func equalFoldASCII(a, b string, cs bool) bool {
	if cs {
		return a == b
	}
	for k := 0; k < len(b); k++ {
		if lowerByte(a[k]) != lowerByte(b[k]) {
			return false
		}
	}
	return true
}

func evalRegexOp(neg bool, hay, pat *dataset.Column, n int) (*dataset.Column, error) {
	out := newOut(dataset.Bool, n)
	cache := map[string]*regexp.Regexp{}
	p0, constant := constString(pat, n)
	var re *regexp.Regexp
	var err error
	if constant && n > 0 {
		if re, err = cachedRegex(cache, p0); err != nil {
			return nil, err
		}
	}
	for i := 0; i < n; i++ {
		if !constant {
			if re, err = cachedRegex(cache, cellString(pat, i)); err != nil {
				return nil, err
			}
		}
		var h string
		if hay.Str != nil {
			h = hay.Str[i]
		} else {
			h = cellString(hay, i)
		}
		setBool(out, i, re.MatchString(h) != neg)
	}
	return out, nil
}

// cachedRegex compiles pattern once per Eval call; Kusto uses RE2 syntax, as Go's regexp does.
func cachedRegex(cache map[string]*regexp.Regexp, pattern string) (*regexp.Regexp, error) {
	if re, ok := cache[pattern]; ok {
		return re, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("invalid regular expression %q (Kusto uses RE2 syntax): %w", pattern, err)
	}
	cache[pattern] = re
	return re, nil
}
