package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

// topKeys returns the top-level keys of a JSON object in order.
func topKeys(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("body is not a JSON object: %s", b)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestAPIShapesFollowTheFixtures(t *testing.T) {
	emu := emulatortest.Start(t)
	tests := []struct {
		name, method, path, scope, body string
		wantKeys                        []string
		schemaKey                       string
		odataContext                    string // Graph's @odata.context ("" for the Defender APIs)
	}{
		{"graph v1.0", "POST", "/v1.0/security/runHuntingQuery", graphScope, `{"Query":"DeviceProcessEvents | take 2"}`,
			[]string{"@odata.context", "schema", "results"}, `{"name":"Timestamp","type":"DateTime"}`, "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults"},
		{"graph beta lowercase query", "POST", "/beta/security/runHuntingQuery", graphScope, `{"query":"DeviceProcessEvents | take 2"}`,
			[]string{"@odata.context", "schema", "results"}, `{"name":"Timestamp","type":"DateTime"}`, "https://graph.microsoft.com/beta/$metadata#microsoft.graph.security.huntingQueryResults"},
		{"xdr", "POST", "/api/advancedhunting/run", xdrScope, `{"Query":"DeviceProcessEvents | take 2"}`,
			[]string{"Stats", "Schema", "Results"}, `{"Name":"Timestamp","Type":"DateTime"}`, ""},
		{"xdr path in another case", "POST", "/api/AdvancedHunting/Run", xdrScope, `{"Query":"DeviceProcessEvents | take 2"}`,
			[]string{"Stats", "Schema", "Results"}, `{"Name":"Timestamp","Type":"DateTime"}`, ""},
		{"mde", "POST", "/api/advancedqueries/run", mdeScope, `{"Query":"DeviceProcessEvents | take 2"}`,
			[]string{"Schema", "Results"}, `{"Name":"Timestamp","Type":"DateTime"}`, ""},
		{"mde 2018 beta path", "POST", "/advancedqueries/query", mdeScope, `{"Query":"DeviceProcessEvents | take 2"}`,
			[]string{"Schema", "Results"}, `{"Name":"Timestamp","Type":"DateTime"}`, ""},
		{"mde 2018 beta path under api", "POST", "/api/advancedqueries/query", mdeScope, `{"Query":"DeviceProcessEvents | take 2"}`,
			[]string{"Schema", "Results"}, `{"Name":"Timestamp","Type":"DateTime"}`, ""},
		{"mde old GET", "GET", "/api/advancedqueries?key=" + url.QueryEscape("DeviceProcessEvents | take 2"), mdeScope, "",
			[]string{"Schema", "Results"}, `{"Name":"Timestamp","Type":"DateTime"}`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, hdr, b := emu.Call(t, tc.method, tc.path, emu.AppToken(t, emulator.DemoReaderAppID, tc.scope), tc.body)
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, b)
			}
			if got := strings.Join(topKeys(t, b), ","); got != strings.Join(tc.wantKeys, ",") {
				t.Errorf("top-level keys %s, want %s", got, strings.Join(tc.wantKeys, ","))
			}
			if !bytes.Contains(b, []byte(tc.schemaKey)) {
				t.Errorf("schema lacks %s: %s", tc.schemaKey, b)
			}
			if hdr.Get("Content-Type") != "application/json; charset=utf-8" || hdr.Get("Content-Length") == "" {
				t.Errorf("headers %v, want JSON content type and a Content-Length", hdr)
			}
			if !json.Valid(b) {
				t.Errorf("body is not valid JSON: %s", b)
			}
			var env struct {
				Context string `json:"@odata.context"`
			}
			if err := json.Unmarshal(b, &env); err != nil || env.Context != tc.odataContext {
				t.Errorf("@odata.context %q (%v), want %q", env.Context, err, tc.odataContext)
			}
		})
	}
}

func TestCellsAreSerializedByColumnType(t *testing.T) {
	emu := emulatortest.Start(t)
	_, _, b := emu.Call(t, "POST", "/api/advancedqueries/run", emu.AppToken(t, emulator.DemoReaderAppID, mdeScope),
		`{"Query":"DeviceProcessEvents"}`)
	want := []string{
		`"ProcessAge":"00:00:01.5000000"`,   // TimeSpan under a day
		`"ProcessAge":"1.01:00:01.5000000"`, // TimeSpan with days
		`"IsElevated":true`, `"Score":1.25`, `"ProcessIntegrityLevel":1`,
		`"AdditionalFields":{"Index":1,"Tags":["a","b"]}`, // dynamic as JSON
		`"ProcessId":null`, `"Score":null`, `"AdditionalFields":null`,
		`"ProcessCommandLine":"\"csc.exe\" /c echo \"C:\\Users\\ada\\AppData\"\té✓"`,
		`{"Name":"ProcessAge","Type":"TimeSpan"}`, `{"Name":"AdditionalFields","Type":"Object"}`,
		`{"Name":"ReportId","Type":"Guid"}`, `{"Name":"ProcessId","Type":"Int64"}`, `{"Name":"ProcessIntegrityLevel","Type":"Int32"}`,
	}
	for _, w := range want {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("body lacks %s", w)
		}
	}
	stamps := regexp.MustCompile(`"Timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z"`).FindAll(b, -1)
	if len(stamps) != 6 {
		t.Errorf("found %d timestamps with seven fractional digits and Z, want 6: %s", len(stamps), b)
	}
}

