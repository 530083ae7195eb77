package auth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCurrentUser(t *testing.T) {
	idp := startFakeIDP(t)
	const scope = "https://graph.microsoft.com/.default"
	tests := []struct {
		name      string
		fallback  Type
		user      *User
		wantScp   bool
		wantRoles bool
		wantErr   error
	}{
		{name: "user token is exchanged on behalf of the user", user: &User{Login: "analyst", AccessToken: "user-assertion-1"}, wantScp: true},
		{name: "no user and no fallback", wantErr: ErrNoUser},
		{name: "no user falls back to the app", fallback: ClientSecret, wantRoles: true},
		{name: "user wins over the fallback", fallback: ClientSecret, user: &User{Login: "helpdesk", AccessToken: "user-assertion-2"}, wantScp: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := idp.config(CurrentUser)
			cfg.Fallback = tt.fallback
			src, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if tt.user != nil {
				ctx = WithUser(ctx, *tt.user)
			}
			tok, err := src.Token(ctx, scope)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), "fallbackAuthType") {
					t.Fatalf("error = %v, want %v naming fallbackAuthType", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c, err := ParseClaims(tok.Value)
			if err != nil {
				t.Fatal(err)
			}
			if c.Delegated() != tt.wantScp || (len(c.Roles) > 0) != tt.wantRoles {
				t.Fatalf("claims = %+v; want delegated=%v roles=%v", c, tt.wantScp, tt.wantRoles)
			}
		})
	}
}

func TestWorkloadIdentityReadsTheTokenFile(t *testing.T) {
	idp := startFakeIDP(t)
	path := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(path, []byte("federated-token-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := idp.config(WorkloadIdentity)
	cfg.ClientSecret, cfg.FederatedTokenFile = "", path
	src, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Token(context.Background(), "https://graph.microsoft.com/.default"); err != nil {
		t.Fatal(err)
	}
	form, _ := idp.lastForm.Load().(interface{ Get(string) string })
	if form == nil || form.Get("client_assertion") != "federated-token-1" {
		t.Fatalf("token request did not carry the file's token as client assertion")
	}
}

func TestBearerToken(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bearer abc", "abc"}, {"bearer  abc ", "abc"}, {"Basic abc", ""}, {"", ""}, {"Bearer", ""},
	}
	for _, tt := range tests {
		if got := BearerToken(tt.in); got != tt.want {
			t.Errorf("BearerToken(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A refused on-behalf-of exchange is a SignInError in current-user mode that names the app and tenant,
// with the current-user hint and without the secret.
func TestCurrentUserBadSecret(t *testing.T) {
	idp := startFakeIDP(t)
	cfg := idp.config(CurrentUser)
	cfg.ClientSecret = "wrong-secret-value"
	src, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithUser(context.Background(), User{Login: "analyst", AccessToken: "user-assertion-1"})
	_, err = src.Token(ctx, "https://graph.microsoft.com/.default")
	var se *SignInError
	if !errors.As(err, &se) || se.Mode != CurrentUser || se.Status != 401 {
		t.Fatalf("error = %#v, want a 401 *SignInError in currentUser mode", err)
	}
	msg := err.Error()
	for _, want := range []string{"sign-in (currentUser) as app " + testClient + " in tenant " + testTenant, "AADSTS7000215", "sign out of Grafana"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if strings.Contains(msg, cfg.ClientSecret) {
		t.Fatalf("error leaks the secret: %s", msg)
	}
}
