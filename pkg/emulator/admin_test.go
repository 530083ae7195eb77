package emulator_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

func TestAdminRoutes(t *testing.T) {
	emu := emulatortest.Start(t)
	tok := emu.AppToken(t, emulator.DemoReaderAppID, mdeScope)
	emu.Call(t, "POST", mdeRun, tok, `{"Query":"DeviceProcessEvents | take 2"}`)
	emu.Call(t, "POST", mdeRun, tok, `{"Query":"DeviceProcessEvents | where"}`)

	status, _, b := emu.Call(t, "GET", "/_emulator/stats", "", "")
	var stats emulator.Stats
	if err := json.Unmarshal(b, &stats); err != nil || status != 200 {
		t.Fatalf("stats: %d %s", status, b)
	}
	want := emulator.Counters{Calls: 2, Errors: 1, Rows: 2}
	got := stats.Tenants[emulator.DemoTenantID]
	got.CPUSeconds = 0
	if got != want || stats.APIs["mde"].Calls != 2 || stats.Apps[emulator.DemoReaderAppID].Calls != 2 {
		t.Fatalf("stats %s, want 2 calls (1 error, 2 rows) for the tenant, the app and mde", b)
	}

	if status, _, b := emu.Call(t, "POST", "/_emulator/reset", "", ""); status != 200 || !strings.Contains(string(b), `"reset":true`) {
		t.Fatalf("reset: %d %s", status, b)
	}
	if s := emu.Server.Stats(); len(s.Tenants) != 0 {
		t.Fatalf("stats after reset: %+v, want empty", s)
	}
	if status, _, b := emu.Call(t, "GET", "/_emulator/healthz", "", ""); status != 200 || !strings.Contains(string(b), `"status":"ok"`) {
		t.Fatalf("healthz: %d %s", status, b)
	}
	if status, _, b := emu.Call(t, "POST", "/_emulator/users/nobody@contoso.example/token", "", ""); status != 404 || !strings.Contains(string(b), emulator.DemoAnalystUPN) {
		t.Fatalf("token for an unknown user: %d %s, want 404 naming the demo users", status, b)
	}
}

func TestSignInDiscovery(t *testing.T) {
	emu := emulatortest.Start(t)
	tests := []struct {
		name, path string
		wantStatus int
		want       string
	}{
		{"openid configuration", "/" + emulator.DemoTenantID + "/v2.0/.well-known/openid-configuration", 200,
			`"token_endpoint":"` + emu.URL + "/" + emulator.DemoTenantID + `/oauth2/v2.0/token"`},
		{"v1 path", "/" + emulator.DemoTenantID + "/.well-known/openid-configuration", 200, `"jwks_uri":"` + emu.URL + "/" + emulator.DemoTenantID + `/discovery/v2.0/keys"`},
		{"unknown tenant", "/contoso.example/v2.0/.well-known/openid-configuration", 400, "AADSTS90002"},
		{"v1 jwks", "/" + emulator.DemoTenantID + "/discovery/keys", 200, `"alg":"RS256"`},
		{"jwks", "/" + emulator.DemoTenantID + "/discovery/v2.0/keys", 200, `"kty":"RSA"`},
		{"instance discovery", "/common/discovery/instance?api-version=1.1&authorization_endpoint=" + emu.URL + "/" + emulator.DemoTenantID + "/oauth2/v2.0/authorize", 200,
			`"tenant_discovery_endpoint":"` + emu.URL + "/" + emulator.DemoTenantID + `/v2.0/.well-known/openid-configuration"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, b := emu.Call(t, "GET", tc.path, "", "")
			if status != tc.wantStatus || !strings.Contains(string(b), tc.want) {
				t.Fatalf("%d %s, want %d containing %s", status, b, tc.wantStatus, tc.want)
			}
		})
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	emu := emulatortest.Start(t)
	tokenPath := "/" + emulator.DemoTenantID + "/oauth2/v2.0/token"
	tests := []struct {
		name, form string
		wantStatus int
		want       string
	}{
		{"no credential", "grant_type=client_credentials&client_id=" + emulator.DemoReaderAppID + "&scope=https://graph.microsoft.com/.default", 401, "AADSTS7000218"},
		{"unsupported grant", "grant_type=password&client_id=" + emulator.DemoReaderAppID + "&client_secret=" + emulator.DemoSecret + "&scope=https://graph.microsoft.com/.default", 400, "AADSTS70003"},
		{"obo without requested_token_use", "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&client_id=" + emulator.DemoGrafanaAppID + "&client_secret=" + emulator.DemoSecret + "&scope=https://graph.microsoft.com/.default&assertion=x", 400, "AADSTS50034"},
		{"garbage assertion", "grant_type=client_credentials&client_id=" + emulator.DemoReaderAppID + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=abc&scope=https://graph.microsoft.com/.default", 400, "AADSTS50027"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := emu.Client().Post(emu.URL+tokenPath, "application/x-www-form-urlencoded", strings.NewReader(tc.form))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Error       string `json:"error"`
				Description string `json:"error_description"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.wantStatus || body.Error == "" || !strings.Contains(body.Description, tc.want) {
				t.Fatalf("%d %+v, want %d with %s", resp.StatusCode, body, tc.wantStatus, tc.want)
			}
		})
	}
}

