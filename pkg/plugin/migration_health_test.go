package plugin

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
	"github.com/quarry-defender/quarry/pkg/quota"
)

const mdeOnlyApp = "00000000-0000-4000-8000-0000000014d1"

func TestDaysLeft(t *testing.T) {
	tests := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC), "59 days left until the legacy hunting APIs stop returning data on 2027-02-01."},
		{time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), "1 day left until"},
		{time.Date(2027, 1, 31, 23, 59, 0, 0, time.UTC), "1 day left until"},
		{time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), "stopped returning data on 2027-02-01: move to Graph now."},
	}
	for _, tc := range tests {
		if got := daysLeft(tc.now); !strings.Contains(got, tc.want) {
			t.Errorf("daysLeft(%s) = %q, want %q", tc.now, got, tc.want)
		}
	}
}

func TestCheckHealthGraphReadiness(t *testing.T) {
	dir := emulator.DemoDirectory()
	dir.Tenants[0].Apps = append(dir.Tenants[0].Apps, &emulator.App{ClientID: mdeOnlyApp, Secrets: []string{emulator.DemoSecret},
		Roles: []string{"AdvancedQuery.Read.All", "AdvancedHunting.Read.All"}})
	emu := emulatortest.Start(t, emulatortest.WithEngine(emulatortest.TableEngine{Catalog: healthCatalog()}),
		emulatortest.WithLimits("off"), emulatortest.WithDirectory(dir))
	clock := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, api, app string
		want           []string
		wantNone       string
	}{
		{name: "mde app with every permission", api: "mde", app: emulator.DemoReaderAppID,
			want: []string{"Data source is working", "\nGraph ready: the app has ThreatHunting.Read.All and a test query on Microsoft Graph worked", "59 days left"}},
		{name: "xdr app without the Graph permission", api: "xdr", app: mdeOnlyApp,
			want: []string{"Data source is working", "\nGraph not ready: app " + mdeOnlyApp + " has no ThreatHunting.Read.All application permission on Microsoft Graph",
				"Grant admin consent", "59 days left"}},
		{name: "legacy failure still says what Graph needs", api: "mde", app: emulator.DemoNoPermAppID,
			want: []string{"has no AdvancedQuery.Read.All", "\nGraph not ready: app " + emulator.DemoNoPermAppID + " has no ThreatHunting.Read.All"}},
		{name: "graph data source: nothing to move", api: "graph", app: emulator.DemoReaderAppID,
			want: []string{"Data source is working"}, wantNone: "Graph ready"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := clockedInstance(t, emu, tc.api, tc.app, clock)
			res, err := d.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Message, w) {
					t.Errorf("message %q lacks %q", res.Message, w)
				}
			}
			if tc.wantNone != "" && strings.Contains(res.Message, tc.wantNone) {
				t.Errorf("message %q has %q", res.Message, tc.wantNone)
			}
			if strings.Contains(res.Message, emulator.DemoSecret) || strings.Count(res.Message, "\n") > 1 {
				t.Errorf("message %q: want at most one added line and no secret", res.Message)
			}
		})
	}
}

// clockedInstance is a data source on emu whose clock stands at now.
func clockedInstance(t *testing.T, emu *emulatortest.Emulator, api, app string, now time.Time) *Datasource {
	t.Helper()
	j, _ := json.Marshal(map[string]any{"api": api, "clientId": app, "tenantId": emulator.DemoTenantID, "tlsAuthWithCACert": true,
		"customEndpoints": map[string]string{"apiUrl": emu.URL, "authorityUrl": emu.URL}})
	f := NewFactory(Process{Getenv: envOf(map[string]string{AllowCustomEndpointsEnv: "true"}), Now: func() time.Time { return now },
		Decorate: QuotaDecorator(quota.NewRegistry())})
	inst, err := f(context.Background(), backend.DataSourceInstanceSettings{UID: "clocked", JSONData: j,
		DecryptedSecureJSONData: map[string]string{"clientSecret": emulator.DemoSecret, "tlsCACert": string(emu.CACertPEM)}})
	if err != nil {
		t.Fatal(err)
	}
	d := inst.(*Datasource)
	t.Cleanup(d.Dispose)
	return d
}
