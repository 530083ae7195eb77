package auth

import (
	"context"
	"errors"
	"fmt"
)

// ErrNoUser is returned in current-user mode when a request carries no user token and no fallback is set.
var ErrNoUser = errors.New("this request has no signed-in user token")

// oboSource runs queries as the signed-in user: it exchanges the token Grafana forwarded for one for the
// hunting API (OAuth 2.0 on-behalf-of), so the API applies the user's own permissions and device groups.
// Requests without a user (alert rules, background jobs) use the fallback source, when configured.
// MSAL caches the exchanged tokens per user assertion.
type oboSource struct {
	app      *confidentialSource
	fallback TokenSource
}

// newOnBehalfOf builds the current-user source from the app credentials (secret or certificate) of the
// app the users' tokens are issued to.
func newOnBehalfOf(cfg Config) (*oboSource, error) {
	var cred credentialFunc
	switch {
	case cfg.ClientSecret != "":
		cred = secretCredential(cfg.ClientSecret)
	case cfg.ClientCertificate != "":
		c, err := certificateCredential(cfg.ClientCertificate, cfg.ClientCertificatePassword)
		if err != nil {
			return nil, err
		}
		cred = c
	default:
		return nil, errors.New("auth: currentUser needs the app's clientSecret or clientCertificate for the on-behalf-of exchange")
	}
	app, err := newConfidential(cfg, cred)
	if err != nil {
		return nil, err
	}
	s := &oboSource{app: app}
	switch cfg.Fallback {
	case "":
	case CurrentUser:
		return nil, errors.New("auth: fallbackAuthType cannot be currentUser; use clientSecret, clientCertificate or managedIdentity")
	default:
		fb := cfg
		fb.Type, fb.Fallback = cfg.Fallback, ""
		if s.fallback, err = New(fb); err != nil {
			return nil, fmt.Errorf("auth: fallbackAuthType: %w", err)
		}
	}
	return s, nil
}

// Token exchanges the user's token from ctx (see WithUser), or uses the fallback when there is none.
func (s *oboSource) Token(ctx context.Context, scope string) (Token, error) {
	u, ok := UserFrom(ctx)
	if !ok {
		if s.fallback != nil {
			return s.fallback.Token(ctx, scope)
		}
		return Token{}, fmt.Errorf("auth: queries run as the signed-in user, but %w: for alert rules and other background queries set fallbackAuthType; for dashboards make sure Grafana forwards the user's OAuth identity (oauthPassThru) and the user signed in with Microsoft Entra ID", ErrNoUser)
	}
	res, err := s.app.client.AcquireTokenOnBehalfOf(ctx, u.AccessToken, []string{scope})
	if err != nil {
		return Token{}, s.app.signInError(scope, err)
	}
	return Token{Value: res.AccessToken, ExpiresOn: res.ExpiresOn}, nil
}
