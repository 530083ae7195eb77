package telemetry

import "time"

// Emitters: each fills the scratch row for one event and appends it to its table.

func (g *generator) reset(ts int64, d *device, action string) *row {
	g.row = row{ts: ts, dev: d, action: action}
	g.report++
	g.row.reportID = g.report
	return &g.row
}

// newProc creates a process instance on d (no event); its token follows the account.
func (g *generator) newProc(d *device, parent *proc, img int, cmd string, acct *account, ts int64) *proc {
	d.pids += 4 + int64(g.rowRand().IntN(60))*4
	p := &proc{img: d.images[img], pid: d.pids%60000 + 4, cmd: cmd, created: ts, acct: acct, parent: parent}
	switch {
	case acct == nil || acct.domain == "nt authority":
		p.integrity, p.elevation, p.logonID, p.sessionID = "System", "TokenElevationTypeDefault", 999, 0
	case acct.admin && parent != nil && parent.elevation == "TokenElevationTypeFull":
		p.integrity, p.elevation, p.logonID, p.sessionID = "High", "TokenElevationTypeFull", parent.logonID, parent.sessionID
	case parent == nil || parent.acct == nil || parent.acct.domain == "nt authority":
		// A user's first process (userinit, a remote shell): it starts the interactive session's logon.
		p.integrity, p.elevation, p.logonID, p.sessionID = "Medium", "TokenElevationTypeLimited", d.curLogon, 1
	default:
		p.integrity, p.elevation, p.logonID, p.sessionID = "Medium", "TokenElevationTypeLimited", parent.logonID, parent.sessionID
	}
	if parent != nil && parent.remoteFrom != nil {
		p.remoteFrom = parent.remoteFrom
	}
	return p
}

// rowRand is the activity stream; a method so emitters and activities share it.
func (g *generator) rowRand() *rnd { return g.activity }

// spawn creates a process and records its creation in DeviceProcessEvents.
func (g *generator) spawn(d *device, parent *proc, img int, cmd string, acct *account, ts int64) *proc {
	p := g.newProc(d, parent, img, cmd, acct, ts)
	if !g.inWindow(ts) {
		return p
	}
	r := g.reset(ts, d, "ProcessCreated")
	r.file, r.proc, r.init, r.acct, r.logonID = p.img, p, parent, p.acct, p.logonID
	g.proc.add(r)
	return p
}

// connect records one connection of p in DeviceNetworkEvents.
func (g *generator) connect(d *device, p *proc, ts int64, action, remoteIP, url string, port int64) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, d, action)
	g.net = netInfo{remoteIP: remoteIP, remoteURL: url, localIP: d.ip, protocol: "Tcp", remoteType: ipType(remoteIP), localType: "Private", remotePort: port, localPort: int64(49152 + g.activity.IntN(16000))}
	if action == "InboundConnectionAccepted" {
		g.net.localPort, g.net.remotePort = port, int64(49152+g.activity.IntN(16000))
	}
	r.net, r.init = &g.net, p
	g.netw.add(r)
}

// fileEvent records a file operation of p in DeviceFileEvents; fill sets optional details on the row.
func (g *generator) fileEvent(d *device, p *proc, ts int64, action string, f *file, fill func(*row)) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, d, action)
	r.file, r.init = f, p
	if fill != nil {
		fill(r)
	}
	g.files.add(r)
}

// regEvent records a registry operation of p in DeviceRegistryEvents.
func (g *generator) regEvent(d *device, p *proc, ts int64, action string, reg regInfo) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, d, action)
	g.reg = reg
	r.reg, r.init = &g.reg, p
	g.regs.add(r)
}

// imageLoad records p loading dll in DeviceImageLoadEvents.
func (g *generator) imageLoad(d *device, p *proc, ts int64, dll *file) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, d, "ImageLoaded")
	r.file, r.init = dll, p
	g.imgs.add(r)
}

// devEvent records a DeviceEvents row; fill sets the action-specific columns.
func (g *generator) devEvent(d *device, p *proc, ts int64, action string, fill func(*row)) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, d, action)
	r.init = p
	if fill != nil {
		fill(r)
	}
	g.events.add(r)
}

// logon records a DeviceLogonEvents row for acct on d; from is the source device of a network logon.
func (g *generator) logon(d *device, ts int64, action, logonType string, acct *account, from *device, logonID int64, p *proc) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, d, action)
	r.acct, r.logonType, r.logonID, r.init = acct, logonType, logonID, p
	r.isLocalAdmin = acct.admin
	if action == "LogonFailed" {
		r.failure = "InvalidUserNameOrPassword"
	}
	if from != nil {
		r.remoteDevice = from.short
		g.net = netInfo{remoteIP: from.ip, localIP: d.ip, protocol: "Kerberos", remoteType: ipType(from.ip), localType: "Private", remotePort: int64(49152 + g.activity.IntN(16000)), localPort: 445}
		if logonType == "RemoteInteractive" {
			g.net.localPort = 3389
		}
		r.net = &g.net
	}
	if logonType == "Network" || logonType == "RemoteInteractive" {
		r.additional = `{"IsLocalLogon":false}`
	} else {
		r.additional = `{"IsLocalLogon":true}`
	}
	g.logons.add(r)
}

func ipType(ip string) string {
	switch {
	case len(ip) > 3 && ip[:3] == "10.", len(ip) > 8 && ip[:8] == "192.168.":
		return "Private"
	case ip == "127.0.0.1":
		return "Loopback"
	}
	return "Public"
}

// after returns ts plus a random delay in [lo, hi).
func (g *generator) after(ts int64, lo, hi time.Duration) int64 {
	return ts + int64(lo) + g.activity.Int64N(int64(hi-lo)+1)
}
