package functions

import (
	"regexp"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// regexCache compiles each pattern once per Eval call.
type regexCache map[string]*regexp.Regexp

func (c regexCache) get(p string) (*regexp.Regexp, error) { return cachedRegex(c, p) }

// kustoRewrite turns a Kusto rewrite pattern (\1 or $1 for groups) into Go's ${1} form.
func kustoRewrite(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if (s[i] == '\\' || s[i] == '$') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString("${" + s[i+1:j] + "}")
			i = j - 1
			continue
		}
		if s[i] == '$' {
			b.WriteString("$$")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func registerRegex(r *Registry) {
	// replace(regex, rewrite, text) is the deprecated spelling; replace_regex(text, regex, rewrite) the new.
	replace := func(name string, textIdx, reIdx, rwIdx int) *Scalar {
		return &Scalar{
			Name: name, MinArgs: 3, MaxArgs: 3, Result: fixed(name, dataset.String, kAny),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				out := newOut(dataset.String, n)
				cache := regexCache{}
				for i := 0; i < n; i++ {
					re, err := cache.get(strCell(args[reIdx], i))
					if err != nil {
						return nil, err
					}
					out.Str[i] = re.ReplaceAllString(strCell(args[textIdx], i), kustoRewrite(strCell(args[rwIdx], i)))
				}
				return out, nil
			},
		}
	}
	r.addScalar(replace("replace", 2, 0, 1))
	r.addScalar(replace("replace_regex", 0, 1, 2))
	r.addScalar(&Scalar{
		Name: "extract", MinArgs: 3, MaxArgs: 4,
		Result: fixed("extract", dataset.String, kString, kInt, kAny, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			cache := regexCache{}
			for i := 0; i < n; i++ {
				re, err := cache.get(strCell(args[0], i))
				if err != nil {
					return nil, err
				}
				g, ok := longOf(args[1], i)
				m := re.FindStringSubmatch(strCell(args[2], i))
				if ok && g >= 0 && int(g) < len(m) {
					out.Str[i] = m[g]
				}
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "extract_all", MinArgs: 2, MaxArgs: 3, Result: fixed("extract_all", dataset.Dynamic, kString, kAny, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			cache := regexCache{}
			for i := 0; i < n; i++ {
				re, err := cache.get(strCell(args[0], i))
				if err != nil {
					return nil, err
				}
				var groups []int
				text := args[len(args)-1]
				if len(args) == 3 {
					groups = groupList(args[1].Dyn, i)
				}
				out.Dyn[i] = extractAll(re, strCell(text, i), groups)
			}
			return out, nil
		},
	}, "extractall")
	r.addScalar(&Scalar{
		Name: "indexof_regex", MinArgs: 2, MaxArgs: 5, Result: fixed("indexof_regex", dataset.Long, kAny, kString, kInt),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Long, n)
			cache := regexCache{}
			for i := 0; i < n; i++ {
				re, err := cache.get(strCell(args[1], i))
				if err != nil {
					return nil, err
				}
				s := strCell(args[0], i)
				start := int64(0)
				if len(args) > 2 {
					start, _ = longOf(args[2], i)
				}
				start = max(0, min(start, int64(len(s))))
				loc := re.FindStringIndex(s[start:])
				if loc == nil {
					out.Int[i] = -1
					continue
				}
				out.Int[i] = start + int64(loc[0])
			}
			return out, nil
		},
	})
}

// groupList reads extract_all's capture-group array argument.
func groupList(dyn []any, i int) []int {
	if dyn == nil {
		return nil
	}
	arr, _ := dyn[i].([]any)
	var out []int
	for _, v := range arr {
		if g, ok := anyToLong(v); ok {
			out = append(out, int(g))
		}
	}
	return out
}

// extractAll returns every match: whole matches without groups, the group for one group, else arrays.
func extractAll(re *regexp.Regexp, s string, groups []int) any {
	ms := re.FindAllStringSubmatch(s, -1)
	if len(ms) == 0 {
		return nil
	}
	if groups == nil {
		for g := 1; g < re.NumSubexp()+1; g++ {
			groups = append(groups, g)
		}
	}
	out := make([]any, 0, len(ms))
	for _, m := range ms {
		switch len(groups) {
		case 0:
			out = append(out, m[0])
		case 1:
			out = append(out, pick(m, groups[0]))
		default:
			row := make([]any, len(groups))
			for k, g := range groups {
				row[k] = pick(m, g)
			}
			out = append(out, row)
		}
	}
	return out
}

func pick(m []string, g int) any {
	if g < 0 || g >= len(m) {
		return ""
	}
	return m[g]
}
