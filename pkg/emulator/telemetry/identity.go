package telemetry

import "fmt"

// identEvent is one Defender for Identity row (logon, directory change, query) or an IdentityInfo record.
type identEvent struct {
	app, protocol, logonType, queryType, queryTarget, query string
	src, dst                                                *device
	target                                                  *account
	port, dstPort                                           int64
	additional                                              any
}

// identityTables: domain controller view of the organisation: Kerberos/NTLM logons of every user on workdays,
// a few directory changes, LDAP queries, and one IdentityInfo record per account.
func (g *generator) identityTables() {
	r := newRnd(g.opts.Seed, "identity")
	dc := g.w.dc
	for _, d := range g.w.workstations {
		u := d.owner
		for day := 0; day < g.c.numDays(); day++ {
			if g.c.weekend(day) {
				continue
			}
			for i, n := 0, 2+r.IntN(3); i < n; i++ {
				ts, ok := g.c.at(r, day, false)
				if !ok {
					continue
				}
				dst := pick(r, g.w.hosts())
				action := "LogonSuccess"
				if r.chance(0.03) {
					action = "LogonFailed"
				}
				g.identityLogon(ts, action, pick(r, []string{"Kerberos", "Kerberos", "Ntlm"}), u, d, dst)
			}
			if r.chance(0.15) {
				ts, ok := g.c.at(r, day, false)
				if ok {
					g.identity("IdentityQueryEvents", ts, "LDAP query", u, &identEvent{app: "Active Directory", protocol: "Ldap", queryType: "AllGroups", queryTarget: "", query: "(objectClass=group)", src: d, dst: dc, port: int64(49152 + r.IntN(16000)), dstPort: 389})
				}
			}
		}
	}
	for day := 0; day < g.c.numDays(); day += 3 {
		ts, ok := g.c.at(r, day, false)
		if !ok {
			continue
		}
		u := pick(r, g.w.users)
		g.identity("IdentityDirectoryEvents", ts, "Account Password changed", u, &identEvent{app: "Active Directory", protocol: "", src: dc, target: u,
			additional: map[string]any{"TARGET_OBJECT.USER": u.name, "ACTOR.ACCOUNT": u.name}})
	}
	// Story: the attacker's reconnaissance from the victim right before the lateral movement.
	c := g.cast()
	for i, q := range []struct{ typ, target, query string }{
		{"AllGroups", "Domain Admins", "(&(objectClass=group)(cn=Domain Admins))"},
		{"AllUsers", "", "(&(objectCategory=person)(objectClass=user)(servicePrincipalName=*))"},
		{"AllComputers", "", "(objectCategory=computer)"},
	} {
		ts := c.base + int64(5*mins) + int64(i)*int64(sec)
		g.identity("IdentityQueryEvents", ts, "LDAP query", c.victim.owner, &identEvent{app: "Active Directory", protocol: "Ldap", queryType: q.typ, queryTarget: q.target, query: q.query, src: c.victim, dst: dc, port: 51000, dstPort: 389})
	}
	g.identity("IdentityDirectoryEvents", c.base+int64(3*hour), "Group Membership changed", g.w.helpdesk, &identEvent{app: "Active Directory", src: c.victim, dst: dc, target: g.w.users[min(6, len(g.w.users)-1)],
		additional: map[string]any{"TO.GROUP": "Domain Admins", "GROUP.NAME": "Domain Admins", "ACTOR.ACCOUNT": "helpdesk"}})
	ad, entra := &identEvent{app: "ActiveDirectory"}, &identEvent{app: "AzureActiveDirectory"}
	for _, u := range g.w.users {
		r := g.reset(g.c.start+int64(hour), nil, "")
		r.acct, r.ident = u, &identEvent{}
		g.builders["IdentityInfo"].add(r)
		// One identity, two linked accounts: on-premises AD (primary) and Entra ID.
		for _, src := range []*identEvent{ad, entra} {
			r := g.reset(g.c.start+int64(hour), nil, "")
			r.acct, r.ident = u, src
			g.builders["IdentityAccountInfo"].add(r)
		}
	}
}

// identityLogon records a domain logon of u from src to dst as the domain controller saw it.
func (g *generator) identityLogon(ts int64, action, protocol string, u *account, src, dst *device) {
	e := &identEvent{app: "Active Directory", protocol: protocol, logonType: "Resource access", src: src, dst: dst, port: int64(49152 + int(ts/1e9)%16000), dstPort: 88}
	if protocol == "Ntlm" {
		e.dstPort = 445
	}
	if dst != nil {
		e.additional = dst.logonFields
	}
	g.identity("IdentityLogonEvents", ts, action, u, e)
}

func (g *generator) identity(table string, ts int64, action string, u *account, e *identEvent) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, e.src, action)
	r.acct, r.ident = u, e
	if action == "LogonFailed" {
		r.failure = "WrongPassword"
	}
	g.builders[table].add(r)
}

