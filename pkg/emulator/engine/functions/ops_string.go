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
	m := newMatcher(kind, needle, cs)
	for i := 0; i < n; i++ {
		if !constant {
			m = newMatcher(kind, cellString(nee, i), cs)
		}
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
