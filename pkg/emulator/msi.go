package emulator

import (
	"crypto/subtle"
	"net/http"
	"strconv"
)

// handleManagedIdentity is an App Service-style managed identity endpoint (the IDENTITY_ENDPOINT /
// IDENTITY_HEADER protocol, api-version 2019-08-01) as MSAL Go's managedidentity package calls it:
// GET ?api-version=2019-08-01&resource=...[&client_id=...] with header X-IDENTITY-HEADER.
func (s *Server) handleManagedIdentity(w http.ResponseWriter, r *http.Request) {
	fail := func(status int, msg string) {
		writeJSON(w, status, map[string]any{"statusCode": status, "message": msg, "correlationId": newUUID()})
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-IDENTITY-HEADER")), []byte(s.cfg.IdentityHeader)) != 1 {
		fail(http.StatusUnauthorized, "X-IDENTITY-HEADER is missing or does not match IDENTITY_HEADER.")
		return
	}
	q := r.URL.Query()
	if q.Get("api-version") != "2019-08-01" {
		fail(http.StatusBadRequest, "api-version must be 2019-08-01.")
		return
	}
	if q.Get("mi_res_id") != "" || q.Get("object_id") != "" || q.Get("principal_id") != "" {
		fail(http.StatusBadRequest, "This emulator selects user-assigned identities by client_id only.")
		return
	}
	t, app := s.cfg.Directory.managedIdentity(q.Get("client_id"))
	if app == nil {
		fail(http.StatusBadRequest, "No managed identity found for client_id '"+q.Get("client_id")+"'.")
		return
	}
	res, aud, ok := resourceForScope(q.Get("resource"))
	if !ok {
		fail(http.StatusBadRequest, "Unknown resource '"+q.Get("resource")+"'.")
		return
	}
	tok, err := s.appToken(baseURL(r), t, app, res, aud)
	if err != nil {
		s.cfg.Logger.Error("mint managed identity token", "err", err)
		fail(http.StatusInternalServerError, "There was an error issuing a token.")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{
		"access_token": tok.token,
		"expires_on":   strconv.FormatInt(tok.expiresOn.Unix(), 10),
		"resource":     q.Get("resource"),
		"token_type":   "Bearer",
		"client_id":    app.ClientID,
	})
}
