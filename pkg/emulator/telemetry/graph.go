package telemetry

import (
	"fmt"
	"time"
)

// apiCall is one Microsoft Graph request or service principal sign-in of an app.
type apiCall struct {
	appID, spID, appName, uri, method, status, scopes, target, ip, country, city, entity string
	resource, resourceID, correlation                                                    string
	size                                                                                 int64
}

// Well-known first-party resource ids.
const (
	graphResourceID = "00000003-0000-0000-c000-000000000000"
	tenantID        = "00000000-0000-4000-8000-00000000c0de"
)

// appActivity writes the apps' side: service principal sign-ins and Graph API calls, with the OAuth story's
// app paging through the victim's mail and files from a hosting address.
func (g *generator) appActivity() {
	r := newRnd(g.opts.Seed, "graph")
	type app struct{ name, id, uri, scopes, entity string }
	apps := []app{
		{"Contoso HR Sync", guidOf("app|hrsync"), "https://graph.microsoft.com/v1.0/users?$select=id,displayName,department", "User.Read.All", "user"},
		{"Backup Connector", guidOf("app|backup"), "https://graph.microsoft.com/v1.0/sites/root/drive/root/delta", "Files.Read.All Sites.Read.All", "driveItem"},
	}
	for _, a := range apps {
		sp := guidOf("sp|" + a.id)
		for day := 0; day < g.c.numDays(); day++ {
			for i := 0; i < 4; i++ {
				ts, ok := g.c.at(r, day, true)
				if !ok {
					continue
				}
				c := &apiCall{appID: a.id, spID: sp, appName: a.name, uri: a.uri, method: "GET", status: "200", scopes: a.scopes, target: "Microsoft Graph", ip: "20.190.151.68", country: "US", city: "Redmond", entity: a.entity, resource: "Microsoft Graph", resourceID: graphResourceID, size: int64(2_000 + r.IntN(60_000)), correlation: guidOf(fmt.Sprintf("%s|%d|%d", a.id, day, i))}
				g.spnSignIn(ts, c)
				g.graphCall(ts+int64(time.Second), c)
			}
		}
	}
	c := g.cast()
	u := g.w.users[min(5, len(g.w.users)-1)]
	appID := guidOf("oauth|mailsync")
	start := c.base - 2*dayNs - int64(35*time.Minute)
	for i := 0; i < 60; i++ {
		ts := start + int64(i)*int64(11*time.Minute)
		uri := "https://graph.microsoft.com/v1.0/users/" + u.objectID + "/messages?$top=50&$skip=" + itoa(int64(i*50))
		entity := "message"
		if i%4 == 3 {
			uri, entity = "https://graph.microsoft.com/v1.0/me/drive/root/search(q='password')", "driveItem"
		}
		call := &apiCall{appID: appID, spID: guidOf("oauth-sp|mailsync"), appName: "MailSync Pro", uri: uri, method: "GET", status: "200", scopes: "Mail.Read Mail.ReadWrite Mail.Send Files.ReadWrite.All Contacts.Read User.Read offline_access", target: "Microsoft Graph", ip: oauthIP, country: "NL", city: "Amsterdam", entity: entity, resource: "Microsoft Graph", resourceID: graphResourceID, size: int64(180_000 + i*977), correlation: guidOf(fmt.Sprintf("mailsync|%d", i))}
		if i%10 == 0 {
			g.spnSignIn(ts-int64(time.Second), call)
		}
		g.graphCall(ts, call)
	}
}

func (g *generator) graphCall(ts int64, c *apiCall) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, nil, "")
	r.api = c
	g.builders["GraphApiAuditEvents"].add(r)
}

// spnSignIn writes the sign-in to both service principal sign-in tables (beta and successor coexist).
func (g *generator) spnSignIn(ts int64, c *apiCall) {
	if !g.inWindow(ts) {
		return
	}
	for _, t := range []string{"AADSpnSignInEventsBeta", "EntraIdSpnSignInEvents"} {
		r := g.reset(ts, nil, "")
		r.api = c
		g.builders[t].add(r)
	}
}

func graphFields() fields {
	s := func(get func(*apiCall) string) cell {
		return str(func(r *row) string {
			if r.api == nil {
				return ""
			}
			return get(r.api)
		})
	}
	return fields{
		"ApplicationId":         s(func(c *apiCall) string { return c.appID }),
		"Application":           s(func(c *apiCall) string { return c.appName }),
		"ServicePrincipalId":    s(func(c *apiCall) string { return c.spID }),
		"ServicePrincipalName":  s(func(c *apiCall) string { return c.appName }),
		"ResourceDisplayName":   s(func(c *apiCall) string { return c.resource }),
		"ResourceId":            s(func(c *apiCall) string { return c.resourceID }),
		"ResourceTenantId":      s(func(*apiCall) string { return tenantID }),
		"TenantId":              s(func(*apiCall) string { return tenantID }),
		"IPAddress":             s(func(c *apiCall) string { return c.ip }),
		"IpAddress":             s(func(c *apiCall) string { return c.ip }),
		"Country":               s(func(c *apiCall) string { return c.country }),
		"City":                  s(func(c *apiCall) string { return c.city }),
		"Location":              s(func(c *apiCall) string { return c.country }),
		"CorrelationId":         s(func(c *apiCall) string { return c.correlation }),
		"RequestId":             s(func(c *apiCall) string { return c.correlation }),
		"ClientRequestId":       s(func(c *apiCall) string { return c.correlation }),
		"OperationId":           s(func(c *apiCall) string { return c.correlation }),
		"UniqueTokenIdentifier": s(func(c *apiCall) string { return c.correlation[:22] }),
		"RequestUri":            s(func(c *apiCall) string { return c.uri }),
		"RequestMethod":         s(func(c *apiCall) string { return c.method }),
		"ResponseStatusCode":    s(func(c *apiCall) string { return c.status }),
		"Scopes":                s(func(c *apiCall) string { return c.scopes }),
		"TargetWorkload":        s(func(c *apiCall) string { return c.target }),
		"EntityType":            s(func(c *apiCall) string { return c.entity }),
		"ApiVersion":            s(func(*apiCall) string { return "v1.0" }),
		"IdentityProvider":      s(func(*apiCall) string { return "https://sts.windows.net/" + tenantID + "/" }),
		"RequestDuration":       s(func(*apiCall) string { return "182" }),
		"Type":                  s(func(*apiCall) string { return "GraphApiAuditEvents" }),
		"SourceSystem":          s(func(*apiCall) string { return "Azure" }),
		"ResponseSize":          num(func(r *row) (int64, bool) { return apiSize(r.api) }),
		"TimeGenerated":         num(func(r *row) (int64, bool) { return r.ts, r.api != nil }),
		"ErrorCode":             num(func(r *row) (int64, bool) { return 0, r.api != nil }),
		"IsManagedIdentity":     flag(func(r *row) (bool, bool) { return false, r.api != nil }),
		"IsConfidentialClient":  flag(func(r *row) (bool, bool) { return true, r.api != nil }),
	}
}

func apiSize(c *apiCall) (int64, bool) {
	if c == nil {
		return 0, false
	}
	return c.size, true
}
