package telemetry

import (
	"fmt"
	"time"
)

// cloudEvent is one CloudAppEvents, sign-in or OAuthAppInfo row.
type cloudEvent struct {
	app, appGUID, activity, objectName, objectType, objectID string
	ip, country, city, isp, userAgent, oauthAppID            string
	appID                                                    int64
	isAdmin                                                  bool
	raw, objects                                             any
	// Sign-ins.
	resource, clientApp, browser, os, correlation string
	errorCode                                     int64
	// OAuthAppInfo.
	privilege, origin, status string
	permissions               any
	consented                 int64
	added                     int64
}

const (
	appExchange   = "Microsoft Exchange Online"
	appSharePoint = "Microsoft SharePoint Online"
	appTeams      = "Microsoft Teams"
	appOffice365  = "Office 365"
	browserUA     = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36"
)

// cloudTables generates Microsoft 365 activity and Entra ID sign-ins for every user on workdays.
func (g *generator) cloudTables() {
	r := newRnd(g.opts.Seed, "cloud")
	type act struct {
		app, action, objType string
		appID                int64
	}
	acts := []act{
		{appExchange, "MailItemsAccessed", "Mailbox", 20893}, {appExchange, "Send", "Mailbox", 20893},
		{appSharePoint, "FileAccessed", "File", 20892}, {appSharePoint, "FileModified", "File", 20892},
		{appSharePoint, "FileUploaded", "File", 20892}, {appTeams, "MessageSent", "Chat", 11394}, {appTeams, "MeetingParticipantDetail", "Meeting", 11394},
	}
	signInApps := []struct{ app, guid, resource string }{
		{"Microsoft Teams", "1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams Services"},
		{"Microsoft Office", "d3590ed6-52b3-4102-aeff-aad2292ab01c", "Office 365 Exchange Online"},
		{"OneDrive SyncEngine", "ab9b8c07-8f02-4f72-87fa-80105867a763", "Office 365 SharePoint Online"},
	}
	for _, u := range g.w.users {
		for day := 0; day < g.c.numDays(); day++ {
			if g.c.weekend(day) {
				continue
			}
			for i, n := 0, 4+r.IntN(5); i < n; i++ {
				ts, ok := g.c.at(r, day, false)
				if !ok {
					continue
				}
				a := pick(r, acts)
				obj := ""
				if a.objType == "File" {
					obj = "https://contoso-my.sharepoint.com/personal/" + u.name + "/Documents/" + pick(r, docNames())
				}
				e := &cloudEvent{app: a.app, appID: a.appID, activity: "Run", objectName: obj, objectType: a.objType, ip: officeIP, country: "US", city: "Seattle", isp: "contoso networks", userAgent: browserUA}
				e.raw = map[string]any{"Operation": a.action, "UserId": u.upn, "Workload": a.app, "ClientIP": officeIP, "ResultStatus": "Succeeded"}
				g.cloudEvent(ts, a.action, u, e)
			}
			ts, ok := g.c.at(r, day, false)
			if !ok {
				continue
			}
			s := pick(r, signInApps)
			e := &cloudEvent{app: s.app, appGUID: s.guid, resource: s.resource, ip: officeIP, country: "US", city: "Seattle", userAgent: browserUA, clientApp: "Mobile Apps and Desktop clients", browser: "Rich Client 5.2", os: "Windows10", correlation: guidOf(fmt.Sprintf("corr|%s|%d", u.upn, day))}
			if r.chance(0.05) {
				e.errorCode = 50126
			}
			g.signIn(ts, u, e)
		}
	}
}

func (g *generator) cloudEvent(ts int64, action string, u *account, e *cloudEvent) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, nil, action)
	r.acct, r.cloud = u, e
	g.builders["CloudAppEvents"].add(r)
}

// signIn writes the same sign-in to both Entra ID sign-in tables (the beta table and its successor coexist).
func (g *generator) signIn(ts int64, u *account, e *cloudEvent) {
	if !g.inWindow(ts) {
		return
	}
	for _, t := range []string{"AADSignInEventsBeta", "EntraIdSignInEvents"} {
		r := g.reset(ts, nil, "")
		r.acct, r.cloud = u, e
		g.builders[t].add(r)
	}
}