func identityFields() fields {
	s := func(get func(*identEvent) string) cell {
		return str(func(r *row) string {
			if r.ident == nil {
				return ""
			}
			return get(r.ident)
		})
	}
	n := func(get func(*identEvent) int64) cell {
		return num(func(r *row) (int64, bool) {
			if r.ident == nil || get(r.ident) == 0 {
				return 0, false
			}
			return get(r.ident), true
		})
	}
	dev := func(which func(*identEvent) *device, get func(*device) string) cell {
		return s(func(e *identEvent) string {
			if d := which(e); d != nil {
				return get(d)
			}
			return ""
		})
	}
	srcDev := func(e *identEvent) *device { return e.src }
	dstDev := func(e *identEvent) *device { return e.dst }
	target := func(get func(*account) string) cell {
		return s(func(e *identEvent) string {
			if e.target == nil {
				return ""
			}
			return get(e.target)
		})
	}
	return fields{
		"Application":              s(func(e *identEvent) string { return e.app }),
		"Protocol":                 s(func(e *identEvent) string { return e.protocol }),
		"LogonType":                s(func(e *identEvent) string { return e.logonType }),
		"QueryType":                s(func(e *identEvent) string { return e.queryType }),
		"QueryTarget":              s(func(e *identEvent) string { return e.queryTarget }),
		"Query":                    s(func(e *identEvent) string { return e.query }),
		"DeviceName":               dev(srcDev, func(d *device) string { return d.short }),
		"IPAddress":                dev(srcDev, func(d *device) string { return d.ip }),
		"OSPlatform":               dev(srcDev, func(d *device) string { return d.os.platform }),
		"DeviceType":               dev(srcDev, func(d *device) string { return "Desktop" }),
		"DestinationDeviceName":    dev(dstDev, func(d *device) string { return d.name }),
		"DestinationIPAddress":     dev(dstDev, func(d *device) string { return d.ip }),
		"TargetDeviceName":         dev(dstDev, func(d *device) string { return d.short }),
		"Port":                     n(func(e *identEvent) int64 { return e.port }),
		"DestinationPort":          n(func(e *identEvent) int64 { return e.dstPort }),
		"TargetAccountUpn":         target(func(a *account) string { return a.upn }),
		"TargetAccountDisplayName": target(func(a *account) string { return a.display }),
		"AccountDisplayName":       acctStr(func(a *account) string { return a.display }),
		"AdditionalFields": {dyn: func(r *row) any {
			if r.ident == nil {
				return nil
			}
			return r.ident.additional
		}},
		// IdentityAccountInfo.
		"SourceProvider":          s(func(e *identEvent) string { return e.app }),
		"SourceProviderAccountId": str(func(r *row) string { return identityAccountID(r) }),
		"AccountId":               str(func(r *row) string { return identityAccountID(r) }),
		"IdentityId":              acctStr(func(a *account) string { return guidOf("identity|" + a.upn) }),
		"DisplayName":             acctStr(func(a *account) string { return a.display }),
		"Sid":                     acctStr(func(a *account) string { return a.sid }),
		"AccountStatus":           acctStr(func(*account) string { return "Enabled" }),
		"IdentityLinkType":        s(func(e *identEvent) string { return when(e.app == "AzureActiveDirectory", "Strong") }),
		"IsPrimary":               flag(func(r *row) (bool, bool) { return r.ident != nil && r.ident.app == "ActiveDirectory", r.ident != nil }),
		"TenantId":                s(func(*identEvent) string { return tenantID }),
		// IdentityInfo.
		"OnPremSid":         acctStr(func(a *account) string { return a.sid }),
		"GivenName":         acctStr(func(a *account) string { return firstWord(a.display) }),
		"Surname":           acctStr(func(a *account) string { return lastWord(a.display) }),
		"Department":        acctStr(func(a *account) string { return a.department }),
		"JobTitle":          acctStr(func(a *account) string { return a.title }),
		"EmailAddress":      acctStr(func(a *account) string { return a.upn }),
		"CompanyName":       acctStr(func(*account) string { return "Contoso" }),
		"Country":           acctStr(func(*account) string { return "US" }),
		"City":              acctStr(func(*account) string { return "Seattle" }),
		"Type":              acctStr(func(*account) string { return "User" }),
		"DistinguishedName": acctStr(func(a *account) string { return fmt.Sprintf("CN=%s,OU=Users,DC=contoso,DC=example", a.display) }),
		"IsAccountEnabled":  flag(func(r *row) (bool, bool) { return true, r.acct != nil }),
		"CriticalityLevel": num(func(r *row) (int64, bool) {
			if r.acct == nil {
				return 0, false
			}
			if r.acct.admin {
				return 1, true
			}
			return 0, true
		}),
	}
}

func firstWord(s string) string {
	for i := range s {
		if s[i] == ' ' {
			return s[:i]
		}
	}
	return s
}

func lastWord(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ' ' {
			return s[i+1:]
		}
	}
	return ""
}

// identityAccountID is the account's id at its source provider: the SID on-premises, the object id in Entra ID.
func identityAccountID(r *row) string {
	if r.acct == nil || r.ident == nil {
		return ""
	}
	if r.ident.app == "ActiveDirectory" {
		return r.acct.sid
	}
	return r.acct.objectID
}
