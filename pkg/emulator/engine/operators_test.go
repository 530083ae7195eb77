package engine

import (
	"strings"
	"testing"
)

type queryCase struct {
	name    string
	in      string
	want    string // render() of the result
	wantErr string // substring of the error
}

func runCases(t *testing.T, cases []queryCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runQuery(t, testCatalog(), tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("query %q\nerror = %v, want one containing %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("query %q: %v", tc.in, err)
			}
			if got := render(out); got != tc.want {
				t.Errorf("query %q\n got:\n%s\nwant:\n%s", tc.in, got, tc.want)
			}
		})
	}
}

func TestWhereProjectExtend(t *testing.T) {
	runCases(t, []queryCase{
		{name: "where equals is case-sensitive", in: `DeviceProcessEvents | where FileName == "powershell.exe" | project ProcessId`, want: "ProcessId\n100"},
		{name: "where =~ ignores case", in: `DeviceProcessEvents | where FileName =~ "powershell.exe" | project ProcessId`, want: "ProcessId\n100\n300"},
		{name: "filter is where", in: `DeviceProcessEvents | filter ProcessId > 300 | project ProcessId`, want: "ProcessId\n400\n500"},
		{name: "dynamic bool predicate", in: `print d = dynamic({"on": true}) | where d.on | count`, want: "Count\n1"},
		{name: "and or precedence", in: `DeviceProcessEvents | where ProcessId == 100 or ProcessId > 200 and DeviceId == "d2" | project ProcessId`, want: "ProcessId\n100\n300\n500"},
		{name: "time filter with ago", in: `DeviceProcessEvents | where Timestamp > ago(1d) | count`, want: "Count\n3"},
		{name: "between timespans", in: `DeviceProcessEvents | where Timestamp between (ago(30h) .. ago(90m)) | project ProcessId`, want: "ProcessId\n200\n300\n400"},
		{name: "in list", in: `DeviceProcessEvents | where DeviceId in ("d2", "d3") | project ProcessId`, want: "ProcessId\n300\n400\n500"},
		{name: "not in~ list", in: `DeviceProcessEvents | where FileName !in~ ("POWERSHELL.EXE", "cmd.exe") | project ProcessId`, want: "ProcessId\n400\n500"},
		{name: "in tabular subquery", in: `DeviceProcessEvents | where DeviceId in ((DeviceNetworkEvents | where RemotePort == 443 | project DeviceId)) | project ProcessId`, want: "ProcessId\n100\n200"},
		{name: "project rename and computed", in: `DeviceProcessEvents | take 2 | project Name = FileName, Double = ProcessId * 2`, want: "Name,Double\npowershell.exe,200\ncmd.exe,400"},
		{name: "derived names stay unique", in: `DeviceLogonEvents | project AccountName, tostring(AccountName)`, want: "AccountName,AccountName1\nalice,alice"},
		{name: "unnamed expression is Column1", in: `DeviceProcessEvents | take 1 | project ProcessId + 1`, want: "Column1\n101"},
		{name: "extend adds and replaces", in: `DeviceProcessEvents | take 1 | extend ProcessId = ProcessId + 1, P2 = ProcessId * 10 | project ProcessId, P2`, want: "ProcessId,P2\n101,1010"},
		{name: "dynamic member and index", in: `DeviceProcessEvents | take 1 | project A = AdditionalFields.a, T = AdditionalFields["tags"][1], Last = AdditionalFields.tags[-1]`, want: "A,T,Last\n1,y,y"},
		{name: "dynamic dotted name", in: `DeviceProcessEvents | take 1 | extend tostring(AdditionalFields.a) | project AdditionalFields_a`, want: "AdditionalFields_a\n1"},
		{name: "project-away wildcard", in: `DeviceNetworkEvents | take 1 | project-away Remote*, Timestamp`, want: "DeviceId,InitiatingProcessId\nd1,100"},
		{name: "project-rename", in: `DeviceLogonEvents | project-rename User = AccountName | project User`, want: "User\nalice"},
		{name: "project-reorder", in: `DeviceLogonEvents | project-reorder AccountName | project-away Timestamp`, want: "AccountName,DeviceId\nalice,d1"},
		{name: "project-keep", in: `DeviceLogonEvents | project-keep Acc*`, want: "AccountName\nalice"},
		{name: "deprecated notcontains and containscs", in: `DeviceProcessEvents | where FileName notcontains "shell" and ProcessCommandLine containscs "c" | project ProcessId`, want: "ProcessId\n200\n400\n500"},
		{name: "deprecated not-equal", in: `DeviceLogonEvents | where AccountName <> "bob" | count`, want: "Count\n1"},
		{name: "literal adapts to column type", in: `DeviceNetworkEvents | where RemotePort == "443" | project RemoteIP`, want: "RemoteIP\n10.0.0.1"},
		{name: "verbatim string", in: `DeviceProcessEvents | where ProcessCommandLine has @"c:\a.txt" | project ProcessId`, want: "ProcessId\n500"},
	})
}

