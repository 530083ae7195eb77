package functions

import (
	"strings"
	"unicode/utf8"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func registerStringSearch(r *Registry) {
	r.addScalar(&Scalar{
		Name: "indexof", MinArgs: 2, MaxArgs: 5, Result: fixed("indexof", dataset.Long, kAny, kString, kInt),
		Eval: rowwise(dataset.Long, func(_ *Context, row []any) (any, error) {
			if row[0] == nil {
				return nil, nil
			}
			s, look := strArg(row[0]), strArg(row[1])
			start, length, occ := int64(0), int64(-1), int64(1)
			if len(row) > 2 {
				if v, ok := anyToLong(row[2]); ok {
					start = v
				}
			}
			if len(row) > 3 {
				if v, ok := anyToLong(row[3]); ok {
					length = v
				}
			}
			if len(row) > 4 {
				if v, ok := anyToLong(row[4]); ok {
					occ = v
				}
			}
			return indexOfRunes(s, look, start, length, occ), nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "countof", MinArgs: 2, MaxArgs: 3, Result: fixed("countof", dataset.Long, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Long, n)
			regex := false
			if len(args) > 2 {
				k, _ := constString(args[2], n)
				regex = strings.EqualFold(k, "regex")
			}
			cache := regexCache{}
			for i := 0; i < n; i++ {
				s, look := strCell(args[0], i), strCell(args[1], i)
				if regex {
					re, err := cache.get(look)
					if err != nil {
						return nil, err
					}
					out.Int[i] = int64(len(re.FindAllStringIndex(s, -1)))
					continue
				}
				out.Int[i] = countOverlapping(s, look)
			}
			return out, nil
		},
	})
	for _, t := range []struct {
		name        string
		left, right bool
	}{{"trim", true, true}, {"trim_start", true, false}, {"trim_end", false, true}} {
		t := t
		r.addScalar(&Scalar{
			Name: t.name, MinArgs: 2, MaxArgs: 2, Result: fixed(t.name, dataset.String, kString, kAny),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				out := newOut(dataset.String, n)
				cache := regexCache{}
				for i := 0; i < n; i++ {
					pat := strCell(args[0], i)
					var re, reEnd = "", ""
					if t.left {
						re = "^(?:" + pat + ")+"
					}
					if t.right {
						reEnd = "(?:" + pat + ")+$"
					}
					s := strCell(args[1], i)
					for _, p := range []string{re, reEnd} {
						if p == "" {
							continue
						}
						c, err := cache.get(p)
						if err != nil {
							return nil, err
						}
						s = c.ReplaceAllLiteralString(s, "")
					}
					out.Str[i] = s
				}
				return out, nil
			},
		})
	}
	r.addScalar(&Scalar{
		Name: "replace_string", MinArgs: 3, MaxArgs: 3, Result: fixed("replace_string", dataset.String, kAny, kString, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				out.Str[i] = strings.ReplaceAll(strCell(args[0], i), strCell(args[1], i), strCell(args[2], i))
			}
			return out, nil
		},
	})
}

// indexOfRunes is indexof(): character positions, -1 when absent; start may count from the end.
func indexOfRunes(s, look string, start, length, occ int64) int64 {
	rs := []rune(s)
	n := int64(len(rs))
	if start < 0 {
		start += n
		if start < 0 {
			start = 0
		}
	}
	if start > n || occ < 1 {
		return -1
	}
	end := n
	if length >= 0 && length < n-start { // not start+length, which can overflow
		end = start + length
	}
	hay := string(rs[start:end])
	pos := 0
	for k := int64(0); k < occ; k++ {
		j := strings.Index(hay[pos:], look)
		if j < 0 {
			return -1
		}
		pos += j
		if k+1 < occ {
			pos += max(1, len(look))
			if pos > len(hay) {
				return -1
			}
		}
	}
	return start + int64(utf8.RuneCountInString(hay[:pos]))
}

// countOverlapping counts occurrences of look in s, overlapping ones included (countof's normal kind).
func countOverlapping(s, look string) int64 {
	if look == "" {
		return 0
	}
	var c int64
	for i := 0; ; {
		j := strings.Index(s[i:], look)
		if j < 0 {
			return c
		}
		c++
		i += j + 1
		if i > len(s) {
			return c
		}
	}
}
