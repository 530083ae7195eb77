package kql

import (
	"fmt"
	"strings"
	"testing"
)

// testRenames mirrors a part of defenderschema's legacy-aliases.json; the plugin's tests cover every
// entry of the real table.
var testRenames = Renames{
	Tables: map[string]string{"ProcessCreationEvents": "DeviceProcessEvents", "NetworkCommunicationEvents": "DeviceNetworkEvents",
		"MachineInfo": "DeviceInfo", "LogonEvents": "DeviceLogonEvents"},
	Columns: map[string]string{"EventTime": "Timestamp", "ComputerName": "DeviceName", "MachineId": "DeviceId",
		"RemoteComputerName": "RemoteDeviceName", "RegistryMachineTag": "RegistryDeviceTag"},
	TableColumns: map[string][]string{
		"ProcessCreationEvents":      {"EventTime", "MachineId", "ComputerName"},
		"NetworkCommunicationEvents": {"EventTime", "MachineId", "ComputerName"},
		"MachineInfo":                {"EventTime", "MachineId", "ComputerName", "RegistryMachineTag"},
		"LogonEvents":                {"EventTime", "MachineId", "ComputerName", "RemoteComputerName"},
	},
}

// seedQuery is the seed document's example (the 2018 MDE API docs).
const seedQuery = `ProcessCreationEvents
| where InitiatingProcessFileName =~ "powershell.exe"
| project EventTime, FileName, InitiatingProcessFileName
| limit 2`

func rewrites(r LegacyResult) string {
	var s []string
	for _, rw := range r.Rewrites {
		s = append(s, fmt.Sprintf("%s %s->%s x%d", rw.Kind, rw.Old, rw.New, rw.Count))
	}
	return strings.Join(s, "; ")
}

