package functions

import (
	"net/netip"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// parsePrefix reads an IPv4 address with an optional /bits suffix.
func parsePrefix(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is4() {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, 32), true
}

func ipv4Long(a netip.Addr) int64 {
	b := a.As4()
	return int64(b[0])<<24 | int64(b[1])<<16 | int64(b[2])<<8 | int64(b[3])
}

var privateRanges = []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}

func registerIPv4(r *Registry) {
	r.addScalar(&Scalar{
		Name: "ipv4_is_in_range", MinArgs: 2, MaxArgs: 2, Result: fixed("ipv4_is_in_range", dataset.Bool, kString),
		Eval: rowwise(dataset.Bool, func(_ *Context, row []any) (any, error) {
			ip, ok1 := parsePrefix(strArg(row[0]))
			rng, ok2 := parsePrefix(strArg(row[1]))
			if !ok1 || !ok2 {
				return nil, nil
			}
			return rng.Contains(ip.Addr()), nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "ipv4_is_in_any_range", MinArgs: 2, MaxArgs: -1, Result: fixed("ipv4_is_in_any_range", dataset.Bool, kAny),
		Eval: rowwise(dataset.Bool, func(_ *Context, row []any) (any, error) {
			ip, ok := parsePrefix(strArg(row[0]))
			if !ok {
				return nil, nil
			}
			for _, v := range row[1:] {
				ranges := []any{v}
				if arr, isArr := v.([]any); isArr {
					ranges = arr
				}
				for _, rv := range ranges {
					if rng, ok := parsePrefix(strArg(rv)); ok && rng.Contains(ip.Addr()) {
						return true, nil
					}
				}
			}
			return false, nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "ipv4_is_private", MinArgs: 1, MaxArgs: 1, Result: fixed("ipv4_is_private", dataset.Bool, kString),
		Eval: rowwise(dataset.Bool, func(_ *Context, row []any) (any, error) {
			ip, ok := parsePrefix(strArg(row[0]))
			if !ok {
				return nil, nil
			}
			for _, s := range privateRanges {
				if netip.MustParsePrefix(s).Contains(ip.Addr()) {
					return true, nil
				}
			}
			return false, nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "ipv4_compare", MinArgs: 2, MaxArgs: 3, Result: fixed("ipv4_compare", dataset.Long, kString, kString, kInt),
		Eval: rowwise(dataset.Long, func(_ *Context, row []any) (any, error) {
			pa, pb, ok := maskedPair(row)
			if !ok {
				return nil, nil
			}
			return int64(cmp3(ipv4Long(pa.Addr()), ipv4Long(pb.Addr()))), nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "ipv4_is_match", MinArgs: 2, MaxArgs: 3, Result: fixed("ipv4_is_match", dataset.Bool, kString, kString, kInt),
		Eval: rowwise(dataset.Bool, func(_ *Context, row []any) (any, error) {
			pa, pb, ok := maskedPair(row)
			if !ok {
				return nil, nil
			}
			return pa == pb, nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "parse_ipv4", MinArgs: 1, MaxArgs: 1, Result: fixed("parse_ipv4", dataset.Long, kString),
		Eval: rowwise(dataset.Long, func(_ *Context, row []any) (any, error) {
			p, ok := parsePrefix(strArg(row[0]))
			if !ok {
				return nil, nil
			}
			return ipv4Long(p.Addr()), nil
		}),
	})
	r.addScalar(&Scalar{
		Name: "format_ipv4", MinArgs: 1, MaxArgs: 2, Result: fixed("format_ipv4", dataset.String, kAny, kInt),
		Eval: rowwise(dataset.String, func(_ *Context, row []any) (any, error) {
			var a netip.Addr
			if v, ok := row[0].(int64); ok {
				a = netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
			} else if p, ok := parsePrefix(strArg(row[0])); ok {
				a = p.Addr()
			} else {
				return "", nil
			}
			if len(row) > 1 {
				if m, ok := anyToLong(row[1]); ok {
					p, _ := a.Prefix(int(max(0, min(m, 32))))
					a = p.Addr()
				}
			}
			return a.String(), nil
		}),
	})
}

// maskedPair reads ipv4_compare/ipv4_is_match arguments: two addresses or CIDR prefixes and an optional
// mask length, both masked to the shortest of their prefixes and the mask. ok is false for unparseable input.
func maskedPair(row []any) (pa, pb netip.Prefix, ok bool) {
	a, ok1 := parsePrefix(strArg(row[0]))
	b, ok2 := parsePrefix(strArg(row[1]))
	if !ok1 || !ok2 {
		return pa, pb, false
	}
	bits := min(a.Bits(), b.Bits())
	if len(row) > 2 {
		if m, ok := anyToLong(row[2]); ok {
			bits = max(0, min(bits, int(m)))
		}
	}
	pa, _ = a.Addr().Prefix(bits)
	pb, _ = b.Addr().Prefix(bits)
	return pa, pb, true
}
