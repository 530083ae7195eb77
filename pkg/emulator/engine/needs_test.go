package engine

import (
	"sort"
	"strings"
	"testing"
)

func TestColumnNeeds(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // sorted columns the source must carry; "*" for every column
	}{
		{"project after where", `T | where A > 1 | project B, C = D + 1`, "A,B,D"},
		{"summarize", `T | where Timestamp > ago(1d) | summarize count() by bin(Timestamp, 1h), E`, "E,Timestamp"},
		{"count keeps nothing", `T | where A == 1 | count`, "A"},
		{"extend defines what project reads", `T | extend X = A * 2 | project X, B`, "A,B"},
		{"arg_max star needs all", `T | summarize arg_max(Timestamp, *) by A`, "*"},
		{"result without project needs all", `T | where A == 1`, "*"},
		{"join needs all", `T | join (U) on A | project A`, "*"},
		{"user function needs all", "let f = (x:long) { x }; T | where f(A) > 1 | project B", "*"},
		{"sort then take", `T | sort by A desc | take 5 | project B`, "A,B"},
		{"mv-expand", `T | mv-expand L | summarize count() by L`, "L"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := parse(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			sc := newScope(nil)
			for _, l := range q.lets {
				if l.fn != nil {
					sc.vars[l.name] = &binding{fn: l.fn, fnScope: sc}
				}
			}
			need := columnNeeds(q.result.ops, sc)[0]
			got := "*"
			if need != nil {
				var names []string
				for n := range need {
					names = append(names, n)
				}
				sort.Strings(names)
				got = strings.Join(names, ",")
			}
			if got != tc.want {
				t.Errorf("needs of %q = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}
