package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewRejectsBadConfig(t *testing.T) {
	good := Config{Type: ClientSecret, AuthorityHost: "https://login.microsoftonline.com", TenantID: testTenant, ClientID: testClient,
		ClientSecret: testSecret, HTTPClient: http.DefaultClient}
	tests := []struct {
		name    string
		in      func(c *Config)
		wantErr string
	}{
		{name: "no http client", in: func(c *Config) { c.HTTPClient = nil }, wantErr: "no HTTP client"},
		{name: "empty auth type", in: func(c *Config) { c.Type = "" }, wantErr: "authType is empty"},
		{name: "unknown auth type", in: func(c *Config) { c.Type = "password" }, wantErr: `unknown authType "password"`},
		{name: "workload identity without token file", in: func(c *Config) { c.Type = WorkloadIdentity }, wantErr: "AZURE_FEDERATED_TOKEN_FILE"},
		{name: "current user without credential", in: func(c *Config) { c.Type = CurrentUser; c.ClientSecret = "" }, wantErr: "currentUser needs the app's clientSecret"},
		{name: "current user falling back to itself", in: func(c *Config) { c.Type = CurrentUser; c.Fallback = CurrentUser }, wantErr: "fallbackAuthType cannot be currentUser"},
		{name: "current user with a broken fallback", in: func(c *Config) { c.Type = CurrentUser; c.Fallback = ClientCertificate }, wantErr: "fallbackAuthType: auth: clientCertificate is empty"},
		{name: "empty secret", in: func(c *Config) { c.ClientSecret = "" }, wantErr: "clientSecret is empty"},
		{name: "empty client id", in: func(c *Config) { c.ClientID = "" }, wantErr: "clientId is empty"},
		{name: "empty tenant", in: func(c *Config) { c.TenantID = "" }, wantErr: "tenantId is empty"},
		{name: "plain http authority", in: func(c *Config) { c.AuthorityHost = "http://login.example" }, wantErr: "must start with https://"},
		{name: "empty certificate", in: func(c *Config) { c.Type = ClientCertificate }, wantErr: "clientCertificate is empty"},
		{name: "garbage certificate", in: func(c *Config) { c.Type = ClientCertificate; c.ClientCertificate = "not pem" }, wantErr: "not a usable PEM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.in(&cfg)
			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New() error = %v, want it to contain %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Fatalf("error leaks the secret: %v", err)
			}
		})
	}
}

func TestClientSecretTokenIsReused(t *testing.T) {
	idp := startFakeIDP(t)
	src, err := New(idp.config(ClientSecret))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 3 {
		tok, err := src.Token(ctx, "https://graph.microsoft.com/.default")
		if err != nil {
			t.Fatalf("Token #%d: %v", i, err)
		}
		if time.Until(tok.ExpiresOn) < 50*time.Minute {
			t.Fatalf("ExpiresOn = %v, want about an hour ahead", tok.ExpiresOn)
		}
		c, err := ParseClaims(tok.Value)
		if err != nil || !c.Has("ThreatHunting.Read.All") {
			t.Fatalf("claims = %+v, %v", c, err)
		}
	}
	if n := idp.tokenCalls.Load(); n != 1 {
		t.Fatalf("token endpoint called %d times for 3 Token calls, want 1 (MSAL cache)", n)
	}
	// A different scope is a different token.
	if _, err := src.Token(ctx, "https://api.security.microsoft.com/.default"); err != nil {
		t.Fatal(err)
	}
	if n := idp.tokenCalls.Load(); n != 2 {
		t.Fatalf("token endpoint called %d times after a second scope, want 2", n)
	}
}

// MSAL refreshes a token 5 minutes before it expires: one that lives 4 minutes is never served from the
// cache, which is what "reused until shortly before expiry" means.
func TestTokenNearExpiryIsRenewed(t *testing.T) {
	idp := startFakeIDP(t)
	idp.expiresIn.Store(240)
	src, err := New(idp.config(ClientSecret))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := src.Token(context.Background(), "https://graph.microsoft.com/.default"); err != nil {
			t.Fatal(err)
		}
	}
	if n := idp.tokenCalls.Load(); n != 2 {
		t.Fatalf("token endpoint called %d times, want 2 (a 4-minute token is inside MSAL's 5-minute margin)", n)
	}
}

func TestClientSecretBadSecret(t *testing.T) {
	idp := startFakeIDP(t)
	cfg := idp.config(ClientSecret)
	cfg.ClientSecret = "wrong-secret-value"
	src, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = src.Token(context.Background(), "https://graph.microsoft.com/.default")
	var sie *SignInError
	if !errors.As(err, &sie) {
		t.Fatalf("error = %v, want *SignInError", err)
	}
	msg := err.Error()
	for _, want := range []string{testClient, testTenant, "AADSTS7000215", "client secret"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if strings.Contains(msg, "wrong-secret-value") {
		t.Fatalf("error leaks the secret: %s", msg)
	}
}

func TestClientCertificateSignsAssertion(t *testing.T) {
	idp := startFakeIDP(t)
	cfg := idp.config(ClientCertificate)
	cfg.ClientSecret = ""
	cfg.ClientCertificate = selfSignedPEM(t)
	src, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Token(context.Background(), "https://graph.microsoft.com/.default"); err != nil {
		t.Fatal(err)
	}
	form, _ := idp.lastForm.Load().(interface{ Get(string) string })
	if form == nil || form.Get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
		t.Fatalf("token request did not carry a client assertion")
	}
}

func selfSignedPEM(t *testing.T) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "quarry-test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})) +
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}))
}

func TestSignInErrorIsReadable(t *testing.T) {
	idp := startFakeIDP(t)
	cfg := idp.config(ClientSecret)
	cfg.ClientSecret = "nope"
	src, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = src.Token(context.Background(), "https://graph.microsoft.com/.default")
	want := "sign-in (clientSecret) as app " + testClient + " in tenant " + testTenant +
		" for https://graph.microsoft.com/.default failed: HTTP 401: AADSTS7000215: Invalid client secret provided.; check tenantId"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error = %v\nwant prefix %s", err, want)
	}
}
