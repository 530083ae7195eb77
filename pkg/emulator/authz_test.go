package emulator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

type noEngine struct{}

func (noEngine) Run(context.Context, dataset.Query) (*dataset.Table, error) {
	return &dataset.Table{}, nil
}

func TestAuthorize(t *testing.T) {
	s, err := New(Config{Engine: noEngine{}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := New(Config{Engine: noEngine{}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Unix()
	app := func(mut func(claims)) claims {
		c := claims{"aud": "https://api.security.microsoft.com", "tid": DemoTenantID, "appid": DemoReaderAppID,
			"roles": []string{PermXDRApp}, "iat": now, "nbf": now, "exp": now + 3600}
		if mut != nil {
			mut(c)
		}
		return c
	}
	user := claims{"aud": "https://api.security.microsoft.com", "tid": DemoTenantID, "appid": DemoGrafanaAppID,
		"upn": DemoAnalystUPN, "scp": "User.Read", "exp": now + 3600}
	tests := []struct {
		name       string
		signer     *signer
		c          claims
		wantStatus int
		wantMsg    string
	}{
		{"valid app token", s.signer, app(nil), 0, ""},
		{"expired beyond the skew", s.signer, app(func(c claims) { c["exp"] = now - 600 }), 401, "token expired"},
		{"expired within the 5 minute skew", s.signer, app(func(c claims) { c["exp"] = now - 60 }), 0, ""},
		{"not yet valid", s.signer, app(func(c claims) { c["nbf"] = now + 3600 }), 401, "not valid before"},
		{"no exp", s.signer, app(func(c claims) { delete(c, "exp") }), 401, "no exp"},
		{"signed by another emulator", other.signer, app(nil), 401, "signature"},
		{"unknown tenant", s.signer, app(func(c claims) { c["tid"] = "11111111-0000-4000-8000-000000000000" }), 401, "unknown tenant"},
		{"audience list", s.signer, app(func(c claims) { c["aud"] = []string{"x", "https://api.security.microsoft.com"} }), 0, ""},
		{"roles of another API", s.signer, app(func(c claims) { c["roles"] = []string{PermMDEApp} }), 403, "(AdvancedHunting.Read.All)"},
		{"delegated without the scope", s.signer, user, 403, "required delegated permissions (AdvancedHunting.Read)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := tc.signer.sign(tc.c)
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest(http.MethodPost, "/api/advancedhunting/run", nil)
			r.Header.Set("Authorization", "Bearer "+tok)
			id, aerr := s.authorize(r, apiXDR)
			if tc.wantStatus == 0 {
				if aerr != nil || id.tenant != DemoTenantID {
					t.Fatalf("got %v, want authorized", aerr)
				}
				return
			}
			if aerr == nil || aerr.Status != tc.wantStatus || !strings.Contains(aerr.Message, tc.wantMsg) {
				t.Fatalf("got %v, want %d containing %q", aerr, tc.wantStatus, tc.wantMsg)
			}
		})
	}
}
