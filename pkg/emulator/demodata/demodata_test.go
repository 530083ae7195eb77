package demodata_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/demodata"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
	"github.com/quarry-defender/quarry/pkg/emulator/engine"
	"github.com/quarry-defender/quarry/pkg/emulator/telemetry"
)

// seedRequest is the example request of the 2018 advanced hunting API documentation, byte for byte in
// spirit: the legacy table and column names, and the query written across lines inside the JSON string.
const seedRequest = "{\n\t\"Query\":\"ProcessCreationEvents\n| where InitiatingProcessFileName =~ \\\"powershell.exe\\\"\n| where ProcessCommandLine contains \\\"appdata\\\"\n| project EventTime, FileName, InitiatingProcessFileName\n| limit 2\"\n}"

func TestSeedDocumentRequest(t *testing.T) {
	eng, rows, err := demodata.Engine(emulator.Options{Devices: 20, Days: 7}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if rows == 0 {
		t.Fatal("no telemetry generated")
	}
	emu := emulatortest.Start(t, emulatortest.WithEngine(eng), emulatortest.WithLimits("2018"))
	status, _, b := emu.Call(t, "POST", "/api/advancedqueries/run", emu.AppToken(t, emulator.DemoReaderAppID, "https://api.securitycenter.microsoft.com/.default"), seedRequest)
	if status != 200 {
		t.Fatalf("the 2018 request: %d %s", status, b)
	}
	var body struct {
		Schema  []struct{ Name, Type string }
		Results []map[string]any
	}
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	want := []struct{ Name, Type string }{{"EventTime", "DateTime"}, {"FileName", "String"}, {"InitiatingProcessFileName", "String"}}
	if len(body.Schema) != 3 || body.Schema[0] != want[0] || body.Schema[1] != want[1] || body.Schema[2] != want[2] {
		t.Fatalf("schema %v, want %v", body.Schema, want)
	}
	if len(body.Results) == 0 || len(body.Results) > 2 {
		t.Fatalf("%d rows, want 1 or 2 (limit 2 over data with PowerShell in AppData)", len(body.Results))
	}
	for _, r := range body.Results {
		if !strings.EqualFold(r["InitiatingProcessFileName"].(string), "powershell.exe") || r["EventTime"] == nil {
			t.Fatalf("row %v does not match the query", r)
		}
	}
}

func TestDelegatedUsersSeeTheirDeviceGroupOnly(t *testing.T) {
	now := time.Now()
	cat, err := telemetry.Generate(telemetry.Options{Devices: 20, Days: 3, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	emu := emulatortest.Start(t, emulatortest.WithEngine(engine.New(cat)))
	const scope = "https://graph.microsoft.com/.default"
	groupsSeen := func(token string) map[string]bool {
		status, _, b := emu.Call(t, "POST", "/v1.0/security/runHuntingQuery", token, `{"Query":"DeviceProcessEvents | distinct DeviceId"}`)
		if status != 200 {
			t.Fatalf("%d %s", status, b)
		}
		var body struct{ Results []struct{ DeviceId string } }
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range body.Results {
			seen[cat.DeviceGroups[r.DeviceId]] = true
		}
		return seen
	}
	if app := groupsSeen(emu.AppToken(t, emulator.DemoReaderAppID, scope)); !app["Servers"] || !app["Workstations"] {
		t.Fatalf("the application saw groups %v, want Servers and Workstations", app)
	}
	for upn, group := range map[string]string{emulator.DemoAnalystUPN: "Servers", emulator.DemoHelpdeskUPN: "Workstations"} {
		seen := groupsSeen(emu.DelegatedToken(t, upn, scope))
		if len(seen) != 1 || !seen[group] {
			t.Errorf("%s saw groups %v, want only %s", upn, seen, group)
		}
	}
}
