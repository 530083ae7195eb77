package functions

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func registerCommandLine(r *Registry) {
	r.addScalar(&Scalar{
		Name: "parse_command_line", MinArgs: 2, MaxArgs: 2,
		Result: fixed("parse_command_line", dataset.Dynamic, kString, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				if kind := strings.ToLower(strCell(args[1], i)); kind != "windows" {
					return nil, fmt.Errorf("parse_command_line(): parser %q is not supported; use \"windows\"", kind)
				}
				parts := splitWindowsArgs(strCell(args[0], i))
				arr := make([]any, len(parts))
				for k, p := range parts {
					arr[k] = p
				}
				out.Dyn[i] = arr
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "parse_version", MinArgs: 1, MaxArgs: 1, Result: fixed("parse_version", dataset.Decimal, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Decimal, n)
			for i := 0; i < n; i++ {
				v, ok := parseVersion(strCell(args[0], i))
				if !ok {
					out.SetNull(i)
					continue
				}
				out.Real[i] = v
			}
			return out, nil
		},
	})
}

// splitWindowsArgs splits a command line as CommandLineToArgvW does: spaces separate arguments, double
// quotes group, backslashes escape quotes only when they precede one.
func splitWindowsArgs(s string) []string {
	var out []string
	var cur strings.Builder
	inQuote, has := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			j := i
			for j < len(s) && s[j] == '\\' {
				j++
			}
			nb := j - i
			if j < len(s) && s[j] == '"' {
				cur.WriteString(strings.Repeat(`\`, nb/2))
				if nb%2 == 1 {
					cur.WriteByte('"')
					i = j
				} else {
					i = j - 1
				}
			} else {
				cur.WriteString(strings.Repeat(`\`, nb))
				i = j - 1
			}
			has = true
		case c == '"':
			inQuote = !inQuote
			has = true
		case (c == ' ' || c == '\t') && !inQuote:
			if has {
				out = append(out, cur.String())
				cur.Reset()
				has = false
			}
		default:
			cur.WriteByte(c)
			has = true
		}
	}
	if has {
		out = append(out, cur.String())
	}
	return out
}

// parseVersion encodes up to four dot-separated parts (each below 10^8) into one comparable number, as
// parse_version's decimal does.
func parseVersion(s string) (float64, bool) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) == 0 || len(parts) > 4 {
		return 0, false
	}
	var v float64
	for k := 0; k < 4; k++ {
		v *= 1e8
		if k < len(parts) {
			p, err := strconv.ParseUint(parts[k], 10, 64)
			if err != nil || p >= 1e8 {
				return 0, false
			}
			v += float64(p)
		}
	}
	return v, true
}
