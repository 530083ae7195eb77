package emulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// resource is an API a token can be issued for.
type resource struct {
	family string
	// appPerm and userPerm are the application and delegated permissions the API accepts.
	appPerm, userPerm string
	// audiences are the resource identifiers (scope prefixes) that name this API; the first is canonical.
	audiences []string
}

var resources = []resource{
	{familyGraph, PermGraph, PermGraph, []string{
		"https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000",
		"https://graph.microsoft.us", "https://dod-graph.microsoft.us"}},
	{familyXDR, PermXDRApp, PermXDRDelegated, []string{
		"https://api.security.microsoft.com", "https://api-gcc.security.microsoft.us", "https://api-gov.security.microsoft.us"}},
	{familyMDE, PermMDEApp, PermMDEDelegated, []string{
		"https://api.securitycenter.microsoft.com", "https://api.securitycenter.windows.com",
		"https://api-gcc.securitycenter.microsoft.us", "https://api-gov.securitycenter.microsoft.us"}},
}

// resourceForScope maps a scope such as "https://graph.microsoft.com/.default" to its API.
func resourceForScope(scope string) (resource, string, bool) {
	for _, sc := range strings.Fields(scope) {
		aud := strings.TrimSuffix(strings.TrimSuffix(sc, "/.default"), "/")
		for _, r := range resources {
			for _, a := range r.audiences {
				if strings.EqualFold(a, aud) {
					return r, a, true
				}
			}
		}
	}
	return resource{}, "", false
}

func resourceForFamily(family string) resource {
	for _, r := range resources {
		if r.family == family {
			return r
		}
	}
	return resource{}
}

// identity is the caller of an API call, from a verified token.
type identity struct {
	tenant string
	appID  string
	// user is set for delegated (user) tokens.
	user *User
}

// authorize checks the bearer token of an API call: signature, lifetime, audience, tenant and permission.
func (s *Server) authorize(r *http.Request, api apiKind) (*identity, *apiError) {
	unauthorized := func(msg string) (*identity, *apiError) {
		code := "Unauthorized"
		if api.isGraph() {
			code = "InvalidAuthenticationToken"
		}
		return nil, &apiError{Status: http.StatusUnauthorized, Code: code, Message: msg}
	}
	h := r.Header.Get("Authorization")
	scheme, tok, _ := strings.Cut(h, " ")
	if h == "" || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return unauthorized("Access token is empty.")
	}
	p, err := parseJWT(strings.TrimSpace(tok))
	if err != nil {
		return unauthorized("IDX14100: JWT is not well formed: " + err.Error())
	}
	if !s.signer.verifies(p) {
		return unauthorized("Access token validation failure: the signature is not valid for this tenant's signing keys.")
	}
	if err := p.checkTimes(time.Now()); err != nil {
		return unauthorized("Lifetime validation failed, the token is expired: " + err.Error())
	}
	res := resourceForFamily(api.family())
	if !slices.ContainsFunc(p.audiences(), func(a string) bool {
		return slices.ContainsFunc(res.audiences, func(b string) bool { return strings.EqualFold(a, b) })
	}) {
		return unauthorized("Access token validation failure. Invalid audience: this API accepts tokens for " + res.audiences[0] + ".")
	}
	t := s.cfg.Directory.tenant(p.str("tid"))
	if t == nil {
		return unauthorized("Access token validation failure: unknown tenant " + p.str("tid") + ".")
	}
	id := &identity{tenant: t.ID, appID: p.str("appid")}
	if scp, delegated := p.claims["scp"].(string); delegated {
		id.user = t.user(p.str("upn"))
		if id.user == nil {
			return unauthorized("Access token validation failure: the user " + p.str("upn") + " does not exist in the tenant.")
		}
		if !slices.Contains(strings.Fields(scp), res.userPerm) {
			return nil, forbidden(api, "user", res.userPerm, scp)
		}
		return id, nil
	}
	have := p.strList("roles")
	if !slices.Contains(have, res.appPerm) {
		return nil, forbidden(api, "application", res.appPerm, strings.Join(have, " "))
	}
	return id, nil
}

func forbidden(api apiKind, kind, need, have string) *apiError {
	if api.isGraph() {
		what := "role"
		if kind == "user" {
			what = "scope"
		}
		return &apiError{Status: http.StatusForbidden, Code: "Forbidden",
			Message: "Missing " + what + " permissions on the request. API requires one of '" + need + "'. " +
				strings.ToUpper(what[:1]) + what[1:] + "s on the request '" + have + "'."}
	}
	who := "The application does not have any of the required application permissions"
	if kind == "user" {
		who = "The user does not have any of the required delegated permissions"
	}
	return &apiError{Status: http.StatusForbidden, Code: "Forbidden",
		Message: who + " (" + need + ") to access the resource."}
}
