package emulator

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// oauthError is an Entra ID token endpoint error: {"error", "error_description", "error_codes", ...}.
type oauthError struct {
	status int
	code   string // invalid_client, invalid_grant, ...
	aadsts int
	desc   string
}

func (e *oauthError) write(w http.ResponseWriter) {
	id := newUUID()
	writeJSON(w, e.status, map[string]any{
		"error":             e.code,
		"error_description": "AADSTS" + strconv.Itoa(e.aadsts) + ": " + e.desc + " Trace ID: " + id + " Timestamp: " + time.Now().UTC().Format("2006-01-02 15:04:05Z"),
		"error_codes":       []int{e.aadsts},
		"timestamp":         time.Now().UTC().Format("2006-01-02 15:04:05Z"),
		"trace_id":          id,
		"correlation_id":    id,
	})
}

func errTenantNotFound(tenant string) *oauthError {
	return &oauthError{http.StatusBadRequest, "invalid_request", 90002,
		"Tenant '" + tenant + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."}
}

func (s *Server) handleOpenIDConfig(w http.ResponseWriter, r *http.Request) {
	t := s.cfg.Directory.tenant(r.PathValue("tenant"))
	if t == nil {
		errTenantNotFound(r.PathValue("tenant")).write(w)
		return
	}
	base := baseURL(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                issuer(base, t.ID),
		"authorization_endpoint":                base + "/" + t.ID + "/oauth2/v2.0/authorize",
		"token_endpoint":                        base + "/" + t.ID + "/oauth2/v2.0/token",
		"jwks_uri":                              base + "/" + t.ID + "/discovery/v2.0/keys",
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"scopes_supported":                      []string{"openid", "profile", "email", "offline_access"},
		"tenant_region_scope":                   "WW",
		"cloud_instance_name":                   "microsoftonline.com",
		"msgraph_host":                          "graph.microsoft.com",
	})
}

func (s *Server) handleJWKS(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"keys": []any{s.signer.jwk()}})
}

// handleInstanceDiscovery answers MSAL's instance discovery for this host, should a client leave it on and
// reach us (it only asks the authority's own host when that host is one of Microsoft's).
func (s *Server) handleInstanceDiscovery(w http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.Host)
	tenant := "common"
	if u, err := url.Parse(r.URL.Query().Get("authorization_endpoint")); err == nil {
		if parts := strings.Split(strings.Trim(u.Path, "/"), "/"); len(parts) > 0 && parts[0] != "" {
			tenant = parts[0]
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"tenant_discovery_endpoint": baseURL(r) + "/" + tenant + "/v2.0/.well-known/openid-configuration",
		"api-version":               "1.1",
		"metadata":                  []any{map[string]any{"preferred_network": host, "preferred_cache": host, "aliases": []string{host}}},
	})
}

// handleToken is the v2.0 token endpoint (scope=...) and the v1 one (resource=..., as the 2018 API
// documentation signed in): client credentials (secret, certificate assertion or federated assertion) and
// on-behalf-of.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	t := s.cfg.Directory.tenant(r.PathValue("tenant"))
	if t == nil {
		errTenantNotFound(r.PathValue("tenant")).write(w)
		return
	}
	if err := r.ParseForm(); err != nil {
		(&oauthError{http.StatusBadRequest, "invalid_request", 900144, "The request body must be application/x-www-form-urlencoded: " + err.Error()}).write(w)
		return
	}
	base := baseURL(r)
	app, oerr := s.authenticateClient(r, t, base+r.URL.Path)
	if oerr != nil {
		oerr.write(w)
		return
	}
	v1 := !strings.Contains(r.URL.Path, "/v2.0/")
	scope := r.PostForm.Get("scope")
	if v1 {
		scope = r.PostForm.Get("resource")
	}
	res, aud, ok := resourceForScope(scope)
	if !ok {
		(&oauthError{http.StatusBadRequest, "invalid_resource", 500011,
			"The resource principal named " + scope + " was not found in the tenant. This emulator issues tokens for https://graph.microsoft.com/.default, https://api.security.microsoft.com/.default and https://api.securitycenter.microsoft.com/.default."}).write(w)
		return
	}
	var tok issued
	var err error
	switch gt := r.PostForm.Get("grant_type"); gt {
	case "client_credentials":
		tok, err = s.appToken(base, t, app, res, aud)
	case "urn:ietf:params:oauth:grant-type:jwt-bearer":
		var oerr *oauthError
		tok, oerr = s.onBehalfOf(r, base, t, app, res, aud)
		if oerr != nil {
			oerr.write(w)
			return
		}
	default:
		(&oauthError{http.StatusBadRequest, "unsupported_grant_type", 70003,
			"The app requested an unsupported grant type '" + gt + "'. Use client_credentials or urn:ietf:params:oauth:grant-type:jwt-bearer (on-behalf-of)."}).write(w)
		return
	}
	if err != nil {
		s.cfg.Logger.Error("mint token", "err", err)
		(&oauthError{http.StatusInternalServerError, "temporarily_unavailable", 50000, "There was an error issuing a token."}).write(w)
		return
	}
	if v1 {
		writeV1TokenResponse(w, tok, scope)
		return
	}
	writeTokenResponse(w, tok)
}

// writeV1TokenResponse answers like the v1 endpoint: numbers as strings, with resource and expires_on.
func writeV1TokenResponse(w http.ResponseWriter, tok issued, resource string) {
	secs := strconv.FormatInt(int64(time.Until(tok.expiresOn)/time.Second), 10)
	writeJSON(w, http.StatusOK, map[string]string{
		"token_type": "Bearer", "expires_in": secs, "ext_expires_in": secs,
		"expires_on": strconv.FormatInt(tok.expiresOn.Unix(), 10), "not_before": strconv.FormatInt(time.Now().Unix(), 10),
		"resource": resource, "access_token": tok.token,
	})
}

func writeTokenResponse(w http.ResponseWriter, tok issued) {
	secs := int64(time.Until(tok.expiresOn) / time.Second)
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type": "Bearer", "expires_in": secs, "ext_expires_in": secs, "access_token": tok.token,
	})
}