func TestXDRStatsCarryTimeSpanCPU(t *testing.T) {
	emu := emulatortest.Start(t)
	_, _, b := emu.Call(t, "POST", "/api/advancedhunting/run", emu.AppToken(t, emulator.DemoReaderAppID, xdrScope),
		`{"Query":"DeviceProcessEvents | take 3"}`)
	var body struct {
		Stats struct {
			ExecutionTime *float64 `json:"ExecutionTime"`
			ResourceUsage struct {
				CPU map[string]string `json:"cpu"`
			} `json:"resource_usage"`
			DatasetStatistics []struct {
				TableRowCount int `json:"table_row_count"`
			} `json:"dataset_statistics"`
		}
	}
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	span := regexp.MustCompile(`^(\d+\.)?\d\d:\d\d:\d\d(\.\d{7})?$`)
	if body.Stats.ExecutionTime == nil || !span.MatchString(body.Stats.ResourceUsage.CPU["total cpu"]) ||
		!span.MatchString(body.Stats.ResourceUsage.CPU["user"]) || len(body.Stats.DatasetStatistics) != 1 ||
		body.Stats.DatasetStatistics[0].TableRowCount != 3 {
		t.Fatalf("Stats = %+v, want ExecutionTime, TimeSpan cpu strings and 3 rows", body.Stats)
	}
}

func TestAPIErrors(t *testing.T) {
	emu := emulatortest.Start(t)
	graph := emu.AppToken(t, emulator.DemoReaderAppID, graphScope)
	mde := emu.AppToken(t, emulator.DemoReaderAppID, mdeScope)
	xdr := emu.AppToken(t, emulator.DemoReaderAppID, xdrScope)
	noPerm := emu.AppToken(t, emulator.DemoNoPermAppID, xdrScope)
	const (
		graphPath = "/v1.0/security/runHuntingQuery"
		mdePath   = "/api/advancedqueries/run"
		xdrPath   = "/api/advancedhunting/run"
	)
	tests := []struct {
		name, path, token, body string
		wantStatus              int
		wantCode, wantMessage   string
	}{
		{"graph without token", graphPath, "", `{"Query":"T"}`, 401, "InvalidAuthenticationToken", "Access token is empty."},
		{"mde without token", mdePath, "", `{"Query":"T"}`, 401, "Unauthorized", "Access token is empty."},
		{"garbage token", xdrPath, "not-a-jwt", `{"Query":"T"}`, 401, "Unauthorized", "JWT is not well formed"},
		{"graph token on mde", mdePath, graph, `{"Query":"T"}`, 401, "Unauthorized", "Invalid audience"},
		{"app without permission", xdrPath, noPerm, `{"Query":"T"}`, 403, "Forbidden", "(AdvancedHunting.Read.All)"},
		{"mde lowercase query", mdePath, mde, `{"query":"DeviceProcessEvents"}`, 400, "MissingRequiredParameter", "Query"},
		{"xdr raw newline in query", xdrPath, xdr, "{\"Query\":\"DeviceProcessEvents\n| take 1\"}", 400, "InvalidRequestBody", "Missing query."},
		{"mde empty query", mdePath, mde, `{"Query":""}`, 400, "InvalidRequestBody", "Missing query."},
		{"mde query not a string", mdePath, mde, `{"Query":5}`, 400, "InvalidRequestBody", "Request body is incorrect"},
		{"graph invalid JSON", graphPath, graph, `{"Query":`, 400, "BadRequest", "valid JSON"},
		{"graph missing query", graphPath, graph, `{"Timespan":"P1D"}`, 400, "BadRequest", "Query"},
		{"graph bad timespan", graphPath, graph, `{"Query":"DeviceProcessEvents","Timespan":"yesterday"}`, 400, "BadRequest", "Invalid Timespan"},
		{"graph KQL error", graphPath, graph, `{"Query":"DeviceProcessEvents | where"}`, 400, "BadRequest", "Syntax error"},
		{"mde unknown table", mdePath, mde, `{"Query":"NoSuchTable"}`, 400, "BadRequest", "Failed to resolve table expression named 'NoSuchTable'"},
		{"xdr KQL error", xdrPath, xdr, `{"Query":"DeviceProcessEvents | where"}`, 400, "BadRequest", "Syntax error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, b := emu.Call(t, "POST", tc.path, tc.token, tc.body)
			e := decodeError(t, b)
			if status != tc.wantStatus || e.Error.Code != tc.wantCode || !strings.Contains(e.Error.Message, tc.wantMessage) {
				t.Fatalf("got %d %s %q, want %d %s containing %q", status, e.Error.Code, e.Error.Message, tc.wantStatus, tc.wantCode, tc.wantMessage)
			}
			if tc.path == graphPath {
				if e.Error.InnerError["request-id"] == "" || e.Error.InnerError["date"] == "" || e.Error.Target != nil {
					t.Errorf("Graph envelope wants innerError with date and request-id and no target: %s", b)
				}
			} else if e.Error.Target == nil || e.Error.InnerError != nil {
				t.Errorf("Defender envelope wants target and no innerError: %s", b)
			}
		})
	}
}