// oauthStory: a user consents to an unverified multi-tenant app asking for mail and file scopes; the app then
// reads mail from a hosting provider's address.
func (g *generator) oauthStory(c storyCast) {
	u := g.w.users[min(5, len(g.w.users)-1)]
	t := c.base - 2*dayNs - int64(95*time.Minute)
	appID := guidOf("oauth|mailsync")
	spID := guidOf("oauth-sp|mailsync")
	scopes := []any{"Mail.Read", "Mail.ReadWrite", "Mail.Send", "Files.ReadWrite.All", "Contacts.Read", "User.Read", "offline_access"}
	consent := &cloudEvent{app: appOffice365, appID: 11161, activity: "Add", objectName: "MailSync Pro", objectType: "Application", objectID: spID, ip: oauthIP, country: "NL", city: "Amsterdam", isp: "hosting provider", userAgent: browserUA, oauthAppID: appID}
	consent.raw = map[string]any{
		"Operation": "Consent to application.", "UserId": u.upn, "ResultStatus": "Success", "ClientIP": oauthIP,
		"ModifiedProperties": []any{
			map[string]any{"Name": "ConsentContext.IsAdminConsent", "NewValue": "False", "OldValue": ""},
			map[string]any{"Name": "ConsentContext.OnBehalfOfAll", "NewValue": "False", "OldValue": ""},
			map[string]any{"Name": "ConsentAction.Permissions", "NewValue": "[] => [[Id: " + appID + ", ClientId: " + appID + ", PrincipalId: " + u.objectID + ", ResourceId: 00000003-0000-0000-c000-000000000000, ConsentType: Principal, Scope: Mail.Read Mail.ReadWrite Mail.Send Files.ReadWrite.All Contacts.Read User.Read offline_access]]", "OldValue": ""},
		},
		"Target": []any{map[string]any{"ID": spID, "Type": int64(2)}, map[string]any{"ID": "MailSync Pro", "Type": int64(1)}},
		"Actor":  []any{map[string]any{"ID": u.upn, "Type": int64(5)}},
	}
	consent.objects = []any{map[string]any{"Type": "Application", "Name": "MailSync Pro", "Id": appID, "Role": "Target object"}}
	g.cloudEvent(t-int64(10*sec), "Add service principal.", u, &cloudEvent{app: appOffice365, appID: 11161, activity: "Add", objectName: "MailSync Pro", objectType: "Application", objectID: spID, ip: oauthIP, country: "NL", city: "Amsterdam", userAgent: browserUA, oauthAppID: appID, raw: map[string]any{"Operation": "Add service principal.", "UserId": u.upn, "ResultStatus": "Success"}})
	g.cloudEvent(t, "Consent to application.", u, consent)
	g.cloudEvent(t+int64(2*sec), "Add delegated permission grant.", u, &cloudEvent{app: appOffice365, appID: 11161, activity: "Add", objectName: "MailSync Pro", objectType: "Application", objectID: spID, ip: oauthIP, country: "NL", city: "Amsterdam", userAgent: browserUA, oauthAppID: appID, raw: map[string]any{"Operation": "Add delegated permission grant.", "UserId": u.upn, "ResultStatus": "Success", "Scope": "Mail.Read Mail.ReadWrite Mail.Send Files.ReadWrite.All Contacts.Read User.Read offline_access"}})
	for i := 0; i < 40; i++ {
		ts := t + int64(time.Hour) + int64(i)*int64(17*time.Minute)
		g.cloudEvent(ts, "MailItemsAccessed", u, &cloudEvent{app: appExchange, appID: 20893, activity: "Run", objectType: "Mailbox", ip: oauthIP, country: "NL", city: "Amsterdam", isp: "hosting provider", userAgent: "python-requests/2.31.0", oauthAppID: appID,
			raw: map[string]any{"Operation": "MailItemsAccessed", "UserId": u.upn, "AppId": appID, "ClientAppId": appID, "OperationCount": int64(25 + i%7), "MailAccessType": "Bind"}})
	}
	app := &cloudEvent{app: "MailSync Pro", oauthAppID: appID, objectID: spID, privilege: "High", origin: "External", status: "Enabled", consented: 1, added: t, permissions: scopes}
	r := g.reset(c.base, nil, "")
	r.cloud = app
	g.builders["OAuthAppInfo"].add(r)
	for _, known := range []struct{ name, origin, priv string }{{"Microsoft Teams", "Internal", "Low"}, {"Zoom for Outlook", "External", "Medium"}, {"Adobe Acrobat", "External", "Low"}} {
		r := g.reset(c.base, nil, "")
		r.cloud = &cloudEvent{app: known.name, oauthAppID: guidOf("oauth|" + known.name), objectID: guidOf("oauth-sp|" + known.name), privilege: known.priv, origin: known.origin, status: "Enabled", consented: 40, added: g.c.start - 200*dayNs, permissions: []any{"User.Read", "offline_access"}}
		g.builders["OAuthAppInfo"].add(r)
	}
	g.behave(t+int64(time.Hour), t+int64(time.Hour)+40*int64(17*time.Minute), srcMDCA, "MCAS", "MailItemsAccessedByOAuthApp",
		"Unusual volume of mail accessed by an OAuth app", "An OAuth app consented by one user read mail items in bulk from a hosting provider address", "Collection",
		[]string{"Email Collection (T1114)"},
		evidence{entityType: "User", role: "Impacted", acct: u},
		evidence{entityType: "OAuthApplication", role: "Related", application: "MailSync Pro", oauthAppID: appID},
		evidence{entityType: "Ip", role: "Related", remoteIP: oauthIP},
	)
	g.raise(t+int64(30*time.Minute), srcMDCA, "MCAS", "Unusual addition of credentials to an OAuth app", "Persistence", "Medium",
		[]string{"Application Access Token (T1550.001)", "Steal Application Access Token (T1528)"},
		evidence{entityType: "User", role: "Impacted", acct: u},
		evidence{entityType: "OAuthApplication", role: "Impacted", application: "MailSync Pro", oauthAppID: appID},
		evidence{entityType: "Ip", role: "Related", remoteIP: oauthIP},
		evidence{entityType: "CloudApplication", role: "Related", application: appExchange, applicationID: 20893},
	)
}

