package plugin

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestCallResourceSchema(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		path       string
		settings   string
		wantStatus int
	}{
		{name: "schema", method: "GET", path: "schema", settings: settingsJSON(""), wantStatus: 200},
		{name: "schema with broken settings", method: "GET", path: "schema", settings: `{"api":"nope"}`, wantStatus: 200},
		{name: "unknown path", method: "GET", path: "tables", settings: settingsJSON(""), wantStatus: 404},
		{name: "wrong method", method: "POST", path: "schema", settings: settingsJSON(""), wantStatus: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newStubbed(t, tt.settings, &stubRunner{})
			var got *backend.CallResourceResponse
			err := d.CallResource(context.Background(), &backend.CallResourceRequest{Method: tt.method, Path: tt.path},
				backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { got = r; return nil }))
			if err != nil || got == nil || got.Status != tt.wantStatus {
				t.Fatalf("CallResource() = %+v, %v; want status %d", got, err, tt.wantStatus)
			}
			if strings.Contains(string(got.Body), demoSecret) {
				t.Fatal("response contains the client secret")
			}
			if tt.wantStatus != 200 {
				return
			}
			var body struct {
				Tables []struct {
					Name, Description string
					Columns           []struct{ Name, Type, Description string }
				} `json:"tables"`
				Legacy struct {
					Tables  map[string]string `json:"tables"`
					Columns map[string]string `json:"columns"`
				} `json:"legacy"`
			}
			if err := json.Unmarshal(got.Body, &body); err != nil {
				t.Fatal(err)
			}
			var dpe bool
			for _, tb := range body.Tables {
				if tb.Name == "DeviceProcessEvents" && len(tb.Columns) > 10 && tb.Columns[0].Type != "" {
					dpe = true
				}
			}
			if !dpe || body.Legacy.Tables["ProcessCreationEvents"] != "DeviceProcessEvents" || body.Legacy.Columns["EventTime"] != "Timestamp" {
				t.Fatalf("schema lacks DeviceProcessEvents or legacy names: %d tables, legacy %v", len(body.Tables), body.Legacy.Tables)
			}
		})
	}
}
