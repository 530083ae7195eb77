package hunting

import (
	"context"
	"errors"
)

// downstreamer is implemented by every error type of this package; other packages' errors (for example
// pkg/auth's sign-in errors, which the client wraps) may implement it too and are then classified by it.
type downstreamer interface {
	Downstream() bool
}

// IsDownstream reports whether err was caused outside the plugin: by Microsoft's API, its quotas, the
// network, the customer's tenant configuration, or the caller giving up. The plugin maps true to the SDK's
// ErrorSourceDownstream and false to ErrorSourcePlugin; it is the one place errors are classified.
//
//   - *APIError: true, except the few statuses that mean the plugin built a bad request (405, 406, 413 ...).
//   - *AuthError (401/403), *QuotaError (429), *ServerError (5xx, network), *TimeoutError: true.
//   - *DecodeError: true for a malformed body; false for a value the decoder could not map (a decoder gap).
//   - context.Canceled / context.DeadlineExceeded: true (the caller stopped waiting).
//   - any other error implementing Downstream() bool: its answer.
//   - anything else (invalid Config, failure to build the request): false, a plugin or configuration bug.
//
// A nil err is not downstream.
func IsDownstream(err error) bool {
	if err == nil {
		return false
	}
	var d downstreamer
	if errors.As(err, &d) {
		return d.Downstream()
	}
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Permissions returns the Entra ID permission flavor needs: application (for the data source's own
// identity) and delegated (for queries run as the signed-in user).
func Permissions(flavor Flavor) (application, delegated string) {
	switch flavor {
	case FlavorXDR:
		return "AdvancedHunting.Read.All", "AdvancedHunting.Read"
	case FlavorMDE:
		return "AdvancedQuery.Read.All", "AdvancedQuery.Read"
	}
	return "ThreatHunting.Read.All", "ThreatHunting.Read.All"
}