func TestRewriteLegacy(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantRewrites   string // "" = do not check
		wantShadowed   string
	}{
		{name: "seed document query keeps its column names", in: seedQuery,
			want:         "DeviceProcessEvents\n| where InitiatingProcessFileName =~ \"powershell.exe\"\n| project EventTime = Timestamp, FileName, InitiatingProcessFileName\n| limit 2",
			wantRewrites: "table ProcessCreationEvents->DeviceProcessEvents x1; column EventTime->Timestamp x1"},
		{name: "filter before the projection is renamed, after it is the query's own",
			in:   "ProcessCreationEvents | where EventTime > ago(1h) and ComputerName has 'srv' | project EventTime, ComputerName | where EventTime > ago(30m)",
			want: "DeviceProcessEvents | where Timestamp > ago(1h) and DeviceName has 'srv' | project EventTime = Timestamp, ComputerName = DeviceName | where EventTime > ago(30m)"},
		{name: "computed projection", in: "MachineInfo | project Host = tolower(ComputerName), EventTime",
			want: "DeviceInfo | project Host = tolower(DeviceName), EventTime = Timestamp", wantShadowed: ""},
		{name: "unprojected result is renamed back at the end",
			in:   "ProcessCreationEvents | where MachineId == 'm1' | take 5",
			want: "DeviceProcessEvents | where DeviceId == 'm1' | take 5 | project-rename ComputerName = DeviceName, EventTime = Timestamp, MachineId = DeviceId"},
		{name: "rename back goes before a trailing comment's line, not into it",
			in:   "MachineInfo | take 1 // newest",
			want: "DeviceInfo | take 1 | project-rename ComputerName = DeviceName, EventTime = Timestamp, MachineId = DeviceId, RegistryMachineTag = RegistryDeviceTag // newest"},
		{name: "rename back goes before render",
			in:   "ProcessCreationEvents | summarize count() by bin(EventTime, 1h) | render timechart with (xcolumn=EventTime)",
			want: "DeviceProcessEvents | summarize count() by EventTime = bin(Timestamp, 1h) | render timechart with (xcolumn=EventTime)"},
		{name: "project-away drops what it removes from the rename back",
			in:   "ProcessCreationEvents | project-away MachineId, ComputerName",
			want: "DeviceProcessEvents | project-away DeviceId, DeviceName | project-rename EventTime = Timestamp"},
		{name: "summarize keys and aggregates keep their names",
			in:   "ProcessCreationEvents | summarize max(EventTime), dcount(MachineId), n = count() by ComputerName, bin(EventTime, 1d)",
			want: "DeviceProcessEvents | summarize max_EventTime = max(Timestamp), dcount_MachineId = dcount(DeviceId), n = count() by ComputerName = DeviceName, EventTime = bin(Timestamp, 1d)"},
		{name: "arg_max star carries current names, renamed back",
			in:   "ProcessCreationEvents | summarize arg_max(EventTime, *) by MachineId",
			want: "DeviceProcessEvents | summarize arg_max(Timestamp, *) by MachineId = DeviceId | project-rename ComputerName = DeviceName, EventTime = Timestamp"},
		{name: "distinct cannot alias, so the result is renamed back",
			in:   "ProcessCreationEvents | distinct ComputerName",
			want: "DeviceProcessEvents | distinct DeviceName | project-rename ComputerName = DeviceName"},
		{name: "count resets", in: "ProcessCreationEvents | where ComputerName != '' | count",
			want: "DeviceProcessEvents | where DeviceName != '' | count"},
		{name: "join subquery renamed only, keys match on both sides",
			in:   "ProcessCreationEvents | join kind=inner (NetworkCommunicationEvents | project MachineId, RemoteIP) on MachineId | project EventTime, ComputerName, RemoteIP",
			want: "DeviceProcessEvents | join kind=inner (DeviceNetworkEvents | project DeviceId, RemoteIP) on DeviceId | project EventTime = Timestamp, ComputerName = DeviceName, RemoteIP"},
		{name: "join sides by $left and $right",
			in:   "ProcessCreationEvents | join (LogonEvents) on $left.MachineId == $right.MachineId | take 1 | project EventTime",
			want: "DeviceProcessEvents | join (DeviceLogonEvents) on $left.DeviceId == $right.DeviceId | take 1 | project EventTime = Timestamp"},
		{name: "union of legacy tables",
			in:   "union ProcessCreationEvents, (NetworkCommunicationEvents | where RemotePort == 443) | summarize count() by ComputerName",
			want: "union DeviceProcessEvents, (DeviceNetworkEvents | where RemotePort == 443) | summarize count() by ComputerName = DeviceName"},
		{name: "let bound to a legacy table",
			in:   "let procs = ProcessCreationEvents | where EventTime > ago(1d);\nprocs | where ComputerName startswith 'srv' | take 3",
			want: "let procs = DeviceProcessEvents | where Timestamp > ago(1d);\nprocs | where DeviceName startswith 'srv' | take 3 | project-rename ComputerName = DeviceName, EventTime = Timestamp, MachineId = DeviceId"},
		{name: "bracketed column name", in: "ProcessCreationEvents | project ['EventTime'], [\"ComputerName\"]",
			want: "DeviceProcessEvents | project ['Timestamp'], [\"DeviceName\"]"},
		{name: "dynamic property is not a column", in: "ProcessCreationEvents | where AdditionalFields.MachineId == 1 | project EventTime",
			want: "DeviceProcessEvents | where AdditionalFields.MachineId == 1 | project EventTime = Timestamp"},
		{name: "time macro already expanded", in: "LogonEvents | where EventTime between (datetime(2026-01-01) .. datetime(2026-01-02)) | project EventTime, RemoteComputerName",
			want: "DeviceLogonEvents | where Timestamp between (datetime(2026-01-01) .. datetime(2026-01-02)) | project EventTime = Timestamp, RemoteComputerName = RemoteDeviceName"},
		{name: "make-series axis renamed back",
			in:   "ProcessCreationEvents | make-series n = count() on EventTime step 1h by ComputerName",
			want: "DeviceProcessEvents | make-series n = count() on Timestamp step 1h by ComputerName = DeviceName | project-rename EventTime = Timestamp"},
		{name: "operators in one word with dashes", in: "MachineInfo | project-rename Host = ComputerName | project-keep Host, EventTime",
			want: "DeviceInfo | project-rename Host = DeviceName | project-keep Host, Timestamp | project-rename EventTime = Timestamp"},

		// Strings and comments are never rewritten.
		{name: "names inside strings stay", in: `ProcessCreationEvents | where ProcessCommandLine has "ProcessCreationEvents EventTime" | project EventTime`,
			want: `DeviceProcessEvents | where ProcessCommandLine has "ProcessCreationEvents EventTime" | project EventTime = Timestamp`},
		{name: "every string form stays", in: "ProcessCreationEvents | where FileName in ('MachineId', @'C:\\EventTime', h'ComputerName', ```MachineInfo```) | project FileName",
			want: "DeviceProcessEvents | where FileName in ('MachineId', @'C:\\EventTime', h'ComputerName', ```MachineInfo```) | project FileName"},
		{name: "names inside comments stay", in: "// ProcessCreationEvents by EventTime\nProcessCreationEvents // MachineInfo\n| project EventTime // EventTime",
			want: "// ProcessCreationEvents by EventTime\nDeviceProcessEvents // MachineInfo\n| project EventTime = Timestamp // EventTime"},
		{name: "legacy names only in a string or comment: unchanged", in: "DeviceInfo // was MachineInfo, EventTime\n| where DeviceName != 'ProcessCreationEvents'",
			want: "DeviceInfo // was MachineInfo, EventTime\n| where DeviceName != 'ProcessCreationEvents'", wantRewrites: ""},

		// Shadowing: the query's own names win.
		{name: "let shadows a legacy column", in: "let MachineId = 'm1';\nProcessCreationEvents | where DeviceId == MachineId | project EventTime",
			want: "let MachineId = 'm1';\nDeviceProcessEvents | where DeviceId == MachineId | project EventTime = Timestamp", wantShadowed: "MachineId"},
		{name: "let shadows a legacy table", in: "let MachineInfo = DeviceInfo | where OSPlatform == 'Windows10';\nMachineInfo | take 1",
			want: "let MachineInfo = DeviceInfo | where OSPlatform == 'Windows10';\nMachineInfo | take 1", wantShadowed: "MachineInfo"},
		{name: "extend shadows a legacy column", in: "ProcessCreationEvents | extend EventTime = now() | project EventTime, ComputerName",
			want: "DeviceProcessEvents | extend EventTime = now() | project EventTime, ComputerName = DeviceName", wantShadowed: "EventTime"},
		{name: "function parameter shadows", in: "let f = (ComputerName:string) { ProcessCreationEvents | where DeviceName == ComputerName };\nf('a') | project EventTime",
			want: "let f = (ComputerName:string) { DeviceProcessEvents | where DeviceName == ComputerName };\nf('a') | project EventTime = Timestamp", wantShadowed: "ComputerName"},
		{name: "datatable column shadows", in: "datatable(MachineId:string)['m1'] | join ProcessCreationEvents on MachineId",
			want: "datatable(MachineId:string)['m1'] | join DeviceProcessEvents on MachineId | project-rename ComputerName = DeviceName, EventTime = Timestamp", wantShadowed: "MachineId"},

		// Current names: byte for byte unchanged.
		{name: "current names unchanged", in: "DeviceProcessEvents\n| where Timestamp > ago(1h)\n| project Timestamp, DeviceName",
			want: "DeviceProcessEvents\n| where Timestamp > ago(1h)\n| project Timestamp, DeviceName", wantRewrites: ""},
		{name: "legacy column on a current table is the user's", in: "DeviceInfo | project EventTime, MachineId",
			want: "DeviceInfo | project EventTime, MachineId", wantRewrites: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RewriteLegacy(tc.in, testRenames)
			if err != nil {
				t.Fatal(err)
			}
			if got.Query != tc.want {
				t.Errorf("RewriteLegacy\n  in: %s\n got: %s\nwant: %s", tc.in, got.Query, tc.want)
			}
			if tc.wantRewrites != "" || tc.want == tc.in {
				if r := rewrites(got); r != tc.wantRewrites {
					t.Errorf("rewrites %q, want %q", r, tc.wantRewrites)
				}
			}
			if s := strings.Join(got.Shadowed, ","); s != tc.wantShadowed {
				t.Errorf("shadowed %q, want %q", s, tc.wantShadowed)
			}
			if got.Changed() != (tc.want != tc.in) {
				t.Errorf("Changed() = %v", got.Changed())
			}
			again, err := RewriteLegacy(got.Query, testRenames)
			if err != nil || again.Query != got.Query {
				t.Errorf("second rewrite changed the query again:\n%s\n%s (%v)", got.Query, again.Query, err)
			}
		})
	}
}

