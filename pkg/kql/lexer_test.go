package kql

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// kinds renders tokens (without EOF) as "Kind:Text" pairs for compact expectations.
func kinds(toks []Token) []string {
	var out []string
	for _, t := range toks {
		if t.Kind == EOF {
			continue
		}
		out = append(out, t.Kind.String()+":"+t.Text)
	}
	return out
}

func TestLex(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"pipeline", `T | where A == 1`, []string{"identifier:T", "punctuation:|", "identifier:where", "identifier:A", "punctuation:==", "long literal:1"}},
		{"operators", `a != b <> c =~ d !~ e <= f >= g => h .. i`, []string{"identifier:a", "punctuation:!=", "identifier:b", "punctuation:<>", "identifier:c", "punctuation:=~", "identifier:d", "punctuation:!~", "identifier:e", "punctuation:<=", "identifier:f", "punctuation:>=", "identifier:g", "punctuation:=>", "identifier:h", "punctuation:..", "identifier:i"}},
		{"negated keyword", `X !has "a"`, []string{"identifier:X", "punctuation:!", "identifier:has", `string literal:"a"`}},
		{"macro and join sides", `$__timeFilter(Timestamp) $left.A`, []string{"identifier:$__timeFilter", "punctuation:(", "identifier:Timestamp", "punctuation:)", "identifier:$left", "punctuation:.", "identifier:A"}},
		{"bracketed name", `['Col Name'] ["x"]`, []string{"identifier:['Col Name']", `identifier:["x"]`}},
		{"numbers", `42 1.5 2e3 0x1F .5`, []string{"long literal:42", "real literal:1.5", "real literal:2e3", "long literal:0x1F", "real literal:.5"}},
		{"timespans", `7d 1h 30m 10s 100ms 1.5d 2tick 5min`, []string{"timespan literal:7d", "timespan literal:1h", "timespan literal:30m", "timespan literal:10s", "timespan literal:100ms", "timespan literal:1.5d", "timespan literal:2tick", "timespan literal:5min"}},
		{"range dots", `1..5`, []string{"long literal:1", "punctuation:..", "long literal:5"}},
		{"strings", `'a' "b\"c" @'c:\x' @"q""q" h'secret' H"s"`, []string{"string literal:'a'", `string literal:"b\"c"`, `string literal:@'c:\x'`, `string literal:@"q""q"`, "string literal:h'secret'", `string literal:H"s"`}},
		{"multi-line string", "```line1\nline2``` x", []string{"string literal:```line1\nline2```", "identifier:x"}},
		{"comment kept, macro inside ignored", "A // $__timeFilter(x)\n| B", []string{"identifier:A", "comment:// $__timeFilter(x)", "punctuation:|", "identifier:B"}},
		{"macro inside string stays a string", `"$__timeFilter(x)"`, []string{`string literal:"$__timeFilter(x)"`}},
		{"dashed operator", `project-away`, []string{"identifier:project", "punctuation:-", "identifier:away"}},
		{"index after name is punctuation", `x['a'] f(x)["b"]`, []string{"identifier:x", "punctuation:[", "string literal:'a'", "punctuation:]", "identifier:f", "punctuation:(", "identifier:x", "punctuation:)", "punctuation:[", `string literal:"b"`, "punctuation:]"}},
		{"array literal is punctuation", `dynamic(['a', 'b'])`, []string{"identifier:dynamic", "punctuation:(", "punctuation:[", "string literal:'a'", "punctuation:,", "string literal:'b'", "punctuation:]", "punctuation:)"}},
		{"unicode spaces skipped", "T\u200b|\u202ftake 1", []string{"identifier:T", "punctuation:|", "identifier:take", "long literal:1"}},
		{"identifier with digit not timespan", `x1d 1dx`, []string{"identifier:x1d", "long literal:1", "identifier:dx"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks, err := Lex(tc.in)
			if err != nil {
				t.Fatalf("Lex(%q): %v", tc.in, err)
			}
			got := kinds(toks)
			if strings.Join(got, "\x00") != strings.Join(tc.want, "\x00") {
				t.Errorf("Lex(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			for _, tok := range toks {
				if tc.in[tok.Offset:tok.End()] != tok.Text {
					t.Errorf("token %q: offset %d does not point at its text", tok.Text, tok.Offset)
				}
			}
		})
	}
}

