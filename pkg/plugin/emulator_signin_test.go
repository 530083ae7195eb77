package plugin

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

// TestEmulatorCurrentUser runs one query as two users through one instance: each sees only the devices
// of their device group (the emulator's delegated tokens are scoped so), which also proves that the
// cache never hands one user's rows to the other.
func TestEmulatorCurrentUser(t *testing.T) {
	emu := startEmulator(t)
	tests := []struct {
		name     string
		fallback string
		upn      string
		wantDev  string
		wantRows int
		wantErr  string
	}{
		{name: "analyst sees servers", upn: emulator.DemoAnalystUPN, wantDev: "srv-01.contoso.example", wantRows: 3},
		{name: "helpdesk sees workstations", upn: emulator.DemoHelpdeskUPN, wantDev: "ws-01.contoso.example", wantRows: 3},
		{name: "alert without user and without fallback", wantErr: "set fallbackAuthType"},
		{name: "alert without user uses the fallback app", fallback: "clientSecret", wantRows: 6},
	}
	now := time.Now()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd := map[string]any{"authType": "currentUser", "clientId": emulator.DemoGrafanaAppID}
			if tt.fallback != "" {
				jd["fallbackAuthType"] = tt.fallback
			}
			d := emulatorInstanceWith(t, emu, jd, map[string]string{"clientSecret": emulator.DemoSecret}, nil)
			req := &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", `{"queryText":"DeviceProcessEvents"}`, now.Add(-24*time.Hour), now)}}
			if tt.upn != "" {
				req.Headers = map[string]string{backend.OAuthIdentityTokenHeaderName: "Bearer " + emu.UserToken(t, tt.upn)}
				req.PluginContext.User = &backend.User{Login: tt.upn}
			}
			resp, err := d.QueryData(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			r := resp.Responses["A"]
			if tt.wantErr != "" {
				if r.Error == nil || !strings.Contains(r.Error.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", r.Error, tt.wantErr)
				}
				return
			}
			if r.Error != nil {
				t.Fatal(r.Error)
			}
			f := r.Frames[0]
			if f.Rows() != tt.wantRows {
				t.Fatalf("rows = %d, want %d", f.Rows(), tt.wantRows)
			}
			_, di := f.FieldByName("DeviceName")
			for i := range f.Rows() {
				if got := *f.Fields[di].At(i).(*string); tt.wantDev != "" && got != tt.wantDev {
					t.Fatalf("row %d DeviceName = %s, want only %s", i, got, tt.wantDev)
				}
			}
		})
	}
}

// miEmulator is one emulator for every managed identity test of the process: MSAL Go keeps managed
// identity tokens in a process-wide cache, so a second emulator (new signing keys) would be handed the
// first one's cached token (go test -count=2 did exactly that).
var miEmulator = sync.OnceValue(func() *emulatortest.Emulator {
	return emulatortest.Start(onceTB{}, emulatortest.WithEngine(emulatortest.TableEngine{Catalog: healthCatalog()}), emulatortest.WithLimits("off"))
})

func TestEmulatorWorkloadAndManagedIdentity(t *testing.T) {
	emu := miEmulator()
	tokenFile := filepath.Join(t.TempDir(), "azure-identity-token")
	if err := os.WriteFile(tokenFile, []byte(emu.FederatedToken(t, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	// MSAL's managed identity client reads the real process environment.
	t.Setenv("IDENTITY_ENDPOINT", emu.IdentityEndpoint)
	t.Setenv("IDENTITY_HEADER", emu.IdentityHeader)
	tests := []struct {
		name string
		jd   map[string]any
		env  map[string]string
	}{
		{name: "workload identity", jd: map[string]any{"authType": "workloadIdentity", "clientId": emulator.DemoReaderAppID},
			env: map[string]string{"AZURE_FEDERATED_TOKEN_FILE": tokenFile}},
		{name: "workload identity with ids from the environment", jd: map[string]any{"authType": "workloadIdentity", "tenantId": ""},
			env: map[string]string{"AZURE_FEDERATED_TOKEN_FILE": tokenFile, "AZURE_TENANT_ID": emulator.DemoTenantID, "AZURE_CLIENT_ID": emulator.DemoReaderAppID}},
		{name: "managed identity", jd: map[string]any{"authType": "managedIdentity"},
			env: map[string]string{"IDENTITY_ENDPOINT": emu.IdentityEndpoint}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := emulatorInstanceWith(t, emu, tt.jd, nil, tt.env)
			res, err := d.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != backend.HealthStatusOk {
				t.Fatalf("CheckHealth = %v: %s", res.Status, res.Message)
			}
		})
	}
}

// onceTB lets the process-wide emulator start outside any one test; it lives until the process exits
// (Cleanup is ignored) and a start failure panics, which fails the test binary loudly.
type onceTB struct{ testing.TB }

func (onceTB) Helper()                           {}
func (onceTB) Cleanup(func())                    {}
func (onceTB) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
