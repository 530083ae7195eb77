package kql

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind int

// Token kinds. Keywords are identifiers: KQL reserves few words and they depend on position.
const (
	EOF      Kind = iota
	Ident         // FileName, where, $left, $__timeFilter, ['Col Name']
	Long          // 42, 0x1F
	Real          // 1.5, 2e3
	Timespan      // 7d, 1.5h, 100ms, 2tick
	String        // 'a', "b", @'c:\x', ```multi```, h'secret'
	Comment       // // to end of line
	Punct         // operators and punctuation: == != <> =~ !~ <= >= => .. | ! ( ) , ...
)

func (k Kind) String() string {
	switch k {
	case EOF:
		return "end of query"
	case Ident:
		return "identifier"
	case Long:
		return "long literal"
	case Real:
		return "real literal"
	case Timespan:
		return "timespan literal"
	case String:
		return "string literal"
	case Comment:
		return "comment"
	case Punct:
		return "punctuation"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Token is one lexeme. Text is the exact source text (with quotes, prefixes and brackets), so that
// src[Offset:Offset+len(Text)] == Text. Line and Column are 1-based; Column counts runes.
type Token struct {
	Kind   Kind
	Text   string
	Offset int
	Line   int
	Column int
}

// End is the byte offset just past the token.
func (t Token) End() int { return t.Offset + len(t.Text) }

// Is reports whether t is the punctuation or identifier s (identifiers compare exactly: KQL is
// case-sensitive).
func (t Token) Is(s string) bool { return (t.Kind == Punct || t.Kind == Ident) && t.Text == s }

// SyntaxError is a lexical error with its 1-based position.
type SyntaxError struct {
	Msg    string
	Line   int
	Column int
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("Syntax error: %s (line %d, column %d)", e.Msg, e.Line, e.Column)
}

// puncts lists multi-character punctuation longest first, so the lexer can take the longest match.
var puncts = []string{"==", "!=", "<>", "=~", "!~", "<=", ">=", "=>", ".."}

const singlePuncts = "|!()[]{},;.=<>+-*/%:?~@#&^"

// Lex splits src into tokens, including comments (so callers can rewrite text around them), and ends
// with an EOF token at len(src). It fails only on text no KQL can contain: an unterminated string
// literal or bracketed name, or a stray character.
func Lex(src string) ([]Token, error) {
	l := lexer{src: src, line: 1, col: 1}
	var toks []Token
	for {
		l.skipSpace()
		if l.pos >= len(src) {
			toks = append(toks, Token{Kind: EOF, Offset: l.pos, Line: l.line, Column: l.col})
			return toks, nil
		}
		t, err := l.next()
		if err != nil {
			return toks, err
		}
		toks = append(toks, t)
		if t.Kind != Comment {
			l.prev = t
		}
	}
}

type lexer struct {
	src       string
	pos       int
	line, col int
	prev      Token // the last non-comment token
}

// indexing reports whether a '[' at the cursor indexes the token before it (x['a'], f(x)["b"]) rather
// than opening a bracketed name (['Col Name']).
func (l *lexer) indexing() bool {
	p := l.prev
	return p.End() == l.pos && p.Text != "" && (p.Kind == Ident || p.Text == ")" || p.Text == "]")
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		switch l.src[l.pos] {
		case ' ', '\t', '\r', '\n', '\f', '\v':
			l.advance(1)
		default:
			// Queries pasted from web pages carry no-break and zero-width spaces; Kusto skips them too.
			if r, size := utf8.DecodeRuneInString(l.src[l.pos:]); r >= 0x80 && (unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff') {
				l.advance(size)
				continue
			}
			return
		}
	}
}

// advance moves n bytes forward, keeping line and column in step.
func (l *lexer) advance(n int) {
	end := l.pos + n
	for l.pos < end {
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		l.pos += size
		if r == '\n' {
			l.line++
			l.col = 1
		} else {
			l.col++
		}
	}
}

func (l *lexer) peekAt(i int) byte {
	if l.pos+i < len(l.src) {
		return l.src[l.pos+i]
	}
	return 0
}

func (l *lexer) errorf(line, col int, format string, args ...any) error {
	return &SyntaxError{Msg: fmt.Sprintf(format, args...), Line: line, Column: col}
}

func (l *lexer) next() (Token, error) {
	start, line, col := l.pos, l.line, l.col
	emit := func(k Kind, n int) Token {
		l.advance(n)
		return Token{Kind: k, Text: l.src[start:l.pos], Offset: start, Line: line, Column: col}
	}
	c := l.src[l.pos]
	rest := l.src[l.pos:]
	switch {
	case strings.HasPrefix(rest, "//"):
		n := strings.IndexByte(rest, '\n')
		if n < 0 {
			n = len(rest)
		}
		return emit(Comment, len(strings.TrimRight(rest[:n], "\r"))), nil
	case c == '\'' || c == '"' || strings.HasPrefix(rest, "```") || c == '@' && (l.peekAt(1) == '\'' || l.peekAt(1) == '"'):
		n, err := stringLen(rest)
		if err != nil {
			return Token{}, l.errorf(line, col, "%v", err)
		}
		return emit(String, n), nil
	case (c == 'h' || c == 'H') && isStringStart(rest[1:]):
		n, err := stringLen(rest[1:])
		if err != nil {
			return Token{}, l.errorf(line, col, "%v", err)
		}
		return emit(String, n+1), nil
	case c == '[' && (l.peekAt(1) == '\'' || l.peekAt(1) == '"' || l.peekAt(1) == '@') && !l.indexing():
		// ['a', 'b'] is an array literal, not a name: fall through to punctuation when no ']' follows.
		if n, err := bracketLen(rest); err == nil {
			return emit(Ident, n), nil
		} else if _, serr := stringLen(rest[1:]); serr != nil {
			return Token{}, l.errorf(line, col, "%v", err)
		}
	case isDigit(c) || c == '.' && isDigit(l.peekAt(1)):
		k, n := numberLen(rest)
		return emit(k, n), nil
	case isIdentStart(c) || c == '$' && isIdentStart(l.peekAt(1)):
		n := 1
		for n < len(rest) && isIdentPart(rest[n]) {
			n++
		}
		return emit(Ident, n), nil
	}
	for _, p := range puncts {
		if strings.HasPrefix(rest, p) {
			return emit(Punct, len(p)), nil
		}
	}
	if strings.IndexByte(singlePuncts, c) >= 0 {
		return emit(Punct, 1), nil
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return Token{}, l.errorf(line, col, "unexpected character %q", r)
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) }

func isStringStart(s string) bool {
	return strings.HasPrefix(s, "'") || strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "@'") ||
		strings.HasPrefix(s, "@\"") || strings.HasPrefix(s, "```")
}
