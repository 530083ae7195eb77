package functions

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// ipv4Pattern finds dotted-quad candidates; has_ipv4 then checks each is a valid address standing alone.
const ipv4Pattern = `(^|[^0-9.])([0-9]{1,3}(?:\.[0-9]{1,3}){3})($|[^0-9.])`

// registerIPv4Text adds the functions that find addresses in free text or reshape one address:
// has_ipv4, has_ipv4_prefix, parse_ipv4_mask and geo_info_from_ip_address.
func registerIPv4Text(r *Registry) {
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
		Name: "parse_ipv4_mask", MinArgs: 2, MaxArgs: 2, Result: fixed("parse_ipv4_mask", dataset.Long, kString, kInt),
		Eval: rowwise(dataset.Long, func(_ *Context, row []any) (any, error) {
			a, err := netip.ParseAddr(strArg(row[0]))
			m, ok := anyToLong(row[1])
			if err != nil || !a.Is4() || !ok || m < 0 || m > 32 {
				return nil, nil
			}
			p, _ := a.Prefix(int(m))
			return ipv4Long(p.Addr()), nil
		}),
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

// geoInfo has no location database offline: it answers with the bag's shape, empty for every address, so
// queries that read its properties run and get empty strings instead of failing.
func geoInfo(ip string) any {
	if _, err := netip.ParseAddr(strings.TrimSpace(ip)); err != nil {
		return nil
	}
	return map[string]any{"country": "", "state": "", "city": "", "latitude": nil, "longitude": nil}
}
