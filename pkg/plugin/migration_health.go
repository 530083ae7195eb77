package plugin

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/auth"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// legacyRetirement is when the Defender for Endpoint and Defender XDR hunting APIs stop returning data.
var legacyRetirement = time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)

// readinessTimeout bounds the Graph probe, so a slow Graph cannot hold up the legacy API's answer.
const readinessTimeout = 30 * time.Second

// withGraphReadiness adds to the health result of a data source still on a legacy API one line saying
// whether it can move to Graph today, with the same sign-in, and how long is left. A Graph data source
// gets nothing added.
func (d *Datasource) withGraphReadiness(ctx context.Context, res *backend.CheckHealthResult) *backend.CheckHealthResult {
	if res == nil || d.err != nil || d.settings.API == hunting.FlavorGraph {
		return res
	}
	ctx, cancel := context.WithTimeout(ctx, readinessTimeout)
	defer cancel()
	line := d.graphReadiness(ctx) + " " + daysLeft(d.now())
	out := *res
	out.Message += "\n" + line
	return &out
}

// graphReadiness signs in for Graph with the data source's own identity, checks the token's permission and
// runs the health query on Graph.
func (d *Datasource) graphReadiness(ctx context.Context) string {
	s := d.settings
	ep, err := d.graphEndpoint()
	if err != nil {
		return fmt.Sprintf("Graph not ready: %v.", err)
	}
	tok, err := d.tokens.Token(ctx, ep.Scope)
	if err != nil {
		return fmt.Sprintf("Graph not ready: sign-in for Microsoft Graph failed: %v.", err)
	}
	perm, _ := hunting.Permissions(hunting.FlavorGraph)
	who := "the app"
	if claims, err := auth.ParseClaims(tok.Value); err == nil {
		if claims.Delegated() {
			who = "the signed-in user"
			if !claims.Has(perm) {
				return fmt.Sprintf("Graph not ready: the signed-in user's token has no %s delegated permission on Microsoft Graph (it has: %s). In Entra ID > App registrations > %s > API permissions, add Microsoft Graph > Delegated permissions > %s and grant admin consent.",
					perm, orNone(claims.Scopes), s.ClientID, perm)
			}
		} else if !claims.Has(perm) {
			return fmt.Sprintf("Graph not ready: app %s has no %s application permission on Microsoft Graph (its Graph token has roles: %s). In Entra ID > App registrations > %s > API permissions, add Microsoft Graph > Application permissions > %s, then click \"Grant admin consent\" (the role reaches tokens only after consent).",
				s.ClientID, perm, orNone(claims.Roles), s.ClientID, perm)
		}
	}
	client, err := hunting.NewClient(hunting.Config{Flavor: hunting.FlavorGraph, APIBaseURL: ep.APIBaseURL, Scope: ep.Scope,
		HTTPClient: d.http, Tokens: d.tokens, Timeout: s.QueryTimeout})
	if err != nil {
		return fmt.Sprintf("Graph not ready: %v.", err)
	}
	if _, err := client.Run(ctx, hunting.Request{Query: healthQuery}); err != nil {
		var ae *hunting.AuthError
		if errors.As(err, &ae) && ae.Status == 403 {
			return fmt.Sprintf("Graph not ready: Microsoft Graph refused the test query although %s has %s: %v. Check admin consent for the permission in Entra ID and that the tenant has Microsoft Defender XDR.", who, perm, err)
		}
		return fmt.Sprintf("Graph not ready: signed in to Microsoft Graph with %s, but the test query %q failed: %v.", perm, healthQuery, err)
	}
	return fmt.Sprintf("Graph ready: %s has %s and a test query on Microsoft Graph worked; set api to graph (Move to Microsoft Graph in the settings).", who, perm)
}

// graphEndpoint is where this data source's Graph calls would go: Graph in its cloud, or the admin-approved
// custom API URL (an emulator or proxy serves every API there).
func (d *Datasource) graphEndpoint() (hunting.Endpoint, error) {
	s := d.settings
	ep, err := hunting.ResolveEndpoint(hunting.FlavorGraph, s.Cloud, "")
	if err != nil {
		return ep, err
	}
	if s.Custom {
		ep.APIBaseURL, ep.AuthorityHost = s.Endpoint.APIBaseURL, s.Endpoint.AuthorityHost
	}
	return ep, nil
}

// daysLeft says how long the legacy APIs keep answering, counted in whole days (a part day counts).
func daysLeft(now time.Time) string {
	left := legacyRetirement.Sub(now)
	if left <= 0 {
		return "The legacy hunting APIs stopped returning data on 2027-02-01: move to Graph now."
	}
	days := int(math.Ceil(left.Hours() / 24))
	return fmt.Sprintf("%d %s left until the legacy hunting APIs stop returning data on 2027-02-01.", days, plural(days, "day", "days"))
}
