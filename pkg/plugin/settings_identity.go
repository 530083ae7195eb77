package plugin

import (
	"strings"

	"github.com/quarry-defender/quarry/pkg/auth"
)

// parseIdentity checks that the chosen sign-in mode has what it needs. Workload identity may take
// tenantId and clientId from the environment Azure Workload Identity sets (AZURE_TENANT_ID,
// AZURE_CLIENT_ID), as the Azure SDKs do.
func (s *Settings) parseIdentity(secure map[string]string, getenv func(string) string) error {
	s.clientSecret = secure["clientSecret"]
	s.clientCertificate = secure["clientCertificate"]
	s.clientCertificatePassword = secure["clientCertificatePassword"]
	if s.FallbackAuthType != "" && s.AuthType != auth.CurrentUser {
		return badField("fallbackAuthType", "applies only to authType currentUser; clear it")
	}
	switch s.AuthType {
	case auth.ManagedIdentity:
		if s.ManagedIdentityClientID != "" && !isGUID(s.ManagedIdentityClientID) {
			return badField("managedIdentityClientId", "%q is not a GUID; copy the identity's Client ID, or leave it empty for the system-assigned identity", s.ManagedIdentityClientID)
		}
		s.identityOrigins = managedIdentityOrigins(getenv)
		return nil
	case auth.ClientSecret:
		if strings.TrimSpace(s.clientSecret) == "" {
			return badField("secureJsonData.clientSecret", "empty; paste the secret's Value (not its Secret ID) from the app registration's Certificates & secrets page")
		}
	case auth.ClientCertificate:
		if strings.TrimSpace(s.clientCertificate) == "" {
			return badField("secureJsonData.clientCertificate", "empty; paste a PEM bundle with the certificate and its private key")
		}
	case auth.CurrentUser:
		if strings.TrimSpace(s.clientSecret) == "" && strings.TrimSpace(s.clientCertificate) == "" {
			return badField("secureJsonData.clientSecret", "empty; currentUser exchanges the user's token on behalf of Grafana's app registration, which needs its client secret (or clientCertificate)")
		}
		if s.FallbackAuthType == auth.CurrentUser || s.FallbackAuthType == auth.WorkloadIdentity {
			return badField("fallbackAuthType", "%q cannot be a fallback; use clientSecret, clientCertificate or managedIdentity", s.FallbackAuthType)
		}
	case auth.WorkloadIdentity:
		s.FederatedTokenFile = strings.TrimSpace(getenv("AZURE_FEDERATED_TOKEN_FILE"))
		if s.FederatedTokenFile == "" {
			return badField("authType", "workloadIdentity needs AZURE_FEDERATED_TOKEN_FILE in Grafana's environment (set by Azure Workload Identity on AKS); use another authType elsewhere")
		}
		if s.TenantID == "" {
			s.TenantID = strings.TrimSpace(getenv("AZURE_TENANT_ID"))
		}
		if s.ClientID == "" {
			s.ClientID = strings.TrimSpace(getenv("AZURE_CLIENT_ID"))
		}
	}
	if s.TenantID == "" {
		return badField("tenantId", "empty; copy the Directory (tenant) ID from the app registration's Overview page")
	}
	if !isGUID(s.TenantID) && !isDomain(s.TenantID) {
		return badField("tenantId", "%q is neither a GUID nor a domain name; copy the Directory (tenant) ID from the app registration's Overview page", s.TenantID)
	}
	if s.ClientID == "" {
		return badField("clientId", "empty; copy the Application (client) ID from the app registration's Overview page")
	}
	if !isGUID(s.ClientID) {
		return badField("clientId", "%q is not a GUID; copy the Application (client) ID from the app registration's Overview page", s.ClientID)
	}
	return nil
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
			return false
		}
	}
	return true
}

func isDomain(s string) bool {
	if !strings.Contains(s, ".") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return false
	}
	for _, c := range s {
		if !(c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