func TestSummarize(t *testing.T) {
	runCases(t, []queryCase{
		{name: "count by", in: `DeviceProcessEvents | summarize count() by DeviceId | order by DeviceId asc`, want: "DeviceId,count_\nd1,2\nd2,2\nd3,1"},
		{name: "no by gives one row", in: `DeviceProcessEvents | where ProcessId > 1000 | summarize count()`, want: "count_\n0"},
		{name: "several aggregations and names", in: `DeviceProcessEvents | summarize Events = count(), dcount(FileName), max(ProcessId) by DeviceId | where DeviceId == "d2"`, want: "DeviceId,Events,dcount_FileName,max_ProcessId\nd2,2,2,500"},
		{name: "bin by Timestamp keeps its name", in: `DeviceProcessEvents | summarize count() by bin(Timestamp, 1d) | order by Timestamp desc | take 1`, want: "Timestamp,count_\nnow-12h0m0s,3"},
		{name: "expression over aggregations", in: `DeviceProcessEvents | summarize Ratio = todouble(countif(DeviceId == "d1")) / count()`, want: "Ratio\n0.4"},
		{name: "arg_max star", in: `DeviceProcessEvents | summarize arg_max(Timestamp, *) by DeviceId | order by DeviceId asc | project DeviceId, ProcessId`, want: "DeviceId,ProcessId\nd1,100\nd2,300\nd3,400"},
		{name: "arg_min with columns", in: `DeviceProcessEvents | summarize arg_min(ProcessId, FileName) by DeviceId | order by DeviceId asc`, want: "DeviceId,ProcessId,FileName\nd1,100,powershell.exe\nd2,300,PowerShell.exe\nd3,400,psexec.exe"},
		{name: "make_set then mv-expand", in: `DeviceProcessEvents | where DeviceId == "d1" | summarize Files = make_set(FileName) | mv-expand Files to typeof(string) | order by Files asc`, want: "Files\ncmd.exe\npowershell.exe"},
		{name: "distinct", in: `DeviceProcessEvents | distinct DeviceId, DeviceName | order by DeviceId asc`, want: "DeviceId,DeviceName\nd1,alpha\nd2,beta\nd3,gamma"},
		{name: "count operator", in: `DeviceNetworkEvents | count`, want: "Count\n3"},
		{name: "summarize non-aggregate fails", in: `DeviceProcessEvents | summarize FileName by DeviceId`, wantErr: "not an aggregation"},
	})
}

