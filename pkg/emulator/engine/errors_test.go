package engine

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantMsg   string
		line, col int
	}{
		{"unknown column in where", "DeviceLogonEvents\n| where Nope == 1", "'where' operator: Failed to resolve scalar expression named 'Nope'", 2, 9},
		{"unknown column in extend", "DeviceLogonEvents | extend x = tolower(Nope)", "'extend' operator: Failed to resolve scalar expression named 'Nope'", 1, 40},
		{"unknown table", "Foo | take 1", "Failed to resolve table or column expression named 'Foo'", 1, 1},
		{"unknown function", "DeviceLogonEvents | extend x = frobnicate(1)", "'extend' operator: Failed to resolve scalar expression named 'frobnicate'", 1, 32},
		{"unknown operator", "DeviceLogonEvents | frob", "Syntax error: unknown tabular operator 'frob'", 1, 21},
		{"missing expression", "DeviceLogonEvents | where", "Syntax error: expected an expression but found the end of the query", 1, 26},
		{"unterminated string", "DeviceLogonEvents | where AccountName == 'x", "Syntax error: unterminated string literal", 1, 42},
		{"missing paren", "DeviceLogonEvents | where AccountName in ('a', 'b'", "Syntax error: expected ',' or ')' in the list but found the end of the query", 1, 51},
		{"externaldata", "externaldata(x:string)[@'https://example.com/x.csv'] | take 1", "externaldata is not supported by the emulator: it cannot fetch external data offline", 1, 1},
		{"externaldata in let", "let feed = externaldata(x:string)['https://x'];\nfeed | take 1", "externaldata is not supported by the emulator", 1, 12},
		{"aggregate outside summarize", "DeviceLogonEvents | extend c = count()", "aggregation function 'count' can only be used in summarize", 1, 32},
		{"predicate not bool", "DeviceLogonEvents | where AccountName", "'where' operator: the predicate must be a bool, not string", 1, 27},
		{"type error from operator", "DeviceLogonEvents | extend x = AccountName * 2", "'extend' operator: operator *", 1, 44},
		{"no result", "let x = 1;", "Syntax error: the query has no tabular expression", 0, 0},
		{"scalar used as table", "let x = 1; x | take 1", "'x' is a scalar value, not a table", 1, 12},
		{"table used as scalar", "let t = DeviceLogonEvents; print t", "'print' operator: 't' is a tabular expression", 1, 34},
		{"function arity", "DeviceLogonEvents | extend x = tolower()", "'extend' operator: tolower() expects 1 argument, got 0", 1, 32},
		{"unsupported plugin", "DeviceLogonEvents | evaluate autocluster()", "evaluate plugin 'autocluster' is not supported", 1, 30},
		{"invalid datetime", "print datetime(yesterday)", "Syntax error: datetime(yesterday)", 1, 15},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runQuery(t, testCatalog(), tc.in)
			var qe *dataset.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error = %v (%T), want *dataset.QueryError", err, err)
			}
			if !containsStr(qe.Message, tc.wantMsg) || qe.Line != tc.line || qe.Column != tc.col {
				t.Errorf("got %q at %d:%d\nwant %q at %d:%d", qe.Message, qe.Line, qe.Column, tc.wantMsg, tc.line, tc.col)
			}
		})
	}
}

func containsStr(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && indexOf(s, sub) >= 0
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestQueryScope(t *testing.T) {
	cat := testCatalog()
	cat.Tables["Legacy"] = &dataset.Table{Name: "Legacy", Columns: []*dataset.Column{timeCol("EventTime", time.Hour, 3*time.Hour, 4*time.Hour), strCol("MachineId", "d1", "d2", "")}}
	eng := New(cat)
	tests := []struct {
		name string
		q    dataset.Query
		want string
	}{
		{"time window applies to every scan", dataset.Query{Text: "union DeviceProcessEvents, DeviceNetworkEvents | count", From: testNow.Add(-25 * time.Hour), To: testNow.Add(-90 * time.Minute)},
			"Count\n3"},
		{"device groups limit rows", dataset.Query{Text: "DeviceProcessEvents | distinct DeviceId | order by DeviceId asc", DeviceGroups: []string{"Workstations"}},
			"DeviceId\nd2\nd3"},
		{"device groups hide unknown devices", dataset.Query{Text: "DeviceNetworkEvents | count", DeviceGroups: []string{"Servers", "Workstations"}},
			"Count\n2"},
		{"tables without DeviceId are not filtered by group", dataset.Query{Text: "datatable(x:long)[1,2] | count", DeviceGroups: []string{}},
			"Count\n2"},
		{"legacy EventTime is the time column of legacy tables", dataset.Query{Text: "Legacy | count", From: testNow.Add(-150 * time.Minute)},
			"Count\n1"},
		{"device groups apply to legacy MachineId", dataset.Query{Text: "Legacy | project MachineId", DeviceGroups: []string{"Workstations"}},
			"MachineId\nd2\n"},
		{"MaxRows caps the result", dataset.Query{Text: "DeviceProcessEvents | project ProcessId", MaxRows: 2},
			"ProcessId\n100\n200"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.Now = testNow
			out, err := eng.Run(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := render(out); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestCancelledContextStopsQuery(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(testCatalog()).Run(ctx, dataset.Query{Text: "DeviceProcessEvents | where ProcessId > 0 | count", Now: testNow})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

func TestRowLimitStopsRunawayJoin(t *testing.T) {
	eng := New(testCatalog(), WithRowLimit(10))
	_, err := eng.Run(context.Background(), dataset.Query{Text: "range i from 1 to 5 step 1 | extend k = 1 | join kind=inner (range j from 1 to 5 step 1 | extend k = 1) on k", Now: testNow})
	var qe *dataset.QueryError
	if !errors.As(err, &qe) || !containsStr(qe.Message, "rows") {
		t.Fatalf("error = %v, want a row-limit QueryError", err)
	}
}

func TestCellLimitStopsWideCopies(t *testing.T) {
	eng := New(testCatalog(), WithCellLimit(20))
	_, err := eng.Run(context.Background(), dataset.Query{Text: "DeviceProcessEvents | join kind=inner (DeviceProcessEvents) on DeviceId", Now: testNow})
	var qe *dataset.QueryError
	if !errors.As(err, &qe) || !containsStr(qe.Message, "more than the emulator's limit of 20 cells") {
		t.Fatalf("error = %v, want a cell-limit QueryError", err)
	}
	if _, err := eng.Run(context.Background(), dataset.Query{Text: "DeviceProcessEvents | join kind=inner (DeviceProcessEvents) on DeviceId | count", Now: testNow}); err != nil {
		t.Fatalf("a join that is only counted copies no columns, got %v", err)
	}
}

func TestConcurrentRunsShareOneEngine(t *testing.T) {
	eng := New(testCatalog())
	const q = `DeviceProcessEvents | join kind=inner (DeviceNetworkEvents) on DeviceId | summarize n = count() by DeviceId | order by DeviceId asc`
	want := "DeviceId,n\nd1,2\nd2,2"
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			out, err := eng.Run(context.Background(), dataset.Query{Text: q, Now: testNow, DeviceGroups: []string{"Servers", "Workstations"}})
			if err == nil && render(out) != want {
				err = errors.New("unexpected result:\n" + render(out))
			}
			errs <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