func TestLexPositions(t *testing.T) {
	toks, err := Lex("T\n| where x == 'é'\n  | take 5")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{"T": {1, 1}, "where": {2, 3}, "x": {2, 9}, "'é'": {2, 14}, "take": {3, 5}}
	for _, tok := range toks {
		pos, ok := want[tok.Text]
		if !ok || pos[0] == 0 {
			continue
		}
		if tok.Line != pos[0] || tok.Column != pos[1] {
			t.Errorf("%q at %d:%d, want %d:%d", tok.Text, tok.Line, tok.Column, pos[0], pos[1])
		}
	}
}

func TestLexErrors(t *testing.T) {
	tests := []struct {
		name, in, wantMsg string
		line, col         int
	}{
		{"unterminated single", "T\n| where A == 'abc", "unterminated string literal", 2, 14},
		{"unterminated double at newline", "print \"abc\nx\"", "unterminated string literal", 1, 7},
		{"unterminated verbatim", "print @'abc", "unterminated verbatim", 1, 7},
		{"unterminated multi-line", "print ```abc", "unterminated multi-line", 1, 7},
		{"unterminated bracket", "project ['a ", "unterminated string literal", 1, 9},
		{"lone verbatim marker in brackets", "[@", "verbatim string literal", 1, 1},
		{"stray character", "T | where A == `x", "unexpected character", 1, 16},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Lex(tc.in)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Lex(%q) error = %v, want *SyntaxError", tc.in, err)
			}
			if !strings.Contains(se.Msg, tc.wantMsg) || se.Line != tc.line || se.Column != tc.col {
				t.Errorf("got %q at %d:%d, want %q at %d:%d", se.Msg, se.Line, se.Column, tc.wantMsg, tc.line, tc.col)
			}
		})
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{"single", `'a\'b'`, `a'b`, false},
		{"double with escapes", `"a\\b\n\t\"q\u0041"`, "a\\b\n\t\"qA", false},
		{"verbatim windows path", `@'C:\Windows\System32'`, `C:\Windows\System32`, false},
		{"verbatim doubled quote", `@"say ""hi"""`, `say "hi"`, false},
		{"obfuscated", `h'secret'`, "secret", false},
		{"obfuscated verbatim", `H@'c:\x'`, `c:\x`, false},
		{"multi-line", "```a\n'b'```", "a\n'b'", false},
		{"bad unicode escape", `'\u00'`, "", true},
		{"not a literal", `abc`, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Unquote(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Unquote(%q) error = %v, wantErr %v", tc.in, err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("Unquote(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseTimespan(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"7d", 7 * 24 * time.Hour, false},
		{"1.5h", 90 * time.Minute, false},
		{"100ms", 100 * time.Millisecond, false},
		{"2tick", 200 * time.Nanosecond, false},
		{"30minutes", 30 * time.Minute, false},
		{"7x", 0, true},
		{"d", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTimespan(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParseTimespan(%q) = %v, %v; want %v, err %v", tc.in, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestIdentName(t *testing.T) {
	toks, err := Lex(`['Col Name'] Plain ["a\"b"]`)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{IdentName(toks[0]), IdentName(toks[1]), IdentName(toks[2])}
	want := []string{"Col Name", "Plain", `a"b`}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("IdentName(%q) = %q, want %q", toks[i].Text, got[i], want[i])
		}
	}
}

func ExampleLex() {
	toks, _ := Lex(`T | where Timestamp > ago(7d) // recent`)
	for _, t := range toks {
		fmt.Printf("%s %q\n", t.Kind, t.Text)
	}
	// Output:
	// identifier "T"
	// punctuation "|"
	// identifier "where"
	// identifier "Timestamp"
	// punctuation ">"
	// identifier "ago"
	// punctuation "("
	// timespan literal "7d"
	// punctuation ")"
	// comment "// recent"
	// end of query ""
}
