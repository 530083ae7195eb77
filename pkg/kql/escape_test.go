package kql

import "testing"

func TestQuoteString(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "powershell.exe", want: `'powershell.exe'`},
		{name: "domain user", in: `CONTOSO\alice`, want: `'CONTOSO\\alice'`},
		{name: "windows path", in: `C:\Windows\System32\cmd.exe`, want: `'C:\\Windows\\System32\\cmd.exe'`},
		{name: "single quote", in: "O'Brien", want: `'O\'Brien'`},
		{name: "double quote", in: `say "hi"`, want: `'say "hi"'`},
		{name: "newline and tab", in: "a\nb\tc\r", want: `'a\nb\tc\r'`},
		{name: "control char", in: "a\x01b", want: `'a\u0001b'`},
		{name: "unicode", in: "ünïcødé 🔒", want: `'ünïcødé 🔒'`},
		{name: "empty", in: "", want: `''`},
		{name: "macro-like text", in: "$__timeFilter", want: `'$__timeFilter'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := QuoteString(tt.in)
			if got != tt.want {
				t.Fatalf("QuoteString(%q) = %s, want %s", tt.in, got, tt.want)
			}
			// The literal must lex as one string token and decode back to the input.
			toks, err := Lex("print " + got)
			if err != nil || len(toks) != 3 || toks[1].Kind != String {
				t.Fatalf("Lex(print %s) = %v, %v; want one string token", got, toks, err)
			}
			back, err := Unquote(toks[1].Text)
			if err != nil || back != tt.in {
				t.Fatalf("Unquote(%s) = %q, %v; want %q", got, back, err, tt.in)
			}
		})
	}
}

func TestQuoteList(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{name: "empty", in: nil, want: ""},
		{name: "one", in: []string{"a"}, want: `'a'`},
		{name: "several", in: []string{`DOM\u`, "b'c"}, want: `'DOM\\u', 'b\'c'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := QuoteList(tt.in); got != tt.want {
				t.Fatalf("QuoteList(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}