func TestRewriteLegacyIsByteIdentical(t *testing.T) {
	// Whitespace, comments, CRLF and odd spacing between rewrites survive exactly.
	in := "ProcessCreationEvents\r\n|   where   FileName   =~ 'x'  // keep  this\r\n\t| project\tEventTime ,FileName"
	got, err := RewriteLegacy(in, testRenames)
	if err != nil {
		t.Fatal(err)
	}
	want := "DeviceProcessEvents\r\n|   where   FileName   =~ 'x'  // keep  this\r\n\t| project\tEventTime = Timestamp ,FileName"
	if got.Query != want {
		t.Fatalf("got %q\nwant %q", got.Query, want)
	}
	// A query with current names comes back as the very same string.
	cur := "DeviceProcessEvents | where Timestamp > ago(1d) | summarize count() by DeviceName"
	same, _ := RewriteLegacy(cur, testRenames)
	if same.Query != cur || same.Changed() {
		t.Fatalf("current query changed: %q", same.Query)
	}
}

func TestRewriteLegacyBadQuery(t *testing.T) {
	_, err := RewriteLegacy("ProcessCreationEvents | where FileName == 'unterminated", testRenames)
	if err == nil || !strings.Contains(err.Error(), "unterminated") {
		t.Fatalf("error %v, want the lexer's message", err)
	}
}

// FuzzRewriteLegacy: any text either fails to lex or rewrites without panicking, a second rewrite is a no-op,
// and text naming no retired table comes back unchanged.
func FuzzRewriteLegacy(f *testing.F) {
	for _, s := range []string{seedQuery, "ProcessCreationEvents | summarize arg_max(EventTime, *) by MachineId | render timechart",
		"let a = (x:string) { MachineInfo | where ComputerName == x }; a('h') | project EventTime",
		"union (LogonEvents | project MachineId), ProcessCreationEvents | join kind=leftouter (MachineInfo) on $left.MachineId == $right.MachineId",
		"ProcessCreationEvents | project-rename | project ( | summarize by | make-series on", "ProcessCreationEvents | project ['EventTime'], [@'x']"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		res, err := RewriteLegacy(q, testRenames)
		if err != nil {
			return
		}
		if !res.Changed() && res.Query != q {
			t.Fatalf("unchanged result differs from the input: %q", res.Query)
		}
		again, err := RewriteLegacy(res.Query, testRenames)
		if err != nil || again.Changed() {
			t.Fatalf("second rewrite of %q changed %q again: %q (%v)", q, res.Query, again.Query, err)
		}
	})
}
