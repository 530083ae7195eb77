package functions

import (
	"strings"
	"unicode/utf8"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// registerStringChars adds the functions that look at a string's characters one by one: strcmp,
// translate, isascii, isutf8 and unicode_codepoints_from_string.
func registerStringChars(r *Registry) {
	r.addScalar(&Scalar{
		Name: "strcmp", MinArgs: 2, MaxArgs: 2, Result: fixed("strcmp", dataset.Int, kString, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Int, n)
			for i := 0; i < n; i++ {
				out.Int[i] = int64(strings.Compare(strCell(args[0], i), strCell(args[1], i)))
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "translate", MinArgs: 3, MaxArgs: 3, Result: fixed("translate", dataset.String, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				out.Str[i] = translate(strCell(args[2], i), strCell(args[0], i), strCell(args[1], i))
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "isascii", MinArgs: 1, MaxArgs: 1, Result: fixed("isascii", dataset.Bool, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Bool, n)
			for i := 0; i < n; i++ {
				setBool(out, i, isASCII(strCell(args[0], i)))
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "isutf8", MinArgs: 1, MaxArgs: 1, Result: fixed("isutf8", dataset.Bool, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Bool, n)
			for i := 0; i < n; i++ {
				setBool(out, i, utf8.ValidString(strCell(args[0], i)))
			}
			return out, nil
		},
	})
	strToDyn(r, "unicode_codepoints_from_string", func(s string) any {
		out := []any{}
		for _, c := range s {
			out = append(out, int64(c))
		}
		return out
	})
}

func translate(s, from, to string) string {
	fr, tr := []rune(from), []rune(to)
	var b strings.Builder
	for _, c := range s {
		k := -1
		for j, f := range fr {
			if f == c {
				k = j
				break
			}
		}
		switch {
		case k < 0:
			b.WriteRune(c)
		case len(tr) == 0:
		case k < len(tr):
			b.WriteRune(tr[k])
		default:
			b.WriteRune(tr[len(tr)-1])
		}
	}
	return b.String()
}
