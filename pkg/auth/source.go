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
	case WorkloadIdentity:
		cred, err := workloadCredential(cfg.FederatedTokenFile)
		if err != nil {
			return nil, err
		}
		return newConfidential(cfg, cred)
	case CurrentUser:
		return newOnBehalfOf(cfg)
	case "":
		return nil, fmt.Errorf("auth: authType is empty; choose one of %v", Types())
	default:
		return nil, fmt.Errorf("auth: unknown authType %q; choose one of %v", cfg.Type, Types())
	}
}
