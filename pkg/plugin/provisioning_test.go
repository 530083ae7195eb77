package plugin

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/emulator"
	"go.yaml.in/yaml/v3"
)

// TestProvisionedDataSource loads provisioning/datasources/datasources.yml the way Grafana would
// (expanding $VAR and $__file{...}) and checks that this plugin accepts it: the example users copy must
// never drift from the settings code.
func TestProvisionedDataSource(t *testing.T) {
	raw, err := os.ReadFile("../../provisioning/datasources/datasources.yml")
	if err != nil {
		t.Fatal(err)
	}
	ca, err := emulator.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	expanded := regexp.MustCompile(`\$__file\{[^}]+\}`).ReplaceAllLiteralString(string(raw), strings.ReplaceAll(string(ca.CertPEM), "\n", `\n`))
	expanded = strings.ReplaceAll(expanded, "$QUARRY_CLIENT_SECRET", demoSecret)
	var doc struct {
		Datasources []struct {
			UID            string            `yaml:"uid"`
			Type           string            `yaml:"type"`
			JSONData       map[string]any    `yaml:"jsonData"`
			SecureJSONData map[string]string `yaml:"secureJsonData"`
		} `yaml:"datasources"`
	}
	if err := yaml.Unmarshal([]byte(expanded), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Datasources) == 0 {
		t.Fatal("no data sources in the provisioning file")
	}
	for _, ds := range doc.Datasources {
		t.Run(ds.UID, func(t *testing.T) {
			if ds.Type != "quarry-defender-datasource" {
				t.Fatalf("type = %q", ds.Type)
			}
			// The YAML holds the CA with literal \n; Grafana hands the plugin real newlines.
			ds.SecureJSONData["tlsCACert"] = strings.ReplaceAll(ds.SecureJSONData["tlsCACert"], `\n`, "\n")
			j, err := json.Marshal(ds.JSONData)
			if err != nil {
				t.Fatal(err)
			}
			settings := backend.DataSourceInstanceSettings{UID: ds.UID, Type: ds.Type, JSONData: j, DecryptedSecureJSONData: ds.SecureJSONData}
			for _, allow := range []string{"true", ""} {
				f := NewFactory(Process{Getenv: envOf(map[string]string{AllowCustomEndpointsEnv: allow})})
				inst, err := f(context.Background(), settings)
				if err != nil {
					t.Fatal(err)
				}
				d := inst.(*Datasource)
				d.Dispose()
				if allow == "true" && (d.err != nil || !d.settings.Custom || d.settings.Endpoint.APIBaseURL != "https://emulator:8443") {
					t.Fatalf("with custom endpoints allowed: err=%v settings=%+v", d.err, d.settings)
				}
				if allow == "" && (d.err == nil || !strings.Contains(d.err.Error(), "custom endpoints are disabled")) {
					t.Fatalf("without the admin's consent: err=%v, want custom endpoints refused", d.err)
				}
			}
		})
	}
}
