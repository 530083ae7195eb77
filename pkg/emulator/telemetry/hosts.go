package telemetry

import "fmt"

// serverDay: background services, admin sessions, inbound SMB/HTTP/SQL and logons from workstations.
func (g *generator) serverDay(d *device, day int, ep endpoints, dl dllSet, cl *cmdlines) {
	r := g.activity
	g.background(d, day, ep, dl, cl)
	g.background(d, day, ep, dl, cl)
	if ts, ok := g.c.at(r, day, true); ok {
		g.spawn(d, d.svchost[1], iPowershell, cl.inventoryPS, g.w.system, ts)
	}
	if !g.c.weekend(day) && r.chance(0.4) {
		ts, ok := g.c.at(r, day, false)
		if ok {
			admin := d.owner
			from := pick(r, g.w.clients())
			d.logonIDs += 1 + int64(r.IntN(5000))
			d.curLogon = d.logonIDs
			g.logon(d, ts, "LogonSuccess", "RemoteInteractive", admin, from, d.curLogon, d.winlogon)
			g.rdpFrom(from, d, ts)
			ex := g.spawn(d, d.winlogon, iExplorer, `C:\Windows\Explorer.EXE`, admin, ts+int64(5*sec))
			c := pick(r, cl.shell)
			g.spawn(d, ex, c.img, c.cmd, admin, g.after(ts, mins, 30*mins))
		}
	}
	n := 40 + r.IntN(20)
	for i := 0; i < n; i++ {
		ts, ok := g.c.at(r, day, true)
		if !ok {
			continue
		}
		from := pick(r, g.w.clients())
		switch d.role {
		case "dc":
			g.logon(d, ts, "LogonSuccess", "Network", from.owner, from, 0, d.lsass)
			g.connect(d, d.lsass, ts, "InboundConnectionAccepted", from.ip, "", 88)
		case "file":
			g.logon(d, ts, "LogonSuccess", "Network", from.owner, from, 0, nil)
			g.connect(d, &proc{img: d.images[iSystem], pid: 4, created: d.bootTime, acct: g.w.system}, ts, "InboundConnectionAccepted", from.ip, "", 445)
			g.fileEvent(d, nil, g.after(ts, sec, 10*sec), pick(r, []string{"FileModified", "FileCreated"}), d.docs[r.IntN(len(d.docs))], func(rw *row) {
				rw.shareName, rw.requestIP, rw.requestProtocol, rw.acct = "Shares", from.ip, "Smb", from.owner
			})
		default:
			img := iW3wp
			port := int64(443)
			if d.role == "sql" {
				img, port = iSqlservr, 1433
			}
			p := &proc{img: d.images[img], pid: 2200 + int64(d.idx), created: d.bootTime, acct: g.w.netSvc, integrity: "System", parent: d.services}
			g.connect(d, p, ts, "InboundConnectionAccepted", from.ip, "", port)
			if r.chance(0.1) {
				g.logon(d, ts, "LogonSuccess", "Service", &account{name: "svc-" + d.role, domain: netbios, sid: domainSID + "-" + itoa(int64(3000+d.idx))}, nil, 0, d.services)
			}
		}
	}
}

// linuxDay: cron jobs, package updates and SSH logons of the admin.
func (g *generator) linuxDay(d *device, day int, ep endpoints) {
	r := g.activity
	root := &account{name: "root", sid: "", domain: d.short}
	systemd := &proc{img: d.images[iSystemd], pid: 1, cmd: "/sbin/init", created: d.bootTime, acct: root}
	cron := &proc{img: d.images[iCron], pid: 812, cmd: "/usr/sbin/cron -f -P", created: d.bootTime, acct: root, parent: systemd}
	for i, n := 0, 18+r.IntN(10); i < n; i++ {
		ts, ok := g.c.at(r, day, true)
		if !ok {
			continue
		}
		sh := g.spawn(d, cron, iBash, "/bin/sh -c /usr/local/bin/backup.sh", root, ts)
		c := g.spawn(d, sh, iCurl, "curl -fsS https://archive.ubuntu.com/ubuntu/dists/jammy/InRelease -o /dev/null", root, ts+int64(sec))
		e := pick(r, ep.linux)
		g.connect(d, c, ts+int64(2*sec), "ConnectionSuccess", e.ip, e.url, e.port)
		g.fileEvent(d, sh, ts+int64(3*sec), "FileModified", d.varLog, nil)
	}
	if r.chance(0.5) {
		ts, ok := g.c.at(r, day, false)
		if ok {
			admin := &account{name: "azureuser", domain: d.short}
			g.logon(d, ts, "LogonSuccess", "Network", admin, pick(r, g.w.clients()), 0, nil)
			sshd := g.spawn(d, systemd, iSshd, "sshd: azureuser [priv]", root, ts)
			g.spawn(d, sshd, iBash, "-bash", admin, ts+int64(sec))
		}
	}
}

// macDay: the owner's browser and shell.
func (g *generator) macDay(d *device, day int, ep endpoints) {
	r := g.activity
	if g.c.weekend(day) {
		return
	}
	launchd := &proc{img: d.images[iLaunchd], pid: 1, cmd: "/sbin/launchd", created: d.bootTime, acct: &account{name: "root", domain: d.short}}
	u := &account{name: d.owner.name, domain: d.short, upn: d.owner.upn, objectID: d.owner.objectID}
	for i, n := 0, 12+r.IntN(8); i < n; i++ {
		ts, ok := g.c.at(r, day, false)
		if !ok {
			continue
		}
		s := g.spawn(d, launchd, iSafari, "/Applications/Safari.app/Contents/MacOS/Safari", u, ts)
		for j := 0; j < 4; j++ {
			e := pick(r, append(ep.web, ep.mac...))
			g.connect(d, s, g.after(ts, sec, 5*mins), "ConnectionSuccess", e.ip, e.url, e.port)
		}
		if r.chance(0.2) {
			z := g.spawn(d, launchd, iZsh, "-zsh", u, ts)
			g.spawn(d, z, iCurl, fmt.Sprintf("curl -sL https://%s/", ep.mac[2].url), u, ts+int64(5*sec))
		}
	}
}
