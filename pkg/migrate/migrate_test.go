package migrate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/kql"
	"go.yaml.in/yaml/v3"
)

func renames(t *testing.T) kql.Renames {
	t.Helper()
	names, err := defenderschema.Legacy()
	if err != nil {
		t.Fatal(err)
	}
	return kql.Renames(names)
}

func fixtureDatasources(t *testing.T) *Datasources {
	t.Helper()
	src, err := os.ReadFile("testdata/legacy/datasources.yaml")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := parse("datasources.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	ds := NewDatasources()
	for _, d := range docs {
		ds.collect(d)
	}
	return ds
}

// skeleton is the file's text with every Quarry query string cut out: what must stay byte-identical.
func skeleton(t *testing.T, path string, src []byte, ds *Datasources) string {
	t.Helper()
	docs, err := parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	var edits []edit
	for _, d := range docs {
		_, qs := ds.queries(d)
		for _, q := range qs {
			if q.text != nil && q.text.kind == kindString {
				edits = append(edits, edit{q.text.start, q.text.end, "<query>"})
			}
		}
	}
	return string(apply(src, edits))
}

func TestRewriteFixtures(t *testing.T) {
	ds, r := fixtureDatasources(t), renames(t)
	tests := []struct {
		file    string
		queries int
		changed int
		want    map[string]string // where -> query after
		parses  func([]byte) error
	}{
		{file: "seed-era-dashboard.json", queries: 7, changed: 6, parses: func(b []byte) error { var v any; return json.Unmarshal(b, &v) },
			want: map[string]string{
				`panel "PowerShell (the seed document's query)" target A`:  "DeviceProcessEvents\n| where InitiatingProcessFileName =~ \"powershell.exe\"\n| project EventTime = Timestamp, FileName, InitiatingProcessFileName\n| limit 2",
				`panel "Logons per machine" target A`:                      `DeviceLogonEvents | where DeviceName == "$machine" and Timestamp > ago(1d) | summarize Logons = count() by AccountName`,
				`panel "Default data source, variable in braces" target A`: "DeviceNetworkEvents | where DeviceName in (${machine:singlequote}) | summarize count() by EventTime = bin(Timestamp, $__interval)",
				`panel "Mixed panel" target A`:                             "DeviceFileEvents | take 5 | project-rename ComputerName = DeviceName, EventTime = Timestamp, MachineId = DeviceId",
				`variable "machine"`:                                       "DeviceInfo | distinct DeviceName | project-rename ComputerName = DeviceName",
				`annotation "Alerts"`:                                      "DeviceAlertEvents | project EventTime = Timestamp, Title",
			}},
		{file: "seed-era-alerts.yaml", queries: 4, changed: 4, parses: func(b []byte) error { var v any; return yaml.Unmarshal(b, &v) },
			want: map[string]string{
				`alert rule "PowerShell from Office" query A`: "DeviceProcessEvents\n| where Timestamp > ago(1h)   // the last hour\n| where InitiatingProcessParentFileName in~ (\"winword.exe\", \"excel.exe\")\n\n| summarize Hits = count() by ComputerName = DeviceName",
				`alert rule "Quoted styles" query A`:          `DeviceInfo | where DeviceName startswith "srv" | project EventTime = Timestamp`,
				`alert rule "Quoted styles" query C`:          `DeviceRegistryEvents | where RegistryKey has 'Run' | project MachineId = DeviceId`,
				`alert rule "Quoted styles" query D`:          `DeviceEvents | where ActionType == "AntivirusDetection" | count`,
			}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata/legacy", tc.file)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			out, rep, err := Rewrite(path, src, ds, r)
			if err != nil {
				t.Fatal(err)
			}
			if err := tc.parses(out); err != nil {
				t.Fatalf("output does not parse: %v\n%s", err, out)
			}
			if rep.Queries != tc.queries || len(rep.Changes) != tc.changed || len(rep.Problems) != 0 {
				t.Fatalf("queries %d, changed %d, problems %v; want %d and %d", rep.Queries, len(rep.Changes), rep.Problems, tc.queries, tc.changed)
			}
			for _, c := range rep.Changes {
				want, ok := tc.want[c.Where]
				if !ok {
					t.Errorf("unexpected change at %s: %q", c.Where, c.After)
				} else if c.After != want {
					t.Errorf("%s\n got %q\nwant %q", c.Where, c.After, want)
				}
			}
			// Only the query strings changed: with them cut out, both files are the same bytes.
			if a, b := skeleton(t, path, src, ds), skeleton(t, path, out, ds); a != b {
				t.Errorf("text outside the Quarry queries changed:\n--- before\n%s\n--- after\n%s", a, b)
			}
			again, rep2, err := Rewrite(path, out, ds, r)
			if err != nil || !bytes.Equal(again, out) || len(rep2.Changes) != 0 {
				t.Errorf("second run changed %d queries (err %v)", len(rep2.Changes), err)
			}
		})
	}
}

