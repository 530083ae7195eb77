package plugin

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
	"github.com/quarry-defender/quarry/pkg/quota"
)

// startEmulator runs the in-process emulator over its small fixed catalog (six DeviceProcessEvents rows,
// every cell type), with DeviceInfo served from the same rows so CheckHealth's query has a table.
func startEmulator(t *testing.T) *emulatortest.Emulator {
	t.Helper()
	return emulatortest.Start(t, emulatortest.WithEngine(emulatortest.TableEngine{Catalog: healthCatalog()}), emulatortest.WithLimits("off"))
}

func healthCatalog() *dataset.Catalog {
	cat := emulatortest.SmallCatalog(time.Now())
	cat.Tables["DeviceInfo"] = cat.Tables["DeviceProcessEvents"]
	return cat
}

// emulatorInstance is a data source pointing at emu through custom endpoints and its CA, decorated by a
// real quota registry, as in production.
func emulatorInstance(t *testing.T, emu *emulatortest.Emulator, api, clientID, secret string) *Datasource {
	t.Helper()
	return emulatorInstanceWith(t, emu, map[string]any{"api": api, "clientId": clientID},
		map[string]string{"clientSecret": secret}, nil)
}

// emulatorInstanceWith is emulatorInstance with extra jsonData, secrets and environment.
func emulatorInstanceWith(t testing.TB, emu *emulatortest.Emulator, jsonData map[string]any, secure, env map[string]string) *Datasource {
	t.Helper()
	jd := map[string]any{"tenantId": emulator.DemoTenantID, "tlsAuthWithCACert": true,
		"customEndpoints": map[string]string{"apiUrl": emu.URL, "authorityUrl": emu.URL}}
	for k, v := range jsonData {
		jd[k] = v
	}
	j, err := json.Marshal(jd)
	if err != nil {
		t.Fatal(err)
	}
	sec := map[string]string{"tlsCACert": string(emu.CACertPEM)}
	for k, v := range secure {
		sec[k] = v
	}
	environ := map[string]string{AllowCustomEndpointsEnv: "true"}
	for k, v := range env {
		environ[k] = v
	}
	f := NewFactory(Process{Getenv: envOf(environ), Now: time.Now, Decorate: QuotaDecorator(quota.NewRegistry())})
	inst, err := f(context.Background(), backend.DataSourceInstanceSettings{
		UID: "emu", Name: "emulator", Type: "quarry-defender-datasource", JSONData: j, DecryptedSecureJSONData: sec,
	})
	if err != nil {
		t.Fatal(err)
	}
	d := inst.(*Datasource)
	if d.err != nil {
		t.Fatalf("settings: %v", d.err)
	}
	t.Cleanup(d.Dispose)
	return d
}

func TestEmulatorQueryData(t *testing.T) {
	emu := startEmulator(t)
	now := time.Now()
	tests := []struct {
		name   string
		api    string
		model  string
		fields []string
		rows   int
	}{
		{name: "graph table", api: "graph", model: `{"queryText":"DeviceProcessEvents | take 3"}`, rows: 3,
			fields: []string{"Timestamp:*time.Time", "DeviceId:*string", "DeviceName:*string", "FileName:*string"}},
		{name: "xdr table", api: "xdr", model: `{"queryText":"DeviceProcessEvents"}`, rows: 6,
			fields: []string{"Timestamp:*time.Time", "DeviceId:*string", "DeviceName:*string", "FileName:*string"}},
		{name: "mde table", api: "mde", model: `{"queryText":"DeviceProcessEvents | take 1"}`, rows: 1,
			fields: []string{"Timestamp:*time.Time", "DeviceId:*string", "DeviceName:*string", "FileName:*string"}},
		{name: "graph time series", api: "graph", model: `{"queryText":"DeviceProcessEvents","format":"time_series"}`, rows: 6,
			fields: []string{"Timestamp:time.Time"}},
		{name: "mde logs", api: "mde", model: `{"queryText":"DeviceProcessEvents | take 2","format":"logs"}`, rows: 2,
			fields: []string{"Timestamp:*time.Time", "body:string", "DeviceId:*string"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := emulatorInstance(t, emu, tt.api, emulator.DemoReaderAppID, emulator.DemoSecret)
			r := queryOne(t, d, dataQuery("A", tt.model, now.Add(-24*time.Hour), now))
			if r.Error != nil {
				t.Fatalf("error = %v", r.Error)
			}
			f := r.Frames[0]
			if f.Rows() != tt.rows {
				t.Fatalf("rows = %d, want %d", f.Rows(), tt.rows)
			}
			for i, want := range tt.fields {
				if got := f.Fields[i].Name + ":" + f.Fields[i].Type().ItemTypeString(); got != want {
					t.Fatalf("field %d = %s, want %s", i, got, want)
				}
			}
			if c := f.Meta.Custom.(customMeta); c.API != tt.api || c.Cache != "miss" {
				t.Fatalf("meta.custom = %+v", c)
			}
		})
	}
}