func TestSortTopTake(t *testing.T) {
	runCases(t, []queryCase{
		{name: "sort default desc", in: `DeviceNetworkEvents | sort by RemotePort | project RemotePort`, want: "RemotePort\n443\n80\n53"},
		{name: "order asc", in: `DeviceNetworkEvents | order by RemotePort asc | project RemotePort`, want: "RemotePort\n53\n80\n443"},
		{name: "top", in: `DeviceProcessEvents | top 2 by ProcessId | project ProcessId`, want: "ProcessId\n500\n400"},
		{name: "sort two keys", in: `DeviceProcessEvents | sort by DeviceId asc, ProcessId desc | project ProcessId`, want: "ProcessId\n200\n100\n500\n300\n400"},
		{name: "nulls last on asc", in: `datatable(x:long)[3, long(null), 1] | sort by x asc nulls last`, want: "x\n1\n3\nnull"},
		{name: "nulls first by default on asc", in: `datatable(x:long)[3, long(null), 1] | sort by x asc`, want: "x\nnull\n1\n3"},
		{name: "take and limit", in: `DeviceProcessEvents | take 2 | limit 1 | project ProcessId`, want: "ProcessId\n100"},
		{name: "top-nested", in: `DeviceProcessEvents | top-nested 1 of DeviceId by count(), top-nested 1 of FileName by max(ProcessId)`, want: "DeviceId,aggregated_DeviceId,FileName,aggregated_FileName\nd1,2,cmd.exe,200"},
	})
}

func TestJoin(t *testing.T) {
	const left = `datatable(k:string, l:long)["a", 1, "a", 2, "b", 3, "c", 4]`
	const right = `(datatable(k:string, r:long)["a", 10, "a", 20, "b", 30, "d", 40])`
	runCases(t, []queryCase{
		{name: "innerunique is the default", in: left + ` | join ` + right + ` on k`, want: "k,l,k1,r\na,1,a,10\na,1,a,20\nb,3,b,30"},
		{name: "inner", in: left + ` | join kind=inner ` + right + ` on k | count`, want: "Count\n5"},
		{name: "leftouter", in: left + ` | join kind=leftouter ` + right + ` on k | where l == 4`, want: "k,l,k1,r\nc,4,,null"},
		{name: "rightouter", in: left + ` | join kind=rightouter ` + right + ` on k | where isnull(l) | project k1, r`, want: "k1,r\nd,40"},
		{name: "fullouter", in: left + ` | join kind=fullouter ` + right + ` on k | count`, want: "Count\n7"},
		{name: "leftanti", in: left + ` | join kind=leftanti ` + right + ` on k`, want: "k,l\nc,4"},
		{name: "anti alias", in: left + ` | join kind=anti ` + right + ` on k`, want: "k,l\nc,4"},
		{name: "rightanti", in: left + ` | join kind=rightanti ` + right + ` on k`, want: "k,r\nd,40"},
		{name: "leftsemi", in: left + ` | join kind=leftsemi ` + right + ` on k | project l`, want: "l\n1\n2\n3"},
		{name: "rightsemi", in: left + ` | join kind=rightsemi ` + right + ` on k | project r`, want: "r\n10\n20\n30"},
		{name: "left right keys and hints", in: `DeviceProcessEvents | join hint.strategy=shuffle kind=inner (DeviceNetworkEvents) on $left.ProcessId == $right.InitiatingProcessId | project FileName, RemoteIP`, want: "FileName,RemoteIP\npowershell.exe,10.0.0.1\nPowerShell.exe,8.8.8.8"},
		{name: "two keys joined with and", in: `DeviceProcessEvents | join kind=inner DeviceNetworkEvents on $left.ProcessId == $right.InitiatingProcessId and DeviceId | count`, want: "Count\n2"},
		{name: "join then where on both sides", in: `DeviceProcessEvents | join kind=inner (DeviceNetworkEvents) on DeviceId | where Timestamp1 > Timestamp | project ProcessId, RemoteIP`, want: "ProcessId,RemoteIP\n200,10.0.0.1\n500,8.8.8.8"},
		{name: "join then where keeps every column", in: `DeviceLogonEvents | join (DeviceNetworkEvents) on DeviceId | where Timestamp1 > Timestamp | extend Gap = Timestamp1 - Timestamp`, want: "Timestamp,DeviceId,AccountName,Timestamp1,DeviceId1,RemoteIP,RemotePort,InitiatingProcessId,Gap\nnow-5h0m0s,d1,alice,now-1h0m0s,d1,10.0.0.1,443,100,4h0m0s"},
		{name: "lookup drops right keys", in: left + ` | lookup ` + right + ` on k | where l == 4`, want: "k,l,r\nc,4,null"},
		{name: "lookup inner", in: left + ` | lookup kind=inner ` + right + ` on k | count`, want: "Count\n5"},
		{name: "unknown key", in: left + ` | join ` + right + ` on nope`, wantErr: "'join' operator: Failed to resolve column or scalar expression named 'nope'"},
		{name: "bad kind", in: left + ` | join kind=sideways ` + right + ` on k`, wantErr: "unknown join kind 'sideways'"},
	})
}