// TestConcurrentClients runs 100 clients against one emulator at once (run with -race): every call is
// answered correctly and counted once.
func TestConcurrentClients(t *testing.T) {
	emu := emulatortest.Start(t, emulatortest.WithLimits("off"))
	scopes := []string{graphScope, xdrScope, mdeScope}
	paths := []string{graphRun, "/api/advancedhunting/run", mdeRun}
	tokens := make([]string, len(scopes))
	for i, s := range scopes {
		tokens[i] = emu.AppToken(t, emulator.DemoReaderAppID, s)
	}
	const clients, callsEach = 100, 2
	var wg sync.WaitGroup
	errs := make(chan string, clients*callsEach)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := emulatortest.NewClient(emu.CACertPEM) // one client (and connection) per simulated user
			defer client.CloseIdleConnections()
			for i := 0; i < callsEach; i++ {
				k := (c + i) % len(paths)
				req, err := http.NewRequest("POST", emu.URL+paths[k], strings.NewReader(`{"Query":"DeviceProcessEvents | take 3"}`))
				if err != nil {
					errs <- err.Error()
					return
				}
				req.Header.Set("Authorization", "Bearer "+tokens[k])
				resp, err := client.Do(req)
				if err != nil {
					errs <- err.Error()
					continue
				}
				var body map[string]json.RawMessage
				err = json.NewDecoder(resp.Body).Decode(&body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					errs <- paths[k] + ": " + resp.Status
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if got := emu.Server.Stats().Tenants[emulator.DemoTenantID]; got.Calls != clients*callsEach || got.Rows != 3*clients*callsEach {
		t.Fatalf("tenant stats %+v, want %d calls and %d rows", got, clients*callsEach, 3*clients*callsEach)
	}
}

func TestUserAndFederatedTokenRoutes(t *testing.T) {
	emu := emulatortest.Start(t)
	// A user token whose audience is the api:// form is exchangeable too.
	status, _, b := emu.Call(t, "POST", "/_emulator/users/"+emulator.DemoAnalystUPN+"/token?audience=api", "", "")
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(b, &tok); err != nil || status != 200 || tok.AccessToken == "" {
		t.Fatalf("user token: %d %s", status, b)
	}
	form := "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&requested_token_use=on_behalf_of&client_id=" + emulator.DemoGrafanaAppID +
		"&client_secret=" + emulator.DemoSecret + "&scope=https://graph.microsoft.com/.default&assertion=" + tok.AccessToken
	resp, err := emu.Client().Post(emu.URL+"/"+emulator.DemoTenantID+"/oauth2/v2.0/token", "application/x-www-form-urlencoded", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("on-behalf-of with an api:// audience: %d", resp.StatusCode)
	}
	if status, _, b := emu.Call(t, "POST", "/_emulator/federated-token", "", `{"subject":`); status != 400 || !strings.Contains(string(b), "subject") {
		t.Fatalf("federated token with a broken body: %d %s, want 400 naming the format", status, b)
	}
}
