package emulator

import (
	"crypto/rsa"
	"crypto/subtle"
	"net/http"
	"slices"
	"strings"
	"time"
)

const (
	assertionTypeJWT = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
	// federatedAudience is the audience Entra ID requires of workload identity tokens.
	federatedAudience = "api://AzureADTokenExchange"
)

// authenticateClient checks the client's credential: a secret, a JWT assertion signed by one of the app's
// certificates (x5t or x5t#S256 header), or a federated token from a trusted issuer.
func (s *Server) authenticateClient(r *http.Request, t *Tenant, tokenURL string) (*App, *oauthError) {
	clientID, secret, basic := r.BasicAuth()
	if !basic {
		clientID, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	app := t.app(clientID)
	if app == nil {
		return nil, &oauthError{http.StatusBadRequest, "unauthorized_client", 700016,
			"Application with identifier '" + clientID + "' was not found in the directory '" + t.ID + "'."}
	}
	if secret != "" {
		for _, s := range app.Secrets {
			if subtle.ConstantTimeCompare([]byte(s), []byte(secret)) == 1 {
				return app, nil
			}
		}
		return nil, &oauthError{http.StatusUnauthorized, "invalid_client", 7000215,
			"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + app.ClientID + "'."}
	}
	assertion := r.PostForm.Get("client_assertion")
	if assertion == "" {
		return nil, &oauthError{http.StatusUnauthorized, "invalid_client", 7000218,
			"The request body must contain the following parameter: 'client_assertion' or 'client_secret'."}
	}
	if at := r.PostForm.Get("client_assertion_type"); at != assertionTypeJWT {
		return nil, &oauthError{http.StatusBadRequest, "invalid_request", 50027,
			"client_assertion_type must be " + assertionTypeJWT + ", got '" + at + "'."}
	}
	p, err := parseJWT(assertion)
	if err != nil {
		return nil, &oauthError{http.StatusBadRequest, "invalid_client", 50027, "Invalid JWT token: " + err.Error()}
	}
	if oerr := s.checkAssertion(p, app, tokenURL); oerr != nil {
		return nil, oerr
	}
	return app, nil
}

func (s *Server) checkAssertion(p *parsedJWT, app *App, tokenURL string) *oauthError {
	invalid := func(code int, msg string) *oauthError {
		return &oauthError{http.StatusUnauthorized, "invalid_client", code, msg}
	}
	if err := p.checkTimes(time.Now()); err != nil {
		return invalid(700024, "Client assertion is not within its valid time range: "+err.Error()+".")
	}
	x5t, _ := p.header["x5t#S256"].(string)
	if x5t == "" {
		x5t, _ = p.header["x5t"].(string)
	}
	if x5t != "" {
		cert := app.thumbprints[x5t]
		if cert == nil {
			return invalid(700027, "The certificate with identifier used to sign the client assertion is not registered on application '"+app.ClientID+"'.")
		}
		pub, ok := cert.PublicKey.(*rsa.PublicKey)
		if !ok || p.verify(pub) != nil {
			return invalid(7000274, "Client assertion contains an invalid signature.")
		}
		if p.str("iss") != app.ClientID || p.str("sub") != app.ClientID {
			return invalid(700021, "Client assertion application identifier doesn't match 'client_id' parameter: iss and sub must be "+app.ClientID+".")
		}
		if !slices.ContainsFunc(p.audiences(), func(a string) bool { return strings.EqualFold(strings.TrimSuffix(a, "/"), tokenURL) }) {
			return invalid(700212, "Client assertion audience claim does not match Realm issuer: aud must be "+tokenURL+".")
		}
		return nil
	}
	// A federated token: it must come from an issuer and subject the app trusts.
	iss, sub := p.str("iss"), p.str("sub")
	if !slices.Contains(app.Federated, FederatedCredential{Issuer: iss, Subject: sub}) {
		return invalid(700213, "No matching federated identity record found for presented assertion subject '"+sub+"' and issuer '"+iss+"'.")
	}
	if iss != FederationIssuer || p.verify(&s.signer.key.PublicKey) != nil {
		return invalid(700211, "No matching federated identity record found for presented assertion issuer '"+iss+"': the emulator verifies tokens of "+FederationIssuer+" only.")
	}
	if !slices.Contains(p.audiences(), federatedAudience) {
		return invalid(700212, "No matching federated identity record found for presented assertion audience: want "+federatedAudience+".")
	}
	return nil
}

// onBehalfOf exchanges a user's token for Grafana's app (assertion) for a token for the API res.
func (s *Server) onBehalfOf(r *http.Request, base string, t *Tenant, app *App, res resource, aud string) (issued, *oauthError) {
	invalid := func(code int, msg string) (issued, *oauthError) {
		return issued{}, &oauthError{http.StatusBadRequest, "invalid_grant", code, msg}
	}
	if r.PostForm.Get("requested_token_use") != "on_behalf_of" {
		return invalid(50034, "The jwt-bearer grant needs requested_token_use=on_behalf_of.")
	}
	p, err := parseJWT(r.PostForm.Get("assertion"))
	if err != nil {
		return invalid(50027, "Invalid JWT token in assertion: "+err.Error())
	}
	if !s.signer.verifies(p) {
		return invalid(50013, "Assertion failed signature validation.")
	}
	if err := p.checkTimes(time.Now()); err != nil {
		return invalid(500133, "Assertion is not within its valid time range: "+err.Error()+".")
	}
	if !slices.ContainsFunc(p.audiences(), func(a string) bool {
		return strings.EqualFold(a, app.ClientID) || strings.EqualFold(a, "api://"+app.ClientID)
	}) {
		return invalid(50013, "Assertion audience does not match the Client app presenting the assertion: aud must be "+app.ClientID+" or api://"+app.ClientID+".")
	}
	u := t.user(p.str("upn"))
	if u == nil || !strings.EqualFold(p.str("tid"), t.ID) {
		return invalid(50034, "The user account "+p.str("upn")+" does not exist in the "+t.ID+" directory.")
	}
	scp := delegatedScopes(app, res)
	if len(scp) == 0 {
		return invalid(65001, "The user or administrator has not consented to use the application with ID '"+app.ClientID+"'. Grant it the delegated permission "+res.userPerm+".")
	}
	tok, err := s.userToken(base, t, u, app.ClientID, aud, scp)
	if err != nil {
		return invalid(50000, "There was an error issuing a token.")
	}
	return tok, nil
}