func TestUnion(t *testing.T) {
	runCases(t, []queryCase{
		{name: "union with source", in: `union withsource=T DeviceLogonEvents, (DeviceNetworkEvents | take 1) | project T, AccountName, RemotePort`, want: "T,AccountName,RemotePort\nDeviceLogonEvents,alice,null\nDeviceNetworkEvents,,443"},
		{name: "filter over union sees nulls for missing columns", in: `union withsource=S DeviceLogonEvents, DeviceNetworkEvents | where RemotePort == 443 or AccountName == "alice" | project S, AccountName, RemotePort`, want: "S,AccountName,RemotePort\nDeviceLogonEvents,alice,null\nDeviceNetworkEvents,,443"},
		{name: "isfuzzy skips missing tables", in: `union isfuzzy=true DeviceLogonEvents, NoSuchTable | count`, want: "Count\n1"},
		{name: "missing table without isfuzzy", in: `union DeviceLogonEvents, NoSuchTable | count`, wantErr: "Failed to resolve table or column expression named 'NoSuchTable'"},
		{name: "wildcard", in: `union Device*Events | count`, want: "Count\n9"},
		{name: "wildcard source", in: `Device*Events | summarize count()`, want: "count_\n9"},
		{name: "kind inner keeps common columns", in: `union kind=inner DeviceLogonEvents, DeviceNetworkEvents | take 1`, want: "Timestamp,DeviceId\nnow-5h0m0s,d1"},
		{name: "union operator", in: `DeviceLogonEvents | union (DeviceLogonEvents) | count`, want: "Count\n2"},
		// iff(dynamic, string) is a string, so the branches union into one column, not E_dynamic and E_string.
		{name: "iff of dynamic and string unions with strings", in: `DeviceNetworkEvents | take 2 | project E = iff(RemotePort == 53, split(RemoteIP, ".")[0], strcat("ip:", RemoteIP)) | union (DeviceLogonEvents | project E = AccountName)`, want: "E\nip:10.0.0.1\n8\nalice"},
		{name: "find", in: `find in (DeviceLogonEvents, DeviceNetworkEvents) where DeviceId == "d1" | project source_, DeviceId`, want: "source_,DeviceId\nDeviceLogonEvents,d1\nDeviceNetworkEvents,d1"},
		{name: "star has searches every column", in: `DeviceProcessEvents | where * has "whoami" | project ProcessId`, want: "ProcessId\n200"},
		{name: "search terms with and", in: `DeviceProcessEvents | search "powershell" and "hidden" | project ProcessId`, want: "ProcessId\n300"},
		{name: "search terms with or", in: `DeviceProcessEvents | search "whoami" or "notepad" | project ProcessId`, want: "ProcessId\n200\n500"},
		{name: "search term", in: `DeviceProcessEvents | search "WHOAMI" | project ProcessId`, want: "ProcessId\n200"},
	})
}

