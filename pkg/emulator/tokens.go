package emulator

import (
	"slices"
	"strings"
	"time"
)

// tokenLifetime is how long issued access tokens live, like Entra ID's default (60-90 minutes).
const tokenLifetime = time.Hour

// issued is a minted access token and when it expires.
type issued struct {
	token     string
	expiresOn time.Time
}

func issuer(base, tenant string) string { return base + "/" + tenant + "/v2.0" }

func (s *Server) mint(c claims) (issued, error) {
	now := time.Now()
	exp := now.Add(tokenLifetime)
	c["iat"], c["nbf"], c["exp"] = now.Unix(), now.Unix(), exp.Unix()
	c["jti"] = newUUID()
	tok, err := s.signer.sign(c)
	return issued{token: tok, expiresOn: exp}, err
}

// appToken is an application token for aud with the app's roles that belong to that API.
func (s *Server) appToken(base string, t *Tenant, a *App, res resource, aud string) (issued, error) {
	c := claims{
		"aud": aud, "iss": issuer(base, t.ID), "tid": t.ID, "sub": a.ClientID, "oid": a.ClientID,
		"appid": a.ClientID, "azp": a.ClientID, "idtyp": "app", "ver": "2.0",
	}
	if slices.Contains(a.Roles, res.appPerm) {
		c["roles"] = []string{res.appPerm}
	}
	return s.mint(c)
}

// userToken is a delegated token for aud, acting for u through the app clientID, with scopes scp.
func (s *Server) userToken(base string, t *Tenant, u *User, clientID, aud string, scp []string) (issued, error) {
	name := u.Name
	if name == "" {
		name = u.UPN
	}
	return s.mint(claims{
		"aud": aud, "iss": issuer(base, t.ID), "tid": t.ID, "sub": u.ObjectID, "oid": u.ObjectID,
		"upn": u.UPN, "preferred_username": u.UPN, "name": name,
		"appid": clientID, "azp": clientID, "idtyp": "user", "ver": "2.0", "scp": strings.Join(scp, " "),
	})
}

// delegatedScopes are the delegated permissions of a granted to the API res.
func delegatedScopes(a *App, res resource) []string {
	if slices.Contains(a.Delegated, res.userPerm) {
		return []string{res.userPerm}
	}
	return nil
}
