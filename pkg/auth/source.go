package auth

import (
	"errors"
	"fmt"
)

// New returns the token source for cfg.Type. Adding a sign-in mode means adding a case here; the query
// path only ever sees a TokenSource.
func New(cfg Config) (TokenSource, error) {
	if cfg.HTTPClient == nil {
		return nil, errors.New("auth: no HTTP client; pass the data source's client so its CA and proxy apply")
	}
	switch cfg.Type {
	case ClientSecret:
		if cfg.ClientSecret == "" {
			return nil, errors.New("auth: clientSecret is empty; paste the secret's Value (not its ID) from the app registration's Certificates & secrets page")
		}
		return newConfidential(cfg, secretCredential(cfg.ClientSecret))
	case ClientCertificate:
		cred, err := certificateCredential(cfg.ClientCertificate, cfg.ClientCertificatePassword)
		if err != nil {
			return nil, err
		}
		return newConfidential(cfg, cred)
	case ManagedIdentity:
		return newManagedIdentity(cfg)
	case WorkloadIdentity, CurrentUser:
		return nil, fmt.Errorf("auth: authType %q is %w; use clientSecret, clientCertificate or managedIdentity", cfg.Type, ErrNotSupported)
	case "":
		return nil, errors.New("auth: authType is empty; choose clientSecret, clientCertificate or managedIdentity")
	default:
		return nil, fmt.Errorf("auth: unknown authType %q; choose one of %v", cfg.Type, Types())
	}
}