func TestShapingOperators(t *testing.T) {
	runCases(t, []queryCase{
		{name: "mv-expand array", in: `datatable(a:string, d:dynamic)["x", dynamic([1, 2]), "y", dynamic([])] | mv-expand d`, want: "a,d\nx,1\nx,2"},
		{name: "mv-expand then where keeps every column in order", in: `DeviceProcessEvents | extend W = split(ProcessCommandLine, " ") | mv-expand W to typeof(string) | where W startswith "-" | extend L = strlen(W) | project-away AdditionalFields, Timestamp`,
			want: "DeviceId,DeviceName,FileName,ProcessCommandLine,ProcessId,W,L\nd1,alpha,powershell.exe,powershell -enc SQBFAFgA,100,-enc,4\nd2,beta,PowerShell.exe,powershell.exe -nop -w hidden,300,-nop,4\nd2,beta,PowerShell.exe,powershell.exe -nop -w hidden,300,-w,2\nd3,gamma,psexec.exe,psexec \\\\host -s cmd,400,-s,2"},
		{name: "mv-expand straight into a join", in: `datatable(k:string, d:dynamic)["a", dynamic([1, 2])] | mv-expand d | join kind=inner (datatable(k:string, r:long)["a", 7]) on k | project d, r`, want: "d,r\n1,7\n2,7"},
		{name: "mvexpand deprecated with limit", in: `datatable(d:dynamic)[dynamic([1, 2, 3])] | mvexpand d limit 2`, want: "d\n1\n2"},
		{name: "legacy mvexpand stops at 128 elements", in: `print d = range(1, 200, 1) | mvexpand d | count`, want: "Count\n128"},
		{name: "mv-expand has no such limit", in: `print d = range(1, 200, 1) | mv-expand d | count`, want: "Count\n200"},
		{name: "mv-expand to typeof", in: `print d = dynamic(["a", "b"]) | mv-expand d to typeof(string) | getschema | project ColumnName, ColumnType`, want: "ColumnName,ColumnType\nd,string"},
		{name: "mv-expand bag", in: `print d = dynamic({"k": 1}) | mv-expand d`, want: "d\n{\"k\":1}"},
		{name: "parse simple", in: `print s = "user=bob id=42 rest" | parse s with "user=" User " id=" Id:long " " *`, want: "s,User,Id\nuser=bob id=42 rest,bob,42"},
		{name: "parse regex", in: `print s = "a1b22" | parse kind=regex s with "a" N1 "b" N2:long`, want: "s,N1,N2\na1b22,1,22"},
		{name: "parse-where drops rows that do not match", in: `datatable(s:string)["id=7", "nothing"] | parse-where s with "id=" Id:long`, want: "s,Id\nid=7,7"},
		{name: "parse no match", in: `print s = "zzz" | parse s with "user=" User`, want: "s,User\nzzz,"},
		{name: "datatable", in: `datatable(a:long, b:string, c:real, d:datetime, e:bool)[1, "x", 2, datetime(2024-05-01), true]`, want: "a,b,c,d,e\n1,x,2,now-12h0m0s,true"},
		{name: "US datetime with AM/PM", in: `print t = datetime("5/1/2024 8:00:00 AM"), u = datetime(05/01/2024)`, want: "t,u\nnow-4h0m0s,now-12h0m0s"},
		{name: "time-of-day datetime is today", in: `print t = datetime("8:00:00 AM")`, want: "t\nnow-4h0m0s"},
		{name: "print names", in: `print 1, x = "a", 2.5`, want: "print_0,x,print_2\n1,a,2.5"},
		{name: "print of a name keeps it", in: `let v = 3; print v, v + 1`, want: "v,print_1\n3,4"},
		{name: "range long", in: `range i from 1 to 7 step 3`, want: "i\n1\n4\n7"},
		{name: "range datetime", in: `range t from datetime(2024-05-01) to datetime(2024-05-01 02:00) step 1h | count`, want: "Count\n3"},
		{name: "serialize prev next row_number", in: `datatable(x:long)[1, 3, 6] | serialize | extend d = x - prev(x), n = next(x, 1, 0), r = row_number()`, want: "x,d,n,r\n1,null,3,1\n3,2,6,2\n6,3,0,3"},
		{name: "getschema", in: `DeviceLogonEvents | getschema | project ColumnName, DataType`, want: "ColumnName,DataType\nTimestamp,System.DateTime\nDeviceId,System.String\nAccountName,System.String"},
		{name: "render is accepted", in: `DeviceLogonEvents | count | render timechart with (title="x")`, want: "Count\n1"},
		{name: "as and reuse", in: `DeviceLogonEvents | as L | join (L) on DeviceId | count`, want: "Count\n1"},
		{name: "sample", in: `DeviceProcessEvents | sample 2 | count`, want: "Count\n2"},
		{name: "bag_unpack", in: `print d = dynamic({"a": 1, "b": "x"}) | evaluate bag_unpack(d)`, want: "a,b\n1,x"},
		{name: "pivot", in: `DeviceProcessEvents | project DeviceId, FileName | where DeviceId != "d3" | evaluate pivot(FileName, count(), DeviceId) | project DeviceId, ['cmd.exe']`, want: "DeviceId,cmd.exe\nd1,1\nd2,0"},
		{name: "make-series", in: `DeviceProcessEvents | make-series n = count() default = 0 on Timestamp from ago(2d) to now() step 1d by DeviceId | where DeviceId == "d1" | project n`, want: "n\n[0,2]"},
		{name: "series_decompose_anomalies tuple", in: `print s = dynamic([10, 11, 10, 12, 11, 10, 90, 11, 10, 11]) | extend (flags, score, baseline) = series_decompose_anomalies(s) | project f = flags[6], b = toint(baseline[0])`, want: "f,b\n1,18"},
		{name: "partition", in: `DeviceProcessEvents | partition by DeviceId (top 1 by ProcessId) | order by ProcessId asc | project ProcessId`, want: "ProcessId\n200\n400\n500"},
	})
}

