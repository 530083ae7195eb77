package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"go.yaml.in/yaml/v3"
)

// Demo tenant identities of the emulator (DESIGN.md section 6).
const (
	tenantID   = "00000000-0000-4000-8000-00000000c0de"
	readerApp  = "00000000-0000-4000-8000-0000000000a1"
	noPermApp  = "00000000-0000-4000-8000-0000000000a2"
	demoSecret = "quarry-demo-secret"
)

// The seed document's example (2018 MDE API docs): legacy table and column names.
const seedQuery = `ProcessCreationEvents
| where InitiatingProcessFileName =~ "powershell.exe"
| project EventTime, FileName, InitiatingProcessFileName
| limit 2`

// pluginContext is what Grafana sends for a data source pointing at the emulator.
func pluginContext(id int64, api, clientID, secret string) backend.PluginContext {
	j, _ := json.Marshal(map[string]any{
		"api": api, "tenantId": tenantID, "clientId": clientID, "tlsAuthWithCACert": true,
		"customEndpoints": map[string]string{"apiUrl": env.emu.URL, "authorityUrl": env.emu.URL},
	})
	return backend.PluginContext{OrgID: 1, PluginID: "quarry-defender-datasource",
		DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
			ID: id, UID: fmt.Sprintf("e2e-%d", id), Name: "Defender " + api, Type: "quarry-defender-datasource",
			JSONData: j, Updated: time.Now(),
			DecryptedSecureJSONData: map[string]string{"clientSecret": secret, "tlsCACert": env.emu.CAPEM},
		}}
}

func checkHealth(t *testing.T, p *pluginProc, pc backend.PluginContext) *backend.CheckHealthResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	resp, err := p.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: backend.ToProto().PluginContext(pc)})
	if err != nil {
		t.Fatalf("CheckHealth over gRPC: %v", err)
	}
	return backend.FromProto().CheckHealthResponse(resp)
}

func queryData(t *testing.T, pc backend.PluginContext, qs ...backend.DataQuery) *backend.QueryDataResponse {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req := backend.ToProto().QueryDataRequest(&backend.QueryDataRequest{PluginContext: pc, Queries: qs})
	resp, err := env.plugin.data.QueryData(ctx, req)
	if err != nil {
		t.Fatalf("QueryData over gRPC: %v", err)
	}
	out, err := backend.FromProto().QueryDataResponse(resp)
	if err != nil {
		t.Fatalf("decode QueryData response: %v", err)
	}
	return out
}

func query(refID, text, format string) backend.DataQuery {
	m, _ := json.Marshal(map[string]string{"queryText": text, "format": format})
	now := time.Now()
	return backend.DataQuery{RefID: refID, JSON: m, Interval: time.Hour, MaxDataPoints: 500,
		TimeRange: backend.TimeRange{From: now.Add(-24 * time.Hour), To: now}}
}

func fieldSig(f *data.Frame) string {
	var s []string
	for _, fl := range f.Fields {
		s = append(s, fl.Name+":"+fl.Type().ItemTypeString())
	}
	return strings.Join(s, ",")
}

func TestCheckHealthEveryFlavor(t *testing.T) {
	tests := []struct {
		api, perm string
	}{{"graph", "ThreatHunting.Read.All"}, {"xdr", "AdvancedHunting.Read.All"}, {"mde", "AdvancedQuery.Read.All"}}
	for i, tt := range tests {
		t.Run(tt.api, func(t *testing.T) {
			res := checkHealth(t, env.plugin, pluginContext(int64(10+i), tt.api, readerApp, demoSecret))
			if res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, tt.perm) {
				t.Fatalf("CheckHealth = %v %q; want OK naming %s", res.Status, res.Message, tt.perm)
			}
		})
	}
}