func cloudFields() fields {
	s := func(get func(*cloudEvent) string) cell {
		return str(func(r *row) string {
			if r.cloud == nil {
				return ""
			}
			return get(r.cloud)
		})
	}
	n := func(get func(*cloudEvent) (int64, bool)) cell {
		return num(func(r *row) (int64, bool) {
			if r.cloud == nil {
				return 0, false
			}
			return get(r.cloud)
		})
	}
	d := func(get func(*cloudEvent) any) cell {
		return cell{dyn: func(r *row) any {
			if r.cloud == nil {
				return nil
			}
			return get(r.cloud)
		}}
	}
	yes := func(v bool) int64 {
		if v {
			return 1
		}
		return 0
	}
	return fields{
		"Application":        s(func(e *cloudEvent) string { return e.app }),
		"ApplicationId":      {num: func(r *row) (int64, bool) { return r.cloud.appID, r.cloud.appID != 0 }, str: func(r *row) string { return r.cloud.appGUID }},
		"AppInstanceId":      n(func(e *cloudEvent) (int64, bool) { return 0, e.appID != 0 }),
		"AccountId":          acctStr(func(a *account) string { return a.objectID }),
		"AccountDisplayName": acctStr(func(a *account) string { return a.display }),
		"AccountType":        s(func(*cloudEvent) string { return "Regular" }),
		"IsAdminOperation":   n(func(e *cloudEvent) (int64, bool) { return yes(e.isAdmin), true }),
		"IsExternalUser":     n(func(e *cloudEvent) (int64, bool) { return 0, true }),
		"IsImpersonated":     n(func(e *cloudEvent) (int64, bool) { return 0, e.appID != 0 }),
		"IsAnonymousProxy":   n(func(e *cloudEvent) (int64, bool) { return 0, e.appID != 0 }),
		"IsGuestUser":        n(func(e *cloudEvent) (int64, bool) { return 0, true }),
		"DeviceType": s(func(e *cloudEvent) string {
			return when(e.userAgent == browserUA, "Desktop")
		}),
		"OSPlatform": s(func(e *cloudEvent) string {
			return when(e.userAgent == browserUA, "Windows 10")
		}),
		"IPAddress":               s(func(e *cloudEvent) string { return e.ip }),
		"CountryCode":             s(func(e *cloudEvent) string { return e.country }),
		"Country":                 s(func(e *cloudEvent) string { return e.country }),
		"City":                    s(func(e *cloudEvent) string { return e.city }),
		"Isp":                     s(func(e *cloudEvent) string { return e.isp }),
		"UserAgent":               s(func(e *cloudEvent) string { return e.userAgent }),
		"ActivityType":            s(func(e *cloudEvent) string { return e.activity }),
		"ActivityObjects":         d(func(e *cloudEvent) any { return e.objects }),
		"ObjectName":              s(func(e *cloudEvent) string { return e.objectName }),
		"ObjectType":              s(func(e *cloudEvent) string { return e.objectType }),
		"ObjectId":                s(func(e *cloudEvent) string { return e.objectID }),
		"RawEventData":            d(func(e *cloudEvent) any { return e.raw }),
		"AuditSource":             s(func(e *cloudEvent) string { return "Defender for Cloud Apps access control" }),
		"OAuthAppId":              s(func(e *cloudEvent) string { return e.oauthAppID }),
		"ResourceDisplayName":     s(func(e *cloudEvent) string { return e.resource }),
		"LogonType":               s(func(e *cloudEvent) string { return `["interactiveUser"]` }),
		"ErrorCode":               n(func(e *cloudEvent) (int64, bool) { return e.errorCode, true }),
		"CorrelationId":           s(func(e *cloudEvent) string { return e.correlation }),
		"ClientAppUsed":           s(func(e *cloudEvent) string { return e.clientApp }),
		"Browser":                 s(func(e *cloudEvent) string { return e.browser }),
		"IsManaged":               n(func(e *cloudEvent) (int64, bool) { return 1, true }),
		"IsCompliant":             n(func(e *cloudEvent) (int64, bool) { return 1, true }),
		"ConditionalAccessStatus": n(func(e *cloudEvent) (int64, bool) { return 0, true }),
		"RiskLevelAggregated":     n(func(e *cloudEvent) (int64, bool) { return 0, true }),
		"AppName":                 s(func(e *cloudEvent) string { return e.app }),
		"ServicePrincipalId":      s(func(e *cloudEvent) string { return e.objectID }),
		"AppStatus":               s(func(e *cloudEvent) string { return e.status }),
		"PrivilegeLevel":          s(func(e *cloudEvent) string { return e.privilege }),
		"AppOrigin":               s(func(e *cloudEvent) string { return e.origin }),
		"Permissions":             d(func(e *cloudEvent) any { return e.permissions }),
		"VerifiedPublisher":       d(func(e *cloudEvent) any { return map[string]any{} }),
		"ConsentedUsersCount":     n(func(e *cloudEvent) (int64, bool) { return e.consented, e.privilege != "" }),
		"IsAdminConsented":        n(func(e *cloudEvent) (int64, bool) { return 0, e.privilege != "" }),
		"AddedOnTime":             n(func(e *cloudEvent) (int64, bool) { return e.added, e.added != 0 }),
		"LastModifiedTime":        n(func(e *cloudEvent) (int64, bool) { return e.added, e.added != 0 }),
		"LastUsedTime":            n(func(e *cloudEvent) (int64, bool) { return e.added, e.added != 0 }),
		"AppOwnerTenantId": s(func(e *cloudEvent) string {
			return when(e.origin == "External", "3c5e7a0f-9d2b-4f61-8a4e-2b7d9c1e5f30")
		}),
	}
}

// when returns v if cond holds, else "".
func when(cond bool, v string) string {
	if cond {
		return v
	}
	return ""
}
