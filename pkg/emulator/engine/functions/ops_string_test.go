package functions

import (
	"testing"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func TestStringOperators(t *testing.T) {
	hay := strs("powershell.exe -EncodedCommand AAA", "C:\\Windows\\System32\\cmd.exe /c whoami", "KustoExplorerQueryRun", "")
	n := func(s string) *dataset.Column { return strs(s, s, s, s) }
	runScalarCases(t, []scalarCase{
		{"has whole term any case", "op:has", in2(hay, n("encodedcommand")), []any{true, false, false, false}, ""},
		{"has not a term prefix", "op:has", in2(hay, n("Encoded")), []any{false, false, false, false}, ""},
		{"has not inside a term", "op:has", in2(hay, n("Explorer")), []any{false, false, false, false}, ""},
		{"has needle with separators", "op:has", in2(hay, n("cmd.exe")), []any{false, true, false, false}, ""},
		{"has needle with leading separator", "op:has", in2(hay, n("-encodedcommand")), []any{true, false, false, false}, ""},
		{"!has", "op:!has", in2(hay, n("whoami")), []any{true, false, true, true}, ""},
		{"has_cs", "op:has_cs", in2(hay, n("WHOAMI")), []any{false, false, false, false}, ""},
		{"hasprefix", "op:hasprefix", in2(hay, n("Encod")), []any{true, false, false, false}, ""},
		{"hassuffix", "op:hassuffix", in2(hay, n("hell")), []any{true, false, false, false}, ""},
		{"contains inside term", "op:contains", in2(hay, n("EXPLORER")), []any{false, false, true, false}, ""},
		{"!contains", "op:!contains", in2(hay, n("exe")), []any{false, false, true, true}, ""},
		{"notcontains alias", "op:notcontains", in2(hay, n("exe")), []any{false, false, true, true}, ""},
		{"contains_cs", "op:contains_cs", in2(hay, n("encoded")), []any{false, false, false, false}, ""},
		{"startswith", "op:startswith", in2(hay, n("POWER")), []any{true, false, false, false}, ""},
		{"!startswith", "op:!startswith", in2(hay, n("c:")), []any{true, false, true, true}, ""},
		{"endswith", "op:endswith", in2(hay, n("RUN")), []any{false, false, true, false}, ""},
		{"endswith_cs", "op:endswith_cs", in2(hay, n("RUN")), []any{false, false, false, false}, ""},
		{"=~", "op:=~", in2(hay, n("kustoexplorerqueryrun")), []any{false, false, true, false}, ""},
		{"!~", "op:!~", in2(hay, n("kustoexplorerqueryrun")), []any{true, true, false, true}, ""},
		{"matches regex", "op:matches regex", in2(hay, n(`(?i)cmd\.exe\s+/c`)), []any{false, true, false, false}, ""},
		{"bad regex", "op:matches regex", in2(hay, n(`(`)), nil, "invalid regular expression"},
		{"per-row needles", "op:has", in2(strs("a b", "c d"), strs("b", "x")), []any{true, false}, ""},
		{"non-ASCII needle", "op:contains", in2(strs("Größe", "x"), strs("GRÖ", "GRÖ")), []any{true, false}, ""},
		{"number haystack uses tostring", "op:startswith", in2(longs(12345, nil), strs("12", "12")), []any{true, false}, ""},
	})
}
