package functions

import (
	"strings"
	"unicode/utf8"
)

// matchKind is the string predicate a matcher applies.
type matchKind int

const (
	mHas matchKind = iota
	mHasPrefix
	mHasSuffix
	mContains
	mStartsWith
	mEndsWith
	mEqual
)

// matcher is one compiled needle. Case-insensitive matching folds ASCII in place, so the common case (an
// ASCII needle) allocates nothing per haystack; a non-ASCII needle lowercases the haystack instead.
type matcher struct {
	kind   matchKind
	cs     bool
	needle string // lower-cased unless cs
	ascii  bool
	// For term operators: whether the needle's first/last byte is alphanumeric, so the match must sit on
	// a term boundary on that side (Kusto's rule for needles that contain separators).
	leftB, rightB bool
	// anchor is the needle position scanned for first (see rareIndex).
	anchor int
}

func newMatcher(kind matchKind, needle string, cs bool) *matcher {
	m := &matcher{}
	m.reset(kind, needle, cs)
	return m
}

// reset compiles needle into m in place, so a caller whose needle changes from row to row reuses one matcher.
func (m *matcher) reset(kind matchKind, needle string, cs bool) {
	*m = matcher{kind: kind, cs: cs, needle: needle, ascii: isASCII(needle)}
	if !cs {
		m.needle = strings.ToLower(needle)
	}
	if m.ascii && !cs {
		m.anchor = rareIndex(m.needle)
	}
	if len(m.needle) > 0 {
		m.leftB = isAlnum(m.needle[0])
		m.rightB = isAlnum(m.needle[len(m.needle)-1])
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isAlnum reports whether b belongs to a term. Bytes of multi-byte UTF-8 characters count as term
// characters, so accented words stay whole terms.
func isAlnum(b byte) bool { return termByte[b] }

// termByte is isAlnum as a lookup table, read-only after package initialisation: term scans test every
// haystack byte, and a table load beats four range comparisons.
var termByte = func() (t [256]bool) {
	for b := 0; b < 256; b++ {
		t[b] = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= utf8.RuneSelf
	}
	return t
}()

func lowerByte(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 32
	}
	return b
}

// hasPrefixFold reports whether s starts with lower-case ASCII n, ignoring ASCII case.
func hasPrefixFold(s, n string) bool {
	if len(s) < len(n) {
		return false
	}
	for k := 0; k < len(n); k++ {
		if lowerByte(s[k]) != n[k] {
			return false
		}
	}
	return true
}

// indexFoldFrom finds lower-case ASCII n in h at or after from, ignoring ASCII case. It scans for the
// needle's anchor byte n[k] (its rarest) in both cases with strings.IndexByte, which is vectorised,
// remembering the next hit of each case, and verifies the whole needle around each hit.
func indexFoldFrom(h, n string, k, from int) int {
	if len(n) == 0 {
		return from
	}
	last := len(h) - len(n)
	c := n[k]
	up := c
	if c >= 'a' && c <= 'z' {
		up = c - 32
	}
	nextLo, nextUp := -2, -2
	for i := from; i <= last; {
		if nextLo != -1 && nextLo < i+k {
			nextLo = nextIndex(h, c, i+k, last+k)
		}
		if up != c && nextUp != -1 && nextUp < i+k {
			nextUp = nextIndex(h, up, i+k, last+k)
		}
		j := nextLo
		if up != c && nextUp != -1 && (j == -1 || nextUp < j) {
			j = nextUp
		}
		if j < 0 {
			return -1
		}
		p := j - k
		if hasPrefixFold(h[p:], n) {
			return p
		}
		i = p + 1
	}
	return -1
}

// byteRarity ranks lower-case letters from common to rare in English and command lines; other bytes
// (digits, punctuation) count as fairly rare, except the separators that fill paths and arguments.
const byteRarity = "etaoinsrlcdhumpgfwybvkxjqz"

// rareIndex picks the needle position whose byte is least likely in a haystack, as the scan anchor.
func rareIndex(n string) int {
	best, bestRank := 0, -1
	for i := 0; i < len(n); i++ {
		rank := 20
		switch b := n[i]; {
		case b == ' ' || b == '.' || b == '\\' || b == '/' || b == '-' || b == ':' || b == '"':
			rank = 0
		case b >= 'a' && b <= 'z':
			rank = strings.IndexByte(byteRarity, b)
		}
		if rank > bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// nextIndex is the first position >= from and <= last of byte c in h, or -1.
func nextIndex(h string, c byte, from, last int) int {
	k := strings.IndexByte(h[from:last+1], c)
	if k < 0 {
		return -1
	}
	return from + k
}

// index finds the needle in h at or after from, honouring case sensitivity.
func (m *matcher) index(h string, from int) int {
	if m.cs || !m.ascii {
		k := strings.Index(h[from:], m.needle)
		if k < 0 {
			return -1
		}
		return from + k
	}
	return indexFoldFrom(h, m.needle, m.anchor, from)
}

// match applies the predicate to haystack h.
func (m *matcher) match(h string) bool {
	if !m.cs && !m.ascii {
		h = strings.ToLower(h)
	}
	n := m.needle
	switch m.kind {
	case mEqual:
		if m.cs || !m.ascii {
			return h == n
		}
		return len(h) == len(n) && hasPrefixFold(h, n)
	case mContains:
		return m.index(h, 0) >= 0
	case mStartsWith:
		if m.cs || !m.ascii {
			return strings.HasPrefix(h, n)
		}
		return hasPrefixFold(h, n)
	case mEndsWith:
		if len(h) < len(n) {
			return false
		}
		if m.cs || !m.ascii {
			return strings.HasSuffix(h, n)
		}
		return hasPrefixFold(h[len(h)-len(n):], n)
	}
	if n == "" {
		return true
	}
	left := m.leftB && m.kind != mHasSuffix
	right := m.rightB && m.kind != mHasPrefix
	for i := m.index(h, 0); i >= 0; i = m.index(h, i+1) {
		end := i + len(n)
		if left && i > 0 && isAlnum(h[i-1]) {
			continue
		}
		if right && end < len(h) && isAlnum(h[end]) {
			continue
		}
		return true
	}
	return false
}