func TestQueryDataEveryFlavorAndFormat(t *testing.T) {
	const devices = "DeviceInfo | project Timestamp, DeviceName, OSPlatform | take 5"
	const perHour = "DeviceProcessEvents | where Timestamp > ago(1d) | summarize count() by bin(Timestamp, 1h)"
	for i, api := range []string{"graph", "xdr", "mde"} {
		t.Run(api, func(t *testing.T) {
			pc := pluginContext(int64(20+i), api, readerApp, demoSecret)
			resp := queryData(t, pc, query("table", devices, "table"), query("series", perHour, "time_series"), query("logs", devices, "logs"))

			table := frameOf(t, resp, "table")
			if got := fieldSig(table); got != "Timestamp:*time.Time,DeviceName:*string,OSPlatform:*string" || table.Rows() != 5 {
				t.Fatalf("table fields %s, rows %d; want Timestamp, DeviceName, OSPlatform and 5 rows", got, table.Rows())
			}
			if name := table.Fields[1].At(0).(*string); name == nil || *name == "" {
				t.Fatal("table: first DeviceName is empty")
			}
			if table.Meta.ExecutedQueryString != devices {
				t.Fatalf("executedQueryString = %q", table.Meta.ExecutedQueryString)
			}
			custom, _ := table.Meta.Custom.(map[string]any)
			if custom["api"] != api || custom["rows"] != float64(5) {
				t.Fatalf("meta.custom = %v", table.Meta.Custom)
			}

			series := frameOf(t, resp, "series")
			if got := fieldSig(series); got != "Timestamp:time.Time,count_:*int64" || series.Rows() < 1 || series.Rows() > 25 {
				t.Fatalf("series fields %s, rows %d; want Timestamp, count_ and 1-25 hourly rows", got, series.Rows())
			}
			var total int64
			for r := range series.Rows() {
				if r > 0 && !series.Fields[0].At(r-1).(time.Time).Before(series.Fields[0].At(r).(time.Time)) {
					t.Fatalf("series times not ascending at row %d", r)
				}
				if v := series.Fields[1].At(r).(*int64); v != nil {
					total += *v
				}
			}
			if total <= 0 || series.Meta.Type != data.FrameTypeTimeSeriesWide {
				t.Fatalf("series total %d, meta.type %q; want events and a wide time series", total, series.Meta.Type)
			}

			logs := frameOf(t, resp, "logs")
			if got := fieldSig(logs); got != "Timestamp:*time.Time,body:string,DeviceName:*string,OSPlatform:*string" {
				t.Fatalf("logs fields %s", got)
			}
			if body := logs.Fields[1].At(0).(string); !strings.Contains(body, "DeviceName=") || logs.Meta.PreferredVisualization != data.VisTypeLogs {
				t.Fatalf("logs body %q, visualisation %q", body, logs.Meta.PreferredVisualization)
			}
		})
	}
}

func TestSeedDocumentQueryThroughMDE(t *testing.T) {
	resp := queryData(t, pluginContext(30, "mde", readerApp, demoSecret), query("A", seedQuery, "table"))
	f := frameOf(t, resp, "A")
	if got := fieldSig(f); got != "EventTime:*time.Time,FileName:*string,InitiatingProcessFileName:*string" || f.Rows() < 1 || f.Rows() > 2 {
		t.Fatalf("fields %s, rows %d; want the three columns the seed document names, 1 or 2 rows", got, f.Rows())
	}
	for r := range f.Rows() {
		if p := f.Fields[2].At(r).(*string); p == nil || !strings.EqualFold(*p, "powershell.exe") {
			t.Fatalf("row %d InitiatingProcessFileName = %v", r, p)
		}
	}
}

func TestBadSecret(t *testing.T) {
	const bad = "definitely-wrong-secret-7731"
	pc := pluginContext(40, "graph", readerApp, bad)
	res := checkHealth(t, env.plugin, pc)
	if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "Sign-in failed") || strings.Contains(res.Message, bad) {
		t.Fatalf("CheckHealth = %v %q; want a sign-in error without the secret", res.Status, res.Message)
	}
	r := queryData(t, pc, query("A", "DeviceInfo | take 1", "table")).Responses["A"]
	if r.Error == nil || r.Status != backend.StatusUnauthorized || strings.Contains(r.Error.Error(), bad) {
		t.Fatalf("QueryData error %v status %d; want 401 without the secret", r.Error, r.Status)
	}
}

func TestAppWithoutPermission(t *testing.T) {
	pc := pluginContext(50, "xdr", noPermApp, demoSecret)
	res := checkHealth(t, env.plugin, pc)
	if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "has no AdvancedHunting.Read.All application permission") {
		t.Fatalf("CheckHealth = %v %q; want the missing permission named", res.Status, res.Message)
	}
	r := queryData(t, pc, query("A", "DeviceInfo | take 1", "table")).Responses["A"]
	if r.Error == nil || r.Status != backend.StatusForbidden || r.ErrorSource != backend.ErrorSourceDownstream {
		t.Fatalf("QueryData error %v status %d source %s; want 403 downstream", r.Error, r.Status, r.ErrorSource)
	}
}

func TestCustomEndpointsNeedTheAdmin(t *testing.T) {
	p, err := startPlugin(env.pluginBin) // no GF_PLUGIN_ALLOW_CUSTOM_ENDPOINTS
	if err != nil {
		t.Fatal(err)
	}
	defer p.stop()
	res := checkHealth(t, p, pluginContext(60, "graph", readerApp, demoSecret))
	if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "allow_custom_endpoints = true") {
		t.Fatalf("CheckHealth = %v %q; want custom endpoints refused", res.Status, res.Message)
	}
}

