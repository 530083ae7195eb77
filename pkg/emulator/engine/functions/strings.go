package functions

import (
	"strings"
	"unicode/utf8"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// strCell reads cell i as text: string columns directly, anything else through tostring().
func strCell(c *dataset.Column, i int) string {
	if c.Str != nil {
		return c.Str[i]
	}
	return cellString(c, i)
}

// mapStr is a string-to-string function cell by cell.
func mapStr(name string, f func(string) string, aliases ...string) *Scalar {
	return &Scalar{
		Name: name, MinArgs: 1, MaxArgs: 1, Result: fixed(name, dataset.String, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				out.Str[i] = f(strCell(args[0], i))
			}
			return out, nil
		},
	}
}

func registerStrings(r *Registry) {
	r.addScalar(mapStr("tolower", strings.ToLower))
	r.addScalar(mapStr("toupper", strings.ToUpper))
	r.addScalar(mapStr("reverse", reverseRunes))
	r.addScalar(&Scalar{
		Name: "strlen", MinArgs: 1, MaxArgs: 1, Result: fixed("strlen", dataset.Long, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Long, n)
			for i := 0; i < n; i++ {
				out.Int[i] = int64(utf8.RuneCountInString(strCell(args[0], i)))
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "string_size", MinArgs: 1, MaxArgs: 1, Result: fixed("string_size", dataset.Long, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Long, n)
			for i := 0; i < n; i++ {
				out.Int[i] = int64(len(strCell(args[0], i)))
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "substring", MinArgs: 2, MaxArgs: 3, Result: fixed("substring", dataset.String, kAny, kInt, kInt),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				start, ok := longOf(args[1], i)
				length := int64(-1)
				if len(args) > 2 {
					l, lok := longOf(args[2], i)
					ok, length = ok && lok, l
				}
				if ok {
					out.Str[i] = substring(strCell(args[0], i), start, length)
				}
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "strcat", MinArgs: 1, MaxArgs: 64, Result: fixed("strcat", dataset.String, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			return joinCells(args, "", n), nil
		},
	})
	r.addScalar(&Scalar{
		Name: "strcat_delim", MinArgs: 2, MaxArgs: 65, Result: fixed("strcat_delim", dataset.String, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			d, constant := constString(args[0], n)
			if constant {
				return joinCells(args[1:], d, n), nil
			}
			return rowwise(dataset.String, func(_ *Context, row []any) (any, error) {
				parts := make([]string, len(row)-1)
				for k, v := range row[1:] {
					parts[k] = strArg(v)
				}
				return strings.Join(parts, strArg(row[0])), nil
			})(nil, args, n)
		},
	})
	r.addScalar(&Scalar{
		Name: "strrep", MinArgs: 2, MaxArgs: 3, Result: fixed("strrep", dataset.String, kAny, kInt, kString),
		Eval: rowwise(dataset.String, func(_ *Context, row []any) (any, error) {
			k, ok := anyToLong(row[1])
			if !ok || k <= 0 {
				return "", nil
			}
			k = min(k, 1024)
			parts := make([]string, k)
			for j := range parts {
				parts[j] = strArg(row[0])
			}
			delim := ""
			if len(row) > 2 {
				delim = strArg(row[2])
			}
			return strings.Join(parts, delim), nil
		}),
	})
	registerStringSearch(r)
	registerRegex(r)
}

// joinCells is strcat over columns.
func joinCells(args []*dataset.Column, delim string, n int) *dataset.Column {
	out := newOut(dataset.String, n)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Reset()
		for k, a := range args {
			if k > 0 {
				b.WriteString(delim)
			}
			b.WriteString(strCell(a, i))
		}
		out.Str[i] = b.String()
	}
	return out
}

// substring counts in characters; a start before 0 is clamped, as in Kusto.
func substring(s string, start, length int64) string {
	if isASCII(s) {
		return substringBytes(s, start, length)
	}
	rs := []rune(s)
	lo, hi := clampRange(int64(len(rs)), start, length)
	return string(rs[lo:hi])
}

func substringBytes(s string, start, length int64) string {
	lo, hi := clampRange(int64(len(s)), start, length)
	return s[lo:hi]
}

func clampRange(n, start, length int64) (int64, int64) {
	if start < 0 {
		start = 0
	}
	if start > n {
		start = n
	}
	end := n
	if length >= 0 && length < n-start { // not start+length, which can overflow
		end = start + length
	}
	return start, end
}

func reverseRunes(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}