func TestUnknownRoutes(t *testing.T) {
	emu := emulatortest.Start(t)
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantCode           string
	}{
		{"GET on a POST API", "GET", "/api/advancedhunting/run", 405, "MethodNotAllowed"},
		{"unknown Defender path", "POST", "/api/machines/123", 404, "ResourceNotFound"},
		{"unknown Graph path", "GET", "/v1.0/security/alerts_v2", 404, "ResourceNotFound"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, b := emu.Call(t, tc.method, tc.path, "", "")
			if e := decodeError(t, b); status != tc.wantStatus || e.Error.Code != tc.wantCode {
				t.Fatalf("%d %s, want %d %s", status, b, tc.wantStatus, tc.wantCode)
			}
		})
	}
}

func TestMDEGetWithoutKey(t *testing.T) {
	emu := emulatortest.Start(t)
	status, _, b := emu.Call(t, "GET", "/api/advancedqueries", emu.AppToken(t, emulator.DemoReaderAppID, mdeScope), "")
	if e := decodeError(t, b); status != 400 || e.Error.Code != "MissingRequiredParameter" {
		t.Fatalf("got %d %s, want 400 MissingRequiredParameter", status, b)
	}
}

func TestDelegatedCallsSeeOnlyTheirDeviceGroups(t *testing.T) {
	emu := emulatortest.Start(t)
	tests := []struct {
		name, upn, scope, path, wantDevice, otherDevice string
	}{
		{"analyst on graph", emulator.DemoAnalystUPN, graphScope, "/v1.0/security/runHuntingQuery", emulatortest.ServerDeviceID, emulatortest.WorkstationDeviceID},
		{"helpdesk on xdr", emulator.DemoHelpdeskUPN, xdrScope, "/api/advancedhunting/run", emulatortest.WorkstationDeviceID, emulatortest.ServerDeviceID},
		{"analyst on mde", emulator.DemoAnalystUPN, mdeScope, "/api/advancedqueries/run", emulatortest.ServerDeviceID, emulatortest.WorkstationDeviceID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, b := emu.Call(t, "POST", tc.path, emu.DelegatedToken(t, tc.upn, tc.scope), `{"Query":"DeviceProcessEvents"}`)
			if status != 200 {
				t.Fatalf("status %d: %s", status, b)
			}
			if n := bytes.Count(b, []byte(tc.wantDevice)); n != 3 || bytes.Contains(b, []byte(tc.otherDevice)) {
				t.Fatalf("saw own device %d times (want 3) and the other group's device: %v", n, bytes.Contains(b, []byte(tc.otherDevice)))
			}
		})
	}
	stats := emu.Server.Stats()
	if stats.Users[emulator.DemoAnalystUPN].Calls != 2 || stats.Users[emulator.DemoHelpdeskUPN].Calls != 1 {
		t.Errorf("user stats %+v, want 2 analyst calls and 1 helpdesk call", stats.Users)
	}
}

func TestUserTokenIsNotAnAPIToken(t *testing.T) {
	emu := emulatortest.Start(t)
	status, _, b := emu.Call(t, "POST", "/v1.0/security/runHuntingQuery", emu.UserToken(t, emulator.DemoAnalystUPN), `{"Query":"DeviceProcessEvents"}`)
	if e := decodeError(t, b); status != 401 || !strings.Contains(e.Error.Message, "Invalid audience") {
		t.Fatalf("got %d %s, want 401 invalid audience", status, b)
	}
}

func TestEngineBugsBecome500(t *testing.T) {
	ragged := emulatortest.EngineFunc(func(context.Context, dataset.Query) (*dataset.Table, error) {
		a := dataset.NewColumn("A", dataset.Long, 2)
		a.Int = append(a.Int, 1, 2)
		b := dataset.NewColumn("B", dataset.String, 1)
		b.Str = append(b.Str, "x")
		return &dataset.Table{Columns: []*dataset.Column{a, b}}, nil
	})
	emu := emulatortest.Start(t, emulatortest.WithEngine(ragged))
	status, _, b := emu.Call(t, "POST", "/api/advancedqueries/run", emu.AppToken(t, emulator.DemoReaderAppID, mdeScope), `{"Query":"T"}`)
	if e := decodeError(t, b); status != 500 || e.Error.Code != "UnknownError" {
		t.Fatalf("%d %s, want 500 UnknownError", status, b)
	}
}
