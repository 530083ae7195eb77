package auth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Claims are the parts of an access token's payload that decide what the hunting APIs allow.
type Claims struct {
	// Audience is the API the token is for (aud); a string or an array in JWTs, always a slice here.
	Audience []string
	// Roles are application permissions (app-only tokens).
	Roles []string
	// Scopes are delegated permissions (user tokens; the scp claim is space-separated).
	Scopes   []string
	TenantID string
	AppID    string
}

// Delegated reports whether the token acts for a signed-in user rather than an application.
func (c Claims) Delegated() bool { return len(c.Scopes) > 0 }

// Has reports whether the token carries permission perm, as a role or a delegated scope.
func (c Claims) Has(perm string) bool {
	return slices.Contains(c.Roles, perm) || slices.Contains(c.Scopes, perm)
}

// ParseClaims decodes a JWT's payload WITHOUT verifying its signature: the API verifies it; this is only
// for telling the user which permission is missing before the API says 403.
func ParseClaims(token string) (Claims, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return Claims{}, errors.New("auth: the access token is not a JWT (expected three dot-separated parts)")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return Claims{}, fmt.Errorf("auth: the access token's payload is not base64url: %w", err)
	}
	var raw struct {
		Aud   json.RawMessage `json:"aud"`
		Roles []string        `json:"roles"`
		Scp   string          `json:"scp"`
		Tid   string          `json:"tid"`
		AppID string          `json:"appid"`
		Azp   string          `json:"azp"`
	}
	if err := json.Unmarshal(payload, &raw); err != nil {
		return Claims{}, fmt.Errorf("auth: the access token's payload is not JSON: %w", err)
	}
	aud, err := audience(raw.Aud)
	if err != nil {
		return Claims{}, err
	}
	c := Claims{Audience: aud, Roles: raw.Roles, Scopes: strings.Fields(raw.Scp), TenantID: raw.Tid, AppID: raw.AppID}
	if c.AppID == "" {
		c.AppID = raw.Azp // v2.0 tokens name the client in azp
	}
	return c, nil
}

func audience(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, fmt.Errorf("auth: the token's aud claim is neither a string nor a list: %w", err)
	}
	return many, nil
}
