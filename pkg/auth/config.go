package auth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Type is a sign-in mode, the data source's jsonData.authType.
type Type string

// The sign-in modes of DESIGN.md section 5.
const (
	ClientSecret      Type = "clientSecret"
	ClientCertificate Type = "clientCertificate"
	ManagedIdentity   Type = "managedIdentity"
	WorkloadIdentity  Type = "workloadIdentity"
	CurrentUser       Type = "currentUser"
)

// Types lists every mode New knows, in the order the settings page shows them.
func Types() []Type {
	return []Type{ClientSecret, ClientCertificate, ManagedIdentity, WorkloadIdentity, CurrentUser}
}

// Config is everything a token source needs. The plugin fills it from the data source settings.
type Config struct {
	Type Type
	// AuthorityHost is the sign-in host without tenant, e.g. https://login.microsoftonline.com, or the
	// admin-approved custom authority URL.
	AuthorityHost string
	// InstanceDiscovery asks MSAL to validate the authority against Microsoft's known hosts. It must be
	// false for custom authorities (an emulator or a private cloud), true otherwise.
	InstanceDiscovery bool
	TenantID          string
	ClientID          string
	// ClientSecret is the secret for ClientSecret mode.
	ClientSecret string
	// ClientCertificate is a PEM bundle with the certificate and its private key, for ClientCertificate
	// mode; ClientCertificatePassword decrypts an encrypted key.
	ClientCertificate         string
	ClientCertificatePassword string
	// ManagedIdentityClientID selects a user-assigned identity; empty means system-assigned.
	ManagedIdentityClientID string
	// FederatedTokenFile is the workload identity token file (AZURE_FEDERATED_TOKEN_FILE).
	FederatedTokenFile string
	// Fallback is the mode CurrentUser uses for requests without a signed-in user (alert rules); empty
	// means such requests fail with ErrNoUser.
	Fallback Type
	// HTTPClient carries every sign-in request; the plugin passes the same client as for API calls so a
	// custom CA and proxy settings apply to both.
	HTTPClient *http.Client
}

// authority returns the tenant-specific authority URL MSAL expects.
func (c Config) authority() (string, error) {
	host := strings.TrimRight(strings.TrimSpace(c.AuthorityHost), "/")
	if host == "" {
		return "", errors.New("auth: the authority host is empty; choose a cloud or set customEndpoints.authorityUrl")
	}
	if !strings.HasPrefix(host, "https://") {
		return "", fmt.Errorf("auth: the authority %q must start with https://", host)
	}
	if c.TenantID == "" {
		return "", errors.New("auth: tenantId is empty; copy the Directory (tenant) ID from the app registration's Overview page")
	}
	return host + "/" + c.TenantID, nil
}

// ScopeResource turns an OAuth scope ("https://graph.microsoft.com/.default") into the resource form
// managed identity endpoints want ("https://graph.microsoft.com").
func ScopeResource(scope string) string {
	return strings.TrimSuffix(scope, "/.default")
}