func TestSchemaResource(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pc := pluginContext(70, "graph", readerApp, demoSecret)
	stream, err := env.plugin.resource.CallResource(ctx, backend.ToProto().CallResourceRequest(&backend.CallResourceRequest{
		PluginContext: pc, Path: "schema", Method: "GET", URL: "schema"}))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	body := string(msg.Body)
	if msg.Code != 200 || !strings.Contains(body, `"name":"DeviceProcessEvents"`) || !strings.Contains(body, `"ProcessCreationEvents":"DeviceProcessEvents"`) || strings.Contains(body, demoSecret) {
		t.Fatalf("GET /schema = %d, %d bytes", msg.Code, len(body))
	}
}

func frameOf(t *testing.T, resp *backend.QueryDataResponse, refID string) *data.Frame {
	t.Helper()
	r, ok := resp.Responses[refID]
	if !ok || r.Error != nil || len(r.Frames) != 1 {
		t.Fatalf("response %s: ok=%v error=%v frames=%d", refID, ok, r.Error, len(r.Frames))
	}
	if r.Frames[0].Name != refID {
		t.Fatalf("frame name %q, want the refId %q", r.Frames[0].Name, refID)
	}
	return r.Frames[0]
}

// TestProvisionedDashboardQueries runs every query of the sample dashboards through the plugin against
// the emulator, as the panels would, so the samples a user opens first are known to work.
func TestProvisionedDashboardQueries(t *testing.T) {
	files, err := filepath.Glob("../provisioning/dashboards/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample dashboards found: %v", err)
	}
	pc := pluginContext(80, "graph", readerApp, demoSecret)
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var dash struct {
			Panels []struct {
				Title   string            `json:"title"`
				Targets []json.RawMessage `json:"targets"`
			} `json:"panels"`
		}
		if err := json.Unmarshal(raw, &dash); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, p := range dash.Panels {
			t.Run(filepath.Base(file)+"/"+p.Title, func(t *testing.T) {
				for _, target := range p.Targets {
					now := time.Now()
					q := backend.DataQuery{RefID: "A", JSON: target, Interval: time.Hour, MaxDataPoints: 500,
						TimeRange: backend.TimeRange{From: now.Add(-24 * time.Hour), To: now}}
					r := queryData(t, pc, q).Responses["A"]
					if r.Error != nil {
						t.Fatalf("panel %q: %v", p.Title, r.Error)
					}
					if len(r.Frames) != 1 || r.Frames[0].Rows() == 0 {
						t.Fatalf("panel %q returned no rows", p.Title)
					}
				}
			})
		}
	}
}

// TestProvisionedAlertRuleQuery runs the sample alert rule's query as Grafana's alerting would (the
// FromAlert header, the rule's relative range) and checks it yields the one number the threshold needs.
func TestProvisionedAlertRuleQuery(t *testing.T) {
	raw, err := os.ReadFile("../provisioning/alerting/hunting-alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Groups []struct {
			Rules []struct {
				Title string `yaml:"title"`
				Data  []struct {
					DatasourceUID string         `yaml:"datasourceUid"`
					Model         map[string]any `yaml:"model"`
				} `yaml:"data"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	pc := pluginContext(90, "graph", readerApp, demoSecret)
	var ran int
	for _, g := range doc.Groups {
		for _, r := range g.Rules {
			for _, q := range r.Data {
				if q.DatasourceUID != "quarry-emulator" {
					continue
				}
				model, _ := json.Marshal(q.Model)
				now := time.Now()
				req := backend.ToProto().QueryDataRequest(&backend.QueryDataRequest{PluginContext: pc,
					Headers: map[string]string{backend.FromAlertHeaderName: "true"},
					Queries: []backend.DataQuery{{RefID: "A", JSON: model, Interval: time.Minute, MaxDataPoints: 43200,
						TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}}})
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				resp, err := env.plugin.data.QueryData(ctx, req)
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				out, err := backend.FromProto().QueryDataResponse(resp)
				if err != nil {
					t.Fatal(err)
				}
				f := frameOf(t, out, "A")
				if got := fieldSig(f); got != "Cradles:*int64" || f.Rows() != 1 {
					t.Fatalf("rule %q: fields %s, rows %d; want one Cradles number", r.Title, got, f.Rows())
				}
				ran++
			}
		}
	}
	if ran == 0 {
		t.Fatal("no alert rule queries the Quarry data source")
	}
}
