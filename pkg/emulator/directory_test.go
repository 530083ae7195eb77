package emulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadDirectory(t *testing.T) {
	tests := []struct {
		name, json string
		check      func(t *testing.T, d *Directory)
		wantErr    string
	}{
		{"adds a tenant and extends the demo tenant", `{"tenants":[
			{"id":"11111111-0000-4000-8000-000000000001","apps":[{"clientId":"app-x","secrets":["s"],"roles":["ThreatHunting.Read.All"]}],
			 "users":[{"upn":"soc@fabrikam.example","objectId":"u1","deviceGroups":["Servers","Workstations"]}]},
			{"id":"` + DemoTenantID + `","users":[{"upn":"intern@contoso.example","objectId":"u2","deviceGroups":[]}]}]}`,
			func(t *testing.T, d *Directory) {
				if len(d.Tenants) != 2 || d.tenant(DemoTenantID).user("intern@contoso.example") == nil ||
					d.tenant(DemoTenantID).app(DemoReaderAppID) == nil || d.tenant("11111111-0000-4000-8000-000000000001").app("app-x") == nil {
					t.Fatalf("directory %+v lacks the added tenant, user or the demo apps", d.Tenants)
				}
			}, ""},
		{"unknown field", `{"tenants":[{"id":"t","applications":[]}]}`, nil, "unknown field \"applications\""},
		{"duplicate client id", `{"tenants":[{"id":"t","apps":[{"clientId":"` + DemoReaderAppID + `"}]}]}`, nil, "registered twice"},
		{"duplicate client id in another case", `{"tenants":[{"id":"t","apps":[{"clientId":"` + strings.ToUpper(DemoReaderAppID) + `"}]}]}`, nil, "registered twice"},
		{"user without object id", `{"tenants":[{"id":"t","users":[{"upn":"a@b"}]}]}`, nil, "upn and objectId"},
		{"bad certificate", `{"tenants":[{"id":"t","apps":[{"clientId":"c","certificates":["nope"]}]}]}`, nil, "not a PEM CERTIFICATE"},
		{"not JSON", `tenants: []`, nil, "README.md, section Emulator, Config file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			if err := os.WriteFile(path, []byte(tc.json), 0o600); err != nil {
				t.Fatal(err)
			}
			d, err := LoadDirectory(path)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, d)
		})
	}
	if _, err := LoadDirectory(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Fatal("a missing file loaded")
	}
}
