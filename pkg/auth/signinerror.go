package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
)

// SignInError is a failed sign-in. It names the mode, app, tenant and scope, never the secret.
type SignInError struct {
	Mode     Type
	TenantID string
	ClientID string
	Scope    string
	// Status is the identity provider's HTTP status, 0 when no answer arrived.
	Status int
	Err    error
	// redact is removed from the message should an identity provider ever echo it back.
	redact string
}

func newSignInError(mode Type, tenant, client, scope, redact string, err error) *SignInError {
	e := &SignInError{Mode: mode, TenantID: tenant, ClientID: client, Scope: scope, Err: err, redact: redact}
	var call msalerrors.CallErr
	if errors.As(err, &call) && call.Resp != nil {
		e.Status = call.Resp.StatusCode
	}
	return e
}

func (e *SignInError) Error() string {
	who := "the managed identity"
	if e.ClientID != "" {
		who = "app " + e.ClientID
	}
	tenant := ""
	if e.TenantID != "" {
		tenant = " in tenant " + e.TenantID
	}
	msg := fmt.Sprintf("sign-in (%s) as %s%s for %s failed: %s; %s", e.Mode, who, tenant, e.Scope, e.reason(), e.hint())
	if e.redact != "" {
		msg = strings.ReplaceAll(msg, e.redact, "[redacted]")
	}
	return msg
}

// reason is the identity provider's error_description (AADSTS…) when it sent one: MSAL's own message
// wraps it in the request URL and the raw JSON body, which buries the part a user can act on.
func (e *SignInError) reason() string {
	raw := e.Err.Error()
	if i := strings.IndexByte(raw, '{'); i >= 0 {
		var body struct {
			Description string `json:"error_description"`
		}
		if json.Unmarshal([]byte(raw[i:]), &body) == nil && body.Description != "" {
			return fmt.Sprintf("HTTP %d: %s", e.Status, firstSentences(body.Description))
		}
	}
	return raw
}

// firstSentences drops the Trace ID / Correlation ID / Timestamp tail Entra ID appends.
func firstSentences(s string) string {
	if i := strings.Index(s, " Trace ID:"); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
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
	case WorkloadIdentity:
		return "check that the app registration has a federated credential for Grafana's service account and that AZURE_FEDERATED_TOKEN_FILE is mounted"
	case CurrentUser:
		return "sign out of Grafana and in again; check that the app has the delegated permission with admin consent"
	default:
		return "check the sign-in settings"
	}
}
