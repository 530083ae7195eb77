package plugin

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/auth"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// healthQuery is the cheap query CheckHealth runs. Not "print 1": the legacy APIs only accept queries
// over their tables. DeviceInfo exists in every flavor, and take 1 stops at the first row.
const healthQuery = "DeviceInfo | take 1"

// CheckHealth checks, in order, the settings, sign-in, the token's permission for the selected API and
// one real query, and stops at the first failure with what to do next. It uses the undecorated client,
// so a cached answer can never hide a broken connection.
func (d *Datasource) CheckHealth(ctx context.Context, req *backend.CheckHealthRequest) (out *backend.CheckHealthResult, outErr error) {
	if d.err != nil {
		return healthError("Settings: %v", d.err), nil
	}
	ctx, _ = d.asUser(ctx, req.GetHTTPHeader(backend.OAuthIdentityTokenHeaderName), req.PluginContext.User)
	defer func() { out = d.withGraphReadiness(ctx, out) }()
	s := d.settings
	tok, err := d.tokens.Token(ctx, s.Endpoint.Scope)
	if err != nil {
		return healthError("Sign-in failed: %v", err), nil
	}
	appPerm, userPerm := hunting.Permissions(s.API)
	granted := appPerm
	if claims, err := auth.ParseClaims(tok.Value); err == nil {
		if msg := missingPermission(claims, s, appPerm, userPerm); msg != "" {
			return healthError("%s", msg), nil
		}
		if claims.Delegated() {
			granted = userPerm + " (delegated)"
		}
	}
	start := time.Now()
	res, err := d.client.Run(ctx, hunting.Request{Query: healthQuery})
	if err != nil {
		return healthError("Signed in, but the test query %q failed: %v", healthQuery, err), nil
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: fmt.Sprintf(
		"Data source is working: signed in to %s, %s granted, test query %q returned %d row(s) in %d ms.",
		apiName(s.API), granted, healthQuery, resultRows(res), time.Since(start).Milliseconds())}, nil
}

// missingPermission names the permission the token lacks for the selected API, or returns "".
func missingPermission(c auth.Claims, s *Settings, appPerm, userPerm string) string {
	if c.Delegated() {
		if c.Has(userPerm) {
			return ""
		}
		return fmt.Sprintf("The signed-in user's token has no %s delegated permission for %s (it has: %s). In Entra ID, add %s under the app's API permissions > Delegated permissions, grant admin consent, then sign in again.",
			userPerm, apiName(s.API), orNone(c.Scopes), userPerm)
	}
	if c.Has(appPerm) {
		return ""
	}
	return fmt.Sprintf("App %s has no %s application permission for %s (its token has roles: %s). In Entra ID > App registrations > %s > API permissions, add %s (%s > Application permissions), then click \"Grant admin consent\".",
		s.ClientID, appPerm, apiName(s.API), orNone(c.Roles), s.ClientID, appPerm, permissionAPI(s.API))
}

func apiName(f hunting.Flavor) string {
	switch f {
	case hunting.FlavorXDR:
		return "the Defender XDR advanced hunting API"
	case hunting.FlavorMDE:
		return "the Defender for Endpoint advanced hunting API"
	}
	return "Microsoft Graph runHuntingQuery"
}

// permissionAPI is where the permission is listed in the Entra ID portal.
func permissionAPI(f hunting.Flavor) string {
	switch f {
	case hunting.FlavorXDR:
		return "Microsoft Threat Protection"
	case hunting.FlavorMDE:
		return "WindowsDefenderATP"
	}
	return "Microsoft Graph"
}

func healthError(format string, args ...any) *backend.CheckHealthResult {
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: fmt.Sprintf(format, args...)}
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
