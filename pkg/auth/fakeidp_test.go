package auth

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

const (
	testTenant = "00000000-0000-4000-8000-00000000c0de"
	testClient = "00000000-0000-4000-8000-0000000000a1"
	testSecret = "quarry-demo-secret"
)

// fakeIDP is the smallest Entra ID that MSAL Go signs in against with instance discovery off: OIDC
// discovery plus a client-credentials token endpoint. It counts token requests so tests can assert that
// MSAL's cache is used.
type fakeIDP struct {
	srv        *httptest.Server
	tokenCalls atomic.Int32
	lastForm   atomic.Value // url.Values of the last token request
	// expiresIn is the lifetime of issued tokens in seconds; 0 means 3600.
	expiresIn atomic.Int32
}

func startFakeIDP(t *testing.T) *fakeIDP {
	t.Helper()
	f := &fakeIDP{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		base := f.srv.URL + "/" + r.PathValue("tenant")
		writeJSON(w, http.StatusOK, map[string]any{
			"issuer":                 base + "/v2.0",
			"authorization_endpoint": base + "/oauth2/v2.0/authorize",
			"token_endpoint":         base + "/oauth2/v2.0/token",
		})
	})
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		f.tokenCalls.Add(1)
		if err := r.ParseForm(); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid_request"})
			return
		}
		f.lastForm.Store(r.PostForm)
		secretOK := r.PostForm.Get("client_secret") == testSecret
		assertion := r.PostForm.Get("client_assertion") != ""
		if !secretOK && !assertion {
			writeJSON(w, http.StatusUnauthorized, map[string]any{
				"error":             "invalid_client",
				"error_description": "AADSTS7000215: Invalid client secret provided.",
				"error_codes":       []int{7000215},
			})
			return
		}
		claims := map[string]any{"aud": "https://graph.microsoft.com", "roles": []string{"ThreatHunting.Read.All"}}
		if r.PostForm.Get("requested_token_use") == "on_behalf_of" {
			// The user is whoever the assertion names; the fake trusts it.
			claims = map[string]any{"aud": "https://graph.microsoft.com", "scp": "ThreatHunting.Read.All", "upn": r.PostForm.Get("assertion")}
		}
		life := int32(3600)
		if v := f.expiresIn.Load(); v > 0 {
			life = v
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"token_type":   "Bearer",
			"expires_in":   life,
			"access_token": testJWT(claims),
		})
	})
	f.srv = httptest.NewTLSServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeIDP) config(mode Type) Config {
	return Config{Type: mode, AuthorityHost: f.srv.URL, TenantID: testTenant, ClientID: testClient,
		ClientSecret: testSecret, HTTPClient: f.srv.Client()}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// testJWT builds an unsigned token with the given payload; ParseClaims never verifies signatures.
func testJWT(payload map[string]any) string {
	b, err := json.Marshal(payload)
	if err != nil {
		panic(fmt.Sprintf("testJWT: %v", err))
	}
	enc := base64.RawURLEncoding.EncodeToString
	return strings.Join([]string{enc([]byte(`{"alg":"RS256","typ":"JWT"}`)), enc(b), enc([]byte("sig"))}, ".")
}
