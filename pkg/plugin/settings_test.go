package plugin

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/auth"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

const (
	demoTenant = "00000000-0000-4000-8000-00000000c0de"
	demoReader = "00000000-0000-4000-8000-0000000000a1"
	demoSecret = "quarry-demo-secret"
)

func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestParseSettings(t *testing.T) {
	base := `"tenantId":"` + demoTenant + `","clientId":"` + demoReader + `"`
	secret := map[string]string{"clientSecret": demoSecret}
	allow := map[string]string{AllowCustomEndpointsEnv: "true"}
	tests := []struct {
		name    string
		json    string
		secure  map[string]string
		env     map[string]string
		want    func(t *testing.T, s *Settings)
		wantErr string
	}{
		{name: "defaults", json: `{` + base + `}`, secure: secret, want: func(t *testing.T, s *Settings) {
			if s.API != hunting.FlavorGraph || s.Cloud != "global" || s.AuthType != auth.ClientSecret || s.CallsPerMinute != 45 ||
				s.CallsPerHour != 1500 || s.RowLimit != 100000 || s.CacheTTL != 30*time.Second || s.QueryTimeout != 0 || s.Custom {
				t.Fatalf("defaults wrong: %+v", s)
			}
			if s.Endpoint.APIBaseURL != "https://graph.microsoft.com" || s.Endpoint.AuthorityHost != "https://login.microsoftonline.com" {
				t.Fatalf("endpoint = %+v", s.Endpoint)
			}
		}},
		{name: "mde gcc high with numbers as strings", json: `{"api":"mde","cloud":"gcchigh","maxCallsPerMinute":"15","cacheTtlSeconds":0,"rowLimit":10000,` + base + `}`, secure: secret,
			want: func(t *testing.T, s *Settings) {
				if s.Endpoint.APIBaseURL != "https://api-gov.securitycenter.microsoft.us" || s.Endpoint.AuthorityHost != "https://login.microsoftonline.us" ||
					s.CallsPerMinute != 15 || s.CacheTTL != 0 || s.RowLimit != 10000 {
					t.Fatalf("settings = %+v", s)
				}
			}},
		{name: "xdr region", json: `{"api":"xdr","region":"eu",` + base + `}`, secure: secret, want: func(t *testing.T, s *Settings) {
			if s.Endpoint.APIBaseURL != "https://eu.api.security.microsoft.com" || s.Endpoint.Scope != "https://api.security.microsoft.com/.default" {
				t.Fatalf("endpoint = %+v", s.Endpoint)
			}
		}},
		{name: "custom endpoints allowed", json: `{"customEndpoints":{"apiUrl":"https://127.0.0.1:8443/","authorityUrl":"https://127.0.0.1:8443"},` + base + `}`, secure: secret, env: allow,
			want: func(t *testing.T, s *Settings) {
				if !s.Custom || s.Endpoint.APIBaseURL != "https://127.0.0.1:8443" || s.Endpoint.Scope != "https://graph.microsoft.com/.default" {
					t.Fatalf("endpoint = %+v", s.Endpoint)
				}
			}},
		{name: "managed identity needs no tenant", json: `{"authType":"managedIdentity"}`, want: func(t *testing.T, s *Settings) {
			if s.AuthType != auth.ManagedIdentity {
				t.Fatalf("authType = %q", s.AuthType)
			}
		}},
		{name: "custom endpoints not allowed", json: `{"customEndpoints":{"apiUrl":"https://evil.example"},` + base + `}`, secure: secret, wantErr: "setting customEndpoints: custom endpoints are disabled"},
		{name: "custom endpoint over http", json: `{"customEndpoints":{"apiUrl":"http://127.0.0.1:8443"},` + base + `}`, secure: secret, env: allow, wantErr: "customEndpoints.apiUrl"},
		{name: "bad json", json: `{`, wantErr: "setting jsonData"},
		{name: "unknown api", json: `{"api":"splunk",` + base + `}`, secure: secret, wantErr: `setting api: unknown API flavor "splunk"`},
		{name: "unknown cloud", json: `{"cloud":"mars",` + base + `}`, secure: secret, wantErr: "setting cloud"},
		{name: "region on graph", json: `{"region":"eu",` + base + `}`, secure: secret, wantErr: "setting region"},
		{name: "unknown auth type", json: `{"authType":"password",` + base + `}`, secure: secret, wantErr: "setting authType"},
		{name: "missing secret", json: `{` + base + `}`, wantErr: "setting secureJsonData.clientSecret: empty"},
		{name: "missing tenant", json: `{"clientId":"` + demoReader + `"}`, secure: secret, wantErr: "setting tenantId: empty"},
		{name: "tenant not a guid", json: `{"tenantId":"my tenant","clientId":"` + demoReader + `"}`, secure: secret, wantErr: "setting tenantId"},
		{name: "client not a guid", json: `{"tenantId":"contoso.onmicrosoft.com","clientId":"abc"}`, secure: secret, wantErr: `setting clientId: "abc" is not a GUID`},
		{name: "negative calls", json: `{"maxCallsPerMinute":-1,` + base + `}`, secure: secret, wantErr: "setting maxCallsPerMinute"},
		{name: "not a number", json: `{"rowLimit":"lots",` + base + `}`, secure: secret, wantErr: `setting rowLimit: "lots" is not a whole number`},
		{name: "cache ttl out of range", json: `{"cacheTtlSeconds":-5,` + base + `}`, secure: secret, wantErr: "setting cacheTtlSeconds: -5 is out of range; use 0 to 86400 seconds (0 = no cache)"},
		{name: "timeout out of range", json: `{"queryTimeoutSeconds":90000,` + base + `}`, secure: secret, wantErr: "setting queryTimeoutSeconds: 90000 is out of range; use 0 to 86400 seconds (0 = the default)"},
		{name: "ca flag without ca", json: `{"tlsAuthWithCACert":true,` + base + `}`, secure: secret, wantErr: "setting secureJsonData.tlsCACert"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSettings(backend.DataSourceInstanceSettings{JSONData: []byte(tt.json), DecryptedSecureJSONData: tt.secure}, envOf(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseSettings() error = %v, want it to contain %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), demoSecret) {
					t.Fatalf("error leaks the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseSettings() error = %v", err)
			}
			tt.want(t, got)
		})
	}
}

func TestHostGuard(t *testing.T) {
	tests := []struct {
		name    string
		custom  bool
		url     string
		wantErr bool
	}{
		{name: "graph", url: "https://graph.microsoft.com/v1.0/security/runHuntingQuery"},
		{name: "sign-in", url: "https://login.microsoftonline.com/x/oauth2/v2.0/token"},
		{name: "other host", url: "https://attacker.example/token", wantErr: true},
		{name: "http scheme", url: "http://graph.microsoft.com/v1.0", wantErr: true},
		{name: "custom host", custom: true, url: "https://127.0.0.1:8443/v1.0/security/runHuntingQuery"},
		{name: "microsoft host when custom", custom: true, url: "https://graph.microsoft.com/v1.0", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Settings{Custom: tt.custom, Endpoint: hunting.Endpoint{APIBaseURL: "https://127.0.0.1:8443", AuthorityHost: "https://127.0.0.1:8443"}}
			g := hostGuard{allowed: s.allowedOrigins(), next: okTransport{}}
			req, _ := http.NewRequest(http.MethodGet, tt.url, nil)
			_, err := g.RoundTrip(req)
			if (err != nil) != tt.wantErr {
				t.Fatalf("RoundTrip(%s) error = %v, wantErr %v", tt.url, err, tt.wantErr)
			}
		})
	}
}

type okTransport struct{}

func (okTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
}