func TestRewriteKeepsYAMLStyles(t *testing.T) {
	ds, r := fixtureDatasources(t), renames(t)
	path := "testdata/legacy/seed-era-alerts.yaml"
	src, _ := os.ReadFile(path)
	out, _, err := Rewrite(path, src, ds, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"              queryText: |-\n                DeviceProcessEvents\n                | where Timestamp > ago(1h)   // the last hour\n",
		`queryText: "DeviceInfo | where DeviceName startswith \"srv\" | project EventTime = Timestamp"   # double-quoted`,
		`queryText: 'DeviceRegistryEvents | where RegistryKey has ''Run'' | project MachineId = DeviceId'`,
		`queryText: DeviceEvents | where ActionType == "AntivirusDetection" | count   # plain`,
		"queryText: ProcessCreationEvents | project EventTime\n", // another plugin's query
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRewriteLeavesOtherPluginsAlone(t *testing.T) {
	ds, r := NewDatasources(), renames(t) // no provisioning file: only the type identifies Quarry
	path := "testdata/legacy/seed-era-dashboard.json"
	src, _ := os.ReadFile(path)
	_, rep, err := Rewrite(path, src, ds, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Changes {
		if strings.Contains(c.Where, "Another plugin") || strings.Contains(c.Where, "target B") || strings.Contains(c.Where, "Logons") || strings.Contains(c.Where, "Default") {
			t.Errorf("rewrote %s without knowing it is Quarry's", c.Where)
		}
	}
	if len(rep.Changes) != 2 { // the typed panel and the ${DS_DEFENDER} variable
		t.Errorf("changes %d, want 2: %+v", len(rep.Changes), rep.Changes)
	}
}

func TestRewriteBadFile(t *testing.T) {
	_, _, err := Rewrite("x.json", []byte(`{"panels": [`), NewDatasources(), renames(t))
	if err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Fatalf("error %v, want it to say the JSON is not valid", err)
	}
}

// The repository's own provisioning plus the fixtures, to a new folder: every output parses, only query
// strings changed, and a second run over the output changes nothing.
func TestRunOnProvisioningAndFixtures(t *testing.T) {
	out := t.TempDir()
	var log strings.Builder
	sum, err := Run(Options{Paths: []string{"../../provisioning", "testdata/legacy"}, OutDir: out, Renames: renames(t), Out: &log})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rewritten != 10 || sum.Problems != 0 {
		t.Fatalf("rewritten %d, problems %d; want the fixtures' 10 queries:\n%s", sum.Rewritten, sum.Problems, log.String())
	}
	if !strings.Contains(log.String(), "ProcessCreationEvents -> DeviceProcessEvents") || !strings.Contains(log.String(), "note: DeviceAlertEvents is served only by the Defender for Endpoint API") {
		t.Errorf("summary lacks the rewrites or the AlertEvents note:\n%s", log.String())
	}
	err = filepath.WalkDir("../../provisioning", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("../../provisioning", p)
		before, _ := os.ReadFile(p)
		after, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(before, after) { // the repository's provisioning already uses current names
			t.Errorf("%s changed", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var log2 strings.Builder
	sum2, err := Run(Options{Paths: []string{out}, Renames: renames(t), Out: &log2})
	if err != nil || sum2.Rewritten != 0 || sum2.Queries != sum.Queries {
		t.Fatalf("second run: rewritten %d of %d queries (first run found %d), err %v\n%s", sum2.Rewritten, sum2.Queries, sum.Queries, err, log2.String())
	}
}

func TestRunDryRunWritesNothing(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile("testdata/legacy/seed-era-alerts.yaml")
	path := filepath.Join(dir, "alerts.yaml")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	sum, err := Run(Options{Paths: []string{dir}, DryRun: true, Renames: renames(t), Out: &log,
		DatasourceFiles: []string{"testdata/legacy/datasources.yaml"}})
	if err != nil || sum.Rewritten != 4 || !strings.Contains(log.String(), "(dry run: nothing written)") {
		t.Fatalf("dry run: %+v %v\n%s", sum, err, log.String())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, src) {
		t.Fatal("dry run wrote the file")
	}
	if _, err := Run(Options{Paths: []string{dir}, Renames: renames(t), Out: &log, DatasourceFiles: []string{"testdata/legacy/datasources.yaml"}}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if bytes.Equal(after, src) || !strings.Contains(string(after), "DeviceProcessEvents") {
		t.Fatal("in-place run left the file unchanged")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the file's own 0600 kept", st.Mode().Perm())
	}
}

func TestRewriteAlertRulesInJSON(t *testing.T) {
	src := []byte(`{"apiVersion": 1, "groups": [{"name": "g", "rules": [{"title": "r", "data": [
  {"refId": "A", "datasourceUid": "quarry-emulator", "model": {"refId": "A", "queryText": "MachineInfo | project ComputerName, EventTime"}},
  {"refId": "B", "datasourceUid": "__expr__", "model": {"refId": "B", "expression": "A"}}]}]}]}
`)
	out, rep, err := Rewrite("rules.json", src, fixtureDatasources(t), renames(t))
	if err != nil || len(rep.Changes) != 1 || rep.Kind != KindAlertRules {
		t.Fatalf("changes %v, kind %q, err %v", rep.Changes, rep.Kind, err)
	}
	want := strings.Replace(string(src), `"MachineInfo | project ComputerName, EventTime"`, `"DeviceInfo | project ComputerName = DeviceName, EventTime = Timestamp"`, 1)
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

func TestRewriteYAMLFlowMapping(t *testing.T) {
	src := []byte("groups:\n  - rules:\n      - title: r\n        data:\n          - { refId: A, datasourceUid: quarry-emulator, model: { refId: A, queryText: MachineInfo | take 1, format: table } }\n")
	out, rep, err := Rewrite("f.yaml", src, fixtureDatasources(t), renames(t))
	if err != nil || len(rep.Changes) != 1 {
		t.Fatalf("changes %v, problems %v, err %v", rep.Changes, rep.Problems, err)
	}
	want := `queryText: "DeviceInfo | take 1 | project-rename ComputerName = DeviceName, EventTime = Timestamp, MachineId = DeviceId, RegistryMachineTag = RegistryDeviceTag", format: table }`
	if !strings.Contains(string(out), want) {
		t.Fatalf("output:\n%s\nwant it to contain %s", out, want)
	}
}

// FuzzRewriteYAML: any alert-rule-shaped YAML either fails with an error or comes out as a file that holds
// exactly the rewritten queries (Rewrite checks that itself), and never panics.
func FuzzRewriteYAML(f *testing.F) {
	src, err := os.ReadFile("testdata/legacy/seed-era-alerts.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(src))
	f.Add("groups:\n- rules:\n  - data:\n    - datasourceUid: quarry-emulator\n      model:\n        queryText: >\n          MachineInfo\n          | take 1\n")
	f.Add("groups: [{rules: [{data: [{datasourceUid: quarry-emulator, model: {queryText: 'LogonEvents | project EventTime'}}]}]}]")
	names, err := defenderschema.Legacy()
	if err != nil {
		f.Fatal(err)
	}
	r := kql.Renames(names)
	ds := NewDatasources()
	ds.UIDs["quarry-emulator"] = true
	f.Fuzz(func(t *testing.T, s string) {
		out, _, err := Rewrite("f.yaml", []byte(s), ds, r)
		if err == nil {
			if _, _, err := Rewrite("f.yaml", out, ds, r); err != nil {
				t.Fatalf("rewritten file does not rewrite again: %v\n%s", err, out)
			}
		}
	})
}