func TestStatements(t *testing.T) {
	runCases(t, []queryCase{
		{name: "let scalars", in: "let n = 2; let since = 1d;\nDeviceProcessEvents | where Timestamp > ago(since) | take n | count", want: "Count\n2"},
		{name: "let tabular and materialize", in: `let p = materialize(DeviceProcessEvents | where DeviceId == "d2"); p | join (p) on ProcessId | count`, want: "Count\n2"},
		{name: "one-element dynamic array", in: `let l = dynamic(["d3"]); DeviceProcessEvents | where DeviceId in (l) | project ProcessId`, want: "ProcessId\n400"},
		{name: "let dynamic list with has_any", in: `let names = dynamic(["whoami", "hidden"]); DeviceProcessEvents | where ProcessCommandLine has_any (names) | project ProcessId`, want: "ProcessId\n200\n300"},
		{name: "toscalar", in: `let maxPid = toscalar(DeviceProcessEvents | summarize max(ProcessId)); DeviceProcessEvents | where ProcessId == maxPid | project FileName`, want: "FileName\nnotepad.exe"},
		{name: "scalar function", in: `let twice = (x:long) { x * 2 }; DeviceNetworkEvents | project P = twice(RemotePort) | take 1`, want: "P\n886"},
		{name: "tabular function with default", in: `let recent = (d:string, lim:long = 1) { DeviceProcessEvents | where DeviceId == d | take lim }; recent("d1") | project ProcessId`, want: "ProcessId\n100"},
		{name: "invoke with tabular parameter", in: `let big = (T:(ProcessId:long), min:long) { T | where ProcessId >= min }; DeviceProcessEvents | invoke big(400) | count`, want: "Count\n2"},
		{name: "statements without semicolons run the last", in: "DeviceLogonEvents | count\nDeviceNetworkEvents | count", want: "Count\n3"},
		{name: "comments anywhere", in: "// hunt\nDeviceLogonEvents // table\n| count // rows", want: "Count\n1"},
		{name: "legacy aliases of functions", in: `DeviceProcessEvents | summarize makeset(DeviceId) | extend n = array_length(set_DeviceId) | project n`, want: "n\n3"},
	})
}
