package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// confidentialSource signs in as an application (client credentials grant) with MSAL Go. MSAL's
// in-memory cache, held by the client, serves a token until 5 minutes before it expires, so every
// panel of a dashboard shares one sign-in.
type confidentialSource struct {
	client   confidential.Client
	clientID string
	tenantID string
	mode     Type
	secret   string
}

type credentialFunc func() (confidential.Credential, error)

func secretCredential(secret string) credentialFunc {
	return func() (confidential.Credential, error) { return confidential.NewCredFromSecret(secret) }
}

func certificateCredential(pemData, password string) (credentialFunc, error) {
	if pemData == "" {
		return nil, errors.New("auth: clientCertificate is empty; paste a PEM bundle with the certificate and its private key")
	}
	certs, key, err := confidential.CertFromPEM([]byte(pemData), password)
	if err != nil {
		// MSAL's message names the PEM problem (no key, bad password); it never contains key material.
		return nil, fmt.Errorf("auth: clientCertificate is not a usable PEM certificate with private key (check clientCertificatePassword if the key is encrypted): %w", err)
	}
	return func() (confidential.Credential, error) { return confidential.NewCredFromCert(certs, key) }, nil
}

func newConfidential(cfg Config, cred credentialFunc) (*confidentialSource, error) {
	if cfg.ClientID == "" {
		return nil, errors.New("auth: clientId is empty; copy the Application (client) ID from the app registration's Overview page")
	}
	authority, err := cfg.authority()
	if err != nil {
		return nil, err
	}
	c, err := cred()
	if err != nil {
		return nil, fmt.Errorf("auth: %s credential: %w", cfg.Type, err)
	}
	client, err := confidential.New(authority, cfg.ClientID, c,
		confidential.WithHTTPClient(cfg.HTTPClient),
		confidential.WithInstanceDiscovery(cfg.InstanceDiscovery))
	if err != nil {
		return nil, fmt.Errorf("auth: authority %s: %w", authority, err)
	}
	return &confidentialSource{client: client, clientID: cfg.ClientID, tenantID: cfg.TenantID, mode: cfg.Type,
		secret: cfg.ClientSecret}, nil
}

// Token returns a cached token when one is valid for at least 5 more minutes, otherwise signs in.
func (s *confidentialSource) Token(ctx context.Context, scope string) (Token, error) {
	res, err := s.client.AcquireTokenByCredential(ctx, []string{scope})
	if err != nil {
		return Token{}, &SignInError{Mode: s.mode, TenantID: s.tenantID, ClientID: s.clientID, Scope: scope, Err: err,
			redact: s.secret}
	}
	return Token{Value: res.AccessToken, ExpiresOn: res.ExpiresOn}, nil
}

// SignInError is a failed sign-in. It names the app, tenant and scope, never the secret.
type SignInError struct {
	Mode     Type
	TenantID string
	ClientID string
	Scope    string
	Err      error
	// redact is removed from the message should an identity provider ever echo it back.
	redact string
}

func (e *SignInError) Error() string {
	who := "the managed identity"
	if e.ClientID != "" {
		who = "app " + e.ClientID
	}
	msg := fmt.Sprintf("sign-in (%s) as %s in tenant %s for %s failed: %v; %s",
		e.Mode, who, e.TenantID, e.Scope, e.Err, e.hint())
	if e.redact != "" {
		msg = strings.ReplaceAll(msg, e.redact, "[redacted]")
	}
	return msg
}

func (e *SignInError) Unwrap() error { return e.Err }

// Downstream is true: the identity provider (or the network to it) refused, and the fix is in the
// tenant or the settings, not in the plugin. hunting.IsDownstream reads this.
func (e *SignInError) Downstream() bool { return true }

func (e *SignInError) hint() string {
	switch e.Mode {
	case ClientSecret:
		return "check tenantId, clientId and that the client secret is the secret's Value and has not expired"
	case ClientCertificate:
		return "check tenantId, clientId and that the certificate is uploaded to the app registration and not expired"
	case ManagedIdentity:
		return "check that Grafana runs on an Azure resource with a managed identity and that managedIdentityClientId names it"
	default:
		return "check the sign-in settings"
	}
}
