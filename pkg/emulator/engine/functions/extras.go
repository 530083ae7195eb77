package functions

import (
	"net/netip"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// ipv4Pattern finds dotted-quad candidates; has_ipv4 then checks each is a valid address standing alone.
const ipv4Pattern = `(^|[^0-9.])([0-9]{1,3}(?:\.[0-9]{1,3}){3})($|[^0-9.])`

func registerExtras(r *Registry) {
	r.addScalar(&Scalar{
		Name: "has_ipv4", MinArgs: 2, MaxArgs: 2, Result: fixed("has_ipv4", dataset.Bool, kString, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			return evalHasIPv4(args, n, false)
		},
	})
	r.addScalar(&Scalar{
		Name: "has_ipv4_prefix", MinArgs: 2, MaxArgs: 2, Result: fixed("has_ipv4_prefix", dataset.Bool, kString, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			return evalHasIPv4(args, n, true)
		},
	})
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
	r.addScalar(&Scalar{
		Name: "zip", MinArgs: 2, MaxArgs: 16, Result: fixed("zip", dataset.Dynamic, kArray),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				arrs := make([][]any, len(args))
				longest := 0
				for k, a := range args {
					arrs[k], _ = arrayCell(a, i)
					longest = max(longest, len(arrs[k]))
				}
				res := make([]any, longest)
				for j := range res {
					tuple := make([]any, len(arrs))
					for k, arr := range arrs {
						if j < len(arr) {
							tuple[k] = arr[j]
						}
					}
					res[j] = tuple
				}
				out.Dyn[i] = res
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "bag_set_key", MinArgs: 3, MaxArgs: 3, Result: fixed("bag_set_key", dataset.Dynamic, kArray, kString, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				m, _ := dynCell(args[0], i).(map[string]any)
				cp := make(map[string]any, len(m)+1)
				for k, v := range m {
					cp[k] = v
				}
				cp[strCell(args[1], i)] = toDyn(cellValue(args[2], i))
				out.Dyn[i] = cp
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "geo_info_from_ip_address", MinArgs: 1, MaxArgs: 1,
		Result: fixed("geo_info_from_ip_address", dataset.Dynamic, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				out.Dyn[i] = geoInfo(strCell(args[0], i))
			}
			return out, nil
		},
	})
}

// evalHasIPv4 finds an IPv4 address (or, for prefix, an address starting with the prefix) that stands
// alone in the text, as has_ipv4 and has_ipv4_prefix do.
func evalHasIPv4(args []*dataset.Column, n int, prefix bool) (*dataset.Column, error) {
	re := regexp.MustCompile(ipv4Pattern)
	out := newOut(dataset.Bool, n)
	for i := 0; i < n; i++ {
		want := strCell(args[1], i)
		found := false
		for _, m := range re.FindAllStringSubmatch(strCell(args[0], i), -1) {
			a, err := netip.ParseAddr(m[2])
			if err != nil {
				continue
			}
			s := a.String()
			if (!prefix && s == want) || (prefix && strings.HasPrefix(s, want)) {
				found = true
				break
			}
		}
		setBool(out, i, found)
	}
	return out, nil
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

// geoInfo has no location database offline: it answers with the bag's shape, empty for every address, so
// queries that read its properties run and get empty strings instead of failing.
func geoInfo(ip string) any {
	if _, err := netip.ParseAddr(strings.TrimSpace(ip)); err != nil {
		return nil
	}
	return map[string]any{"country": "", "state": "", "city": "", "latitude": nil, "longitude": nil}
}