func TestEmulatorTimeSeriesValues(t *testing.T) {
	emu := startEmulator(t)
	d := emulatorInstance(t, emu, "graph", emulator.DemoReaderAppID, emulator.DemoSecret)
	now := time.Now()
	r := queryOne(t, d, dataQuery("A", `{"queryText":"DeviceProcessEvents","format":"time_series"}`, now.Add(-24*time.Hour), now))
	if r.Error != nil {
		t.Fatal(r.Error)
	}
	f := r.Frames[0]
	// ProcessId, ProcessIntegrityLevel and Score are numbers; the string and bool columns are labels, and
	// every row of this catalog has its own FileName, so each row is its own series.
	var pidSeries []*data.Field
	for _, fl := range f.Fields {
		if fl.Name == "ProcessId" {
			pidSeries = append(pidSeries, fl)
			if fl.Labels["DeviceName"] == "" || fl.Labels["IsElevated"] == "" {
				t.Fatalf("series labels = %v, want DeviceName and IsElevated", fl.Labels)
			}
		}
	}
	if len(pidSeries) != 6 || f.Rows() != 6 {
		t.Fatalf("ProcessId series = %d, rows = %d; want 6 and 6", len(pidSeries), f.Rows())
	}
	times := f.Fields[0]
	for i := 1; i < times.Len(); i++ {
		if !times.At(i - 1).(time.Time).Before(times.At(i).(time.Time)) {
			t.Fatalf("times not ascending at %d", i)
		}
	}
}

func TestEmulatorErrors(t *testing.T) {
	emu := startEmulator(t)
	now := time.Now()
	tests := []struct {
		name       string
		clientID   string
		secret     string
		model      string
		wantStatus backend.Status
		wantErr    string
	}{
		{name: "wrong secret", clientID: emulator.DemoReaderAppID, secret: "not-the-secret", model: `{"queryText":"DeviceProcessEvents"}`,
			wantStatus: backend.StatusUnauthorized, wantErr: "sign-in (clientSecret) as app " + emulator.DemoReaderAppID},
		{name: "app without permission", clientID: emulator.DemoNoPermAppID, secret: emulator.DemoSecret, model: `{"queryText":"DeviceProcessEvents"}`,
			wantStatus: backend.StatusForbidden, wantErr: "ThreatHunting.Read.All"},
		{name: "KQL error from the API", clientID: emulator.DemoReaderAppID, secret: emulator.DemoSecret, model: `{"queryText":"NoSuchTable"}`,
			wantStatus: backend.StatusBadRequest, wantErr: "NoSuchTable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := emulatorInstance(t, emu, "graph", tt.clientID, tt.secret)
			r := queryOne(t, d, dataQuery("A", tt.model, now.Add(-time.Hour), now))
			if r.Error == nil || r.Status != tt.wantStatus || r.ErrorSource != backend.ErrorSourceDownstream {
				t.Fatalf("error=%v status=%d source=%s; want status %d, downstream", r.Error, r.Status, r.ErrorSource, tt.wantStatus)
			}
			if !strings.Contains(r.Error.Error(), tt.wantErr) || strings.Contains(r.Error.Error(), tt.secret) {
				t.Fatalf("error %q: want it to contain %q and not the secret", r.Error, tt.wantErr)
			}
		})
	}
}

func TestEmulatorCheckHealth(t *testing.T) {
	emu := startEmulator(t)
	tests := []struct {
		name       string
		api        string
		clientID   string
		secret     string
		wantStatus backend.HealthStatus
		want       []string
	}{
		{name: "graph ok", api: "graph", clientID: emulator.DemoReaderAppID, secret: emulator.DemoSecret, wantStatus: backend.HealthStatusOk,
			want: []string{"Data source is working", "ThreatHunting.Read.All"}},
		{name: "xdr ok", api: "xdr", clientID: emulator.DemoReaderAppID, secret: emulator.DemoSecret, wantStatus: backend.HealthStatusOk,
			want: []string{"AdvancedHunting.Read.All", "returned 1 row(s)"}},
		{name: "mde ok", api: "mde", clientID: emulator.DemoReaderAppID, secret: emulator.DemoSecret, wantStatus: backend.HealthStatusOk,
			want: []string{"AdvancedQuery.Read.All"}},
		{name: "wrong secret", api: "graph", clientID: emulator.DemoReaderAppID, secret: "bad-secret-123", wantStatus: backend.HealthStatusError,
			want: []string{"Sign-in failed", "client secret"}},
		{name: "no permission names it", api: "mde", clientID: emulator.DemoNoPermAppID, secret: emulator.DemoSecret, wantStatus: backend.HealthStatusError,
			want: []string{"has no AdvancedQuery.Read.All application permission", "Grant admin consent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := emulatorInstance(t, emu, tt.api, tt.clientID, tt.secret)
			res, err := d.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.wantStatus {
				t.Fatalf("status = %v (%s), want %v", res.Status, res.Message, tt.wantStatus)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Message, w) {
					t.Fatalf("message %q does not contain %q", res.Message, w)
				}
			}
			if strings.Contains(res.Message, tt.secret) {
				t.Fatalf("message leaks the secret: %s", res.Message)
			}
		})
	}
}
