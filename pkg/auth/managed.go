package auth

import (
	"context"
	"fmt"

	mi "github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
)

// managedSource signs in with the Azure managed identity of the machine Grafana runs on. MSAL finds the
// identity endpoint (App Service, IMDS, Arc, ...) from the process environment and caches tokens.
type managedSource struct {
	client   mi.Client
	clientID string
}

func newManagedIdentity(cfg Config) (*managedSource, error) {
	id := mi.SystemAssigned()
	if cfg.ManagedIdentityClientID != "" {
		id = mi.UserAssignedClientID(cfg.ManagedIdentityClientID)
	}
	client, err := mi.New(id, mi.WithHTTPClient(cfg.HTTPClient))
	if err != nil {
		return nil, fmt.Errorf("auth: managed identity: %w", err)
	}
	return &managedSource{client: client, clientID: cfg.ManagedIdentityClientID}, nil
}

// Token asks the managed identity endpoint for a token for scope's resource.
func (s *managedSource) Token(ctx context.Context, scope string) (Token, error) {
	res, err := s.client.AcquireToken(ctx, ScopeResource(scope))
	if err != nil {
		return Token{}, newSignInError(ManagedIdentity, "", s.clientID, scope, "", err)
	}
	return Token{Value: res.AccessToken, ExpiresOn: res.ExpiresOn}, nil
}
