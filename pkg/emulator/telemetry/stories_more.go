package telemetry

import (
	"fmt"
	"time"
)

// persistenceOnServer: from the PsExec shell the attacker creates a local admin account and clears the
// Security log: net user /add, net localgroup administrators /add, wevtutil cl, and the matching DeviceEvents.
func (g *generator) persistenceOnServer(c storyCast, shell *proc) {
	d := c.server
	t := c.base + int64(2*time.Hour+45*time.Minute)
	g.spawn(d, shell, iNet, `net  user svc_backup P@ssw0rd!2024 /add`, g.w.system, t)
	g.devEvent(d, shell, t+int64(sec), "UserAccountCreated", func(r *row) {
		r.acct = &account{name: "svc_backup", domain: d.short, sid: fmt.Sprintf("S-1-5-21-3623811015-3361044348-30300820-%d", 1013)}
	})
	g.spawn(d, shell, iNet, `net  localgroup administrators svc_backup /add`, g.w.system, t+int64(5*sec))
	g.devEvent(d, shell, t+int64(6*sec), "UserAccountAddedToLocalGroup", func(r *row) {
		r.acct = &account{name: "svc_backup", domain: d.short, sid: "S-1-5-21-3623811015-3361044348-30300820-1013"}
		r.additional = `{"GroupName":"Administrators","GroupDomainName":"BUILTIN","GroupSid":"S-1-5-32-544"}`
	})
	wev := g.spawn(d, shell, iWevtutil, `wevtutil.exe  cl Security`, g.w.system, t+int64(time.Minute))
	g.devEvent(d, wev, t+int64(time.Minute+sec), "SecurityLogCleared", nil)
	g.raise(t+int64(time.Minute+2*sec), srcMDE, "EDR", "Event log was cleared", "DefenseEvasion", "Medium",
		[]string{"Clear Windows Event Logs (T1070.001)"},
		evidence{entityType: "Machine", role: "Impacted", dev: d},
		evidence{entityType: "Process", role: "Related", dev: d, proc: wev, file: wev.img},
	)
}

// bruteForce: password spraying against the internet-facing web server's RDP from an external address, then
// one success; and the admins' everyday RDP from their workstations.
func (g *generator) bruteForce(c storyCast) {
	d := g.w.web
	if d.os.family != "windows" {
		return
	}
	attacker := &device{short: "kali", ip: "203.0.113.66"}
	t := c.base - 2*dayNs
	names := []string{"administrator", "admin", "user", "test", "backup", "sql", "scanner", "guest"}
	for i := 0; i < 120; i++ {
		u := &account{name: names[i%len(names)], domain: d.short}
		g.logon(d, t+int64(i)*int64(7*time.Second), "LogonFailed", "Network", u, attacker, 0, d.lsass)
	}
	admin := &account{name: "administrator", domain: d.short, sid: "S-1-5-21-3623811015-3361044348-30300820-500", admin: true}
	g.logon(d, t+int64(121)*int64(7*time.Second), "LogonSuccess", "RemoteInteractive", admin, attacker, 0x9911ab, d.winlogon)
	g.raise(t+int64(15*time.Minute), srcMDE, "EDR", "Multiple failed sign-in attempts followed by a successful sign-in", "CredentialAccess", "Medium",
		[]string{"Brute Force (T1110)", "Remote Desktop Protocol (T1021.001)"},
		evidence{entityType: "Machine", role: "Impacted", dev: d},
		evidence{entityType: "Ip", role: "Related", dev: d, remoteIP: attacker.ip},
		evidence{entityType: "User", role: "Related", dev: d, acct: admin},
	)
}

// rdpFrom records an admin's Remote Desktop client connecting from a workstation to a server.
func (g *generator) rdpFrom(from, to *device, ts int64) {
	if from.os.family != "windows" {
		return
	}
	p := g.spawn(from, g.sessionProc(from, ts), iMstsc, `"C:\Windows\system32\mstsc.exe" /v:`+to.name, from.owner, ts-int64(10*time.Second))
	g.connect(from, p, ts-int64(5*time.Second), "ConnectionSuccess", to.ip, "", 3389)
}
