package functions

import (
	"fmt"
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

// A column needle (RemoteIP endswith RemoteIP1 after a join) changes per row: every predicate must still
// give what it gives for the same needle as a constant.
func TestStringOperatorsColumnNeedle(t *testing.T) {
	hay := strs("10.1.2.3", "C:\\Windows\\System32\\CMD.exe", "Größe.txt", "abc", "", "x y z")
	runScalarCases(t, []scalarCase{
		{"endswith", "op:endswith", in2(hay, strs("2.3", "cmd.EXE", "E.TXT", "abcd", "", "Z")), []any{true, true, true, false, true, true}, ""},
		{"!endswith", "op:!endswith", in2(hay, strs("2.3", "cmd.EXE", "E.TXT", "abcd", "", "Z")), []any{false, false, false, true, false, false}, ""},
		{"endswith_cs", "op:endswith_cs", in2(hay, strs("2.3", "cmd.exe", "e.txt", "bc", "", "Z")), []any{true, false, true, true, true, false}, ""},
		{"startswith", "op:startswith", in2(hay, strs("10.", "c:\\windows", "GRÖ", "ABC", "a", "x")), []any{true, true, true, true, false, true}, ""},
		{"=~", "op:=~", in2(hay, strs("10.1.2.3", "c:\\windows\\system32\\cmd.exe", "GRÖSSE.TXT", "ABC", "", "x y")), []any{true, true, false, true, true, false}, ""},
		{"has, repeated needles", "op:has", in2(hay, strs("2", "system32", "system32", "abc", "abc", "y")), []any{true, true, false, true, false, true}, ""},
		{"contains non-ASCII", "op:contains", in2(hay, strs("RÖ", "RÖ", "RÖ", "b", "b", "Y")), []any{false, false, true, true, false, true}, ""},
		{"number needle uses tostring", "op:endswith", in2(strs("port 445", "port 80"), longs(445, 445)), []any{true, false}, ""},
	})
}

// A column needle must not cost an allocation per row (a matcher used to be built for every row).
func TestStringOperatorsColumnNeedleAllocations(t *testing.T) {
	const rows = 1000
	hay, nee := newOut(dataset.String, rows), newOut(dataset.String, rows)
	for i := range hay.Str {
		hay.Str[i] = fmt.Sprintf("10.0.%d.%d", i/256, i%256)
		nee.Str[i] = fmt.Sprintf("%d.%d", i/256, i%256)
	}
	reg := NewRegistry()
	for _, op := range []string{"op:endswith", "op:startswith_cs", "op:=~", "op:has", "op:contains"} {
		t.Run(op, func(t *testing.T) {
			f, _ := reg.Scalar(op)
			allocs := testing.AllocsPerRun(5, func() { _, _ = f.Eval(testCtx(), in2(hay, nee), rows) })
			if allocs > rows/10 {
				t.Errorf("%s with a column needle made %.0f allocations over %d rows, want none per row", op, allocs, rows)
			}
		})
	}
}
