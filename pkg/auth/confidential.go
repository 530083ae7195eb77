package auth

import (
	"context"
	"errors"
	"fmt"

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
		return Token{}, s.signInError(scope, err)
	}
	return Token{Value: res.AccessToken, ExpiresOn: res.ExpiresOn}, nil
}

// signInError describes a failed sign-in as this app, for both grants the app's client runs.
func (s *confidentialSource) signInError(scope string, err error) *SignInError {
	return newSignInError(s.mode, s.tenantID, s.clientID, scope, s.secret, err)
}
