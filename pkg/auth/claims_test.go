package auth

import (
	"reflect"
	"testing"
)

func TestParseClaims(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Claims
		wantErr bool
	}{
		{
			name: "app token with roles and string aud",
			in:   testJWT(map[string]any{"aud": "https://api.security.microsoft.com", "roles": []string{"AdvancedHunting.Read.All"}, "tid": testTenant, "appid": testClient}),
			want: Claims{Audience: []string{"https://api.security.microsoft.com"}, Roles: []string{"AdvancedHunting.Read.All"}, Scopes: []string{}, TenantID: testTenant, AppID: testClient},
		},
		{
			name: "user token with scp and list aud",
			in:   testJWT(map[string]any{"aud": []string{"a", "b"}, "scp": "AdvancedQuery.Read User.Read", "azp": testClient}),
			want: Claims{Audience: []string{"a", "b"}, Scopes: []string{"AdvancedQuery.Read", "User.Read"}, AppID: testClient},
		},
		{name: "not a jwt", in: "abc", wantErr: true},
		{name: "payload not base64", in: "a.!!!.c", wantErr: true},
		{name: "payload not json", in: "a.bm90IGpzb24.c", wantErr: true},
		{name: "aud is a number", in: testJWT(map[string]any{"aud": 7}), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseClaims(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseClaims() error = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if len(got.Scopes) == 0 && len(tt.want.Scopes) == 0 {
				got.Scopes, tt.want.Scopes = nil, nil
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseClaims() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestClaimsHasAndDelegated(t *testing.T) {
	app := Claims{Roles: []string{"ThreatHunting.Read.All"}}
	user := Claims{Scopes: []string{"AdvancedQuery.Read"}}
	if !app.Has("ThreatHunting.Read.All") || app.Has("AdvancedQuery.Read") || app.Delegated() {
		t.Fatalf("app claims misjudged: %+v", app)
	}
	if !user.Has("AdvancedQuery.Read") || !user.Delegated() {
		t.Fatalf("user claims misjudged: %+v", user)
	}
}
