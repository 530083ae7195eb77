package kql

import (
	"strings"
)

// QuoteString returns s as a KQL single-quoted string literal that decodes back to exactly s: quotes and
// backslashes are escaped (so DOMAIN\user and C:\Windows\x.exe survive) and control characters become
// \n, \r, \t or \uXXXX, since a raw newline cannot appear inside a KQL literal.
func QuoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				b.WriteString(`\u00`)
				b.WriteByte("0123456789abcdef"[r>>4])
				b.WriteByte("0123456789abcdef"[r&0xf])
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// QuoteList returns the values as comma-separated string literals, ready for in (...):
// QuoteList([]string{"a", "b"}) == "'a', 'b'". An empty list yields the empty string.
func QuoteList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = QuoteString(v)
	}
	return strings.Join(quoted, ", ")
}
