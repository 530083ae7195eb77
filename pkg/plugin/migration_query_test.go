package plugin

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/demodata"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

func TestRewriteLegacyPerAPI(t *testing.T) {
	r, err := legacyRenames()
	if err != nil {
		t.Fatal(err)
	}
	const seed = "ProcessCreationEvents\n| where InitiatingProcessFileName =~ \"powershell.exe\"\n| project EventTime, FileName, InitiatingProcessFileName\n| limit 2"
	tests := []struct {
		name, api, in, wantQuery, wantNotice, wantErr string
	}{
		{name: "mde sends the seed query as written", api: "mde", in: seed, wantQuery: seed},
		{name: "graph rewrites it", api: "graph", in: seed,
			wantQuery:  "DeviceProcessEvents\n| where InitiatingProcessFileName =~ \"powershell.exe\"\n| project EventTime = Timestamp, FileName, InitiatingProcessFileName\n| limit 2",
			wantNotice: "Rewrote retired Defender names for Microsoft Graph runHuntingQuery: ProcessCreationEvents → DeviceProcessEvents, EventTime → Timestamp."},
		{name: "xdr rewrites too", api: "xdr", in: "MachineInfo | take 1",
			wantQuery:  "DeviceInfo | take 1 | project-rename ComputerName = DeviceName, EventTime = Timestamp, MachineId = DeviceId, RegistryMachineTag = RegistryDeviceTag",
			wantNotice: "for the Defender XDR advanced hunting API: MachineInfo → DeviceInfo, ComputerName → DeviceName, EventTime → Timestamp, MachineId → DeviceId, RegistryMachineTag → RegistryDeviceTag."},
		{name: "shadowed names are named", api: "graph", in: "let MachineId = 'm1';\nProcessCreationEvents | where DeviceId == MachineId | project EventTime",
			wantQuery:  "let MachineId = 'm1';\nDeviceProcessEvents | where DeviceId == MachineId | project EventTime = Timestamp",
			wantNotice: "Left alone because the query defines its own name: MachineId."},
		{name: "current names: unchanged, no notice", api: "graph", in: "DeviceInfo | take 1", wantQuery: "DeviceInfo | take 1"},
		{name: "AlertEvents has no successor on Graph", api: "graph", in: "AlertEvents | take 1",
			wantErr: "AlertEvents was renamed DeviceAlertEvents, which only the Defender for Endpoint API serves: on Microsoft Graph runHuntingQuery alerts are in AlertInfo and AlertEvidence"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &prepared{req: hunting.Request{Query: tc.in}}
			err := rewriteLegacy(p, hunting.Flavor(tc.api), r)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.req.Query != tc.wantQuery {
				t.Errorf("query\n got %q\nwant %q", p.req.Query, tc.wantQuery)
			}
			if tc.wantNotice == "" {
				if len(p.notices) != 0 {
					t.Errorf("notices %v, want none", p.notices)
				}
				return
			}
			if len(p.notices) != 1 || !strings.Contains(p.notices[0].Text, tc.wantNotice) {
				t.Errorf("notices %v, want one containing %q", p.notices, tc.wantNotice)
			}
		})
	}
}

// Every entry of the legacy alias table, through the plugin against the emulator's real engine: a query
// over a retired table on Graph (rewritten) returns the columns and rows the same query returns on
// Defender for Endpoint (sent as written), and an unprojected one still names the renamed columns as the
// query knew them.
func TestEveryLegacyNameWorksOnGraph(t *testing.T) {
	r, err := legacyRenames()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	eng, _, err := demodata.Engine(emulator.Options{Devices: 8, Days: 2}, now)
	if err != nil {
		t.Fatal(err)
	}
	emu := emulatortest.Start(t, emulatortest.WithEngine(eng), emulatortest.WithLimits("off"))
	graph := emulatorInstance(t, emu, "graph", emulator.DemoReaderAppID, emulator.DemoSecret)
	mde := emulatorInstance(t, emu, "mde", emulator.DemoReaderAppID, emulator.DemoSecret)
	tables := make([]string, 0, len(r.Tables))
	for name := range r.Tables {
		tables = append(tables, name)
	}
	sort.Strings(tables)
	seenColumns := map[string]bool{}
	for _, table := range tables {
		if r.Tables[table] == alertEventsSuccessor {
			continue // TestRewriteLegacyPerAPI: refused with advice, since Graph has no such table
		}
		cols := r.TableColumns[table]
		for _, c := range cols {
			seenColumns[c] = true
		}
		queries := []string{
			table + " | take 3",
			table + " | project " + strings.Join(cols, ", ") + " | take 3",
			table + " | where isnotempty(" + cols[len(cols)-1] + ") | summarize n = count() by " + cols[len(cols)-1],
		}
		for k, q := range queries {
			t.Run(q, func(t *testing.T) {
				model, _ := json.Marshal(map[string]string{"queryText": q})
				want := queryOne(t, mde, dataQuery("A", string(model), now.Add(-24*time.Hour), now))
				got := queryOne(t, graph, dataQuery("A", string(model), now.Add(-24*time.Hour), now))
				if want.Error != nil || got.Error != nil {
					t.Fatalf("mde error %v, graph error %v", want.Error, got.Error)
				}
				wf, gf := want.Frames[0], got.Frames[0]
				if k == 0 {
					// The current table has more columns than the retired one had; the renamed ones keep
					// their retired names and no current spelling leaks into the result.
					names := "," + fieldNames(gf) + ","
					for _, c := range cols {
						if !strings.Contains(names, ","+c+",") || strings.Contains(names, ","+r.Columns[c]+",") {
							t.Fatalf("graph columns %s; want %s and not %s (sent: %s)", names, c, r.Columns[c], gf.Meta.ExecutedQueryString)
						}
					}
				} else if a, b := fieldNames(wf), fieldNames(gf); a != b || wf.Rows() != gf.Rows() {
					t.Fatalf("graph columns %s (%d rows), want the MDE columns %s (%d rows) (sent: %s)", b, gf.Rows(), a, wf.Rows(), gf.Meta.ExecutedQueryString)
				}
				if !strings.HasPrefix(gf.Meta.ExecutedQueryString, r.Tables[table]+" ") || len(gf.Meta.Notices) == 0 {
					t.Fatalf("graph sent %q with notices %v; want the table renamed and a notice", gf.Meta.ExecutedQueryString, gf.Meta.Notices)
				}
				if wf.Meta.ExecutedQueryString != q {
					t.Fatalf("mde sent %q, want the query as written", wf.Meta.ExecutedQueryString)
				}
			})
		}
	}
	for c := range r.Columns {
		if !seenColumns[c] {
			t.Errorf("column %s of the alias table is in no retired table's column list", c)
		}
	}
}

func fieldNames(f *data.Frame) string {
	names := make([]string, len(f.Fields))
	for i, fl := range f.Fields {
		names[i] = fl.Name
	}
	return strings.Join(names, ",")
}
