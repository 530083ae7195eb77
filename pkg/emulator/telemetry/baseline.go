package telemetry

import (
	"strings"
	"time"
)

// baseline is the run's software catalog resolved for the organisation: images shared by every device
// (one binary, one hash), per-device copies only where the path is in the user's profile, and per device
// kind the tools that fit with their cumulative weights.
type baseline struct {
	tools  []tool
	shared []*file            // image of tools[i], nil when per-profile
	own    map[string][]*file // device id -> per-profile images
	picks  map[string]picker  // device kind -> candidate tools
	msi    *file              // the Windows Installer service's image, parent of installs
}

type picker struct {
	idx []int
	cum []int
}

func newBaseline() *baseline {
	b := &baseline{tools: baselineTools(), own: map[string][]*file{}, picks: map[string]picker{}}
	b.msi = sysExe("msiexec.exe", "Windows® installer").resolve("")
	b.shared = make([]*file, len(b.tools))
	for i := range b.tools {
		if !strings.Contains(b.tools[i].spec.dir, "%U") {
			b.shared[i] = b.tools[i].spec.resolve("")
		}
	}
	return b
}

func kindOf(d *device) string { return d.os.family + "|" + d.role }

func (b *baseline) picker(d *device) picker {
	k := kindOf(d)
	if p, ok := b.picks[k]; ok {
		return p
	}
	var p picker
	total := 0
	for i := range b.tools {
		if b.tools[i].fits(d) {
			total += b.tools[i].weight
			p.idx = append(p.idx, i)
			p.cum = append(p.cum, total)
		}
	}
	b.picks[k] = p
	return p
}

func (p picker) draw(r *rnd) int {
	x := r.IntN(p.cum[len(p.cum)-1])
	lo, hi := 0, len(p.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if p.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return p.idx[lo]
}

func (b *baseline) image(d *device, i int) *file {
	if f := b.shared[i]; f != nil {
		return f
	}
	own := b.own[d.id]
	if own == nil {
		own = make([]*file, len(b.tools))
		b.own[d.id] = own
	}
	if own[i] == nil {
		own[i] = b.tools[i].spec.resolve(d.owner.profile)
	}
	return own[i]
}

// daySession is what a device's day of baseline activity hangs off.
type daySession struct {
	explorer, cmd, ps *proc
	start             int64
	user              *account
}

// baselineDay runs the day's software on d: a weighted draw of programs from the catalog, each started by
// its usual parent with one of its real command lines, and the connections it makes.
func (g *generator) baselineDay(d *device, day int, b *baseline) {
	p := b.picker(d)
	if len(p.idx) == 0 {
		return
	}
	r := g.activity
	s := g.sessionFor(d, day)
	n := 10 + r.IntN(8)
	switch {
	case d.os.family == "linux":
		n = 8 + r.IntN(6)
	case d.os.family == "macos":
		n = 5 + r.IntN(5)
	case d.server:
		n = 9 + r.IntN(6)
	}
	for i := 0; i < n; i++ {
		k := p.draw(r)
		t := &b.tools[k]
		ts, ok := g.c.at(r, day, d.server)
		if !ok {
			continue
		}
		parent, acct := g.toolParent(d, s, t, ts)
		if parent == nil {
			continue
		}
		cmd := expand(pick(r, t.cmds), d, g.w)
		img := b.image(d, k)
		proc := g.spawnImage(d, parent, img, cmd, acct, ts)
		for _, pr := range t.net {
			g.toolConnect(d, proc, g.after(ts, 200*time.Millisecond, 20*sec), pr)
		}
		if dir, ok := installers()[t.spec.name]; ok {
			g.install(d, proc, g.after(ts, 5*sec, 2*mins), dir)
		}
	}
}

// sessionFor returns the day's interactive session on d, or one with no explorer on days without one.
func (g *generator) sessionFor(d *device, day int) daySession {
	s := daySession{user: d.owner}
	dayStart := g.c.day(day).UnixNano()
	switch {
	case d.os.family != "windows":
		s.start = dayStart
	case !d.server && d.sessionOf != nil && d.sessionOf.created >= dayStart:
		s.explorer, s.start = d.sessionOf, d.sessionOf.created
	case d.server:
		s.user = g.w.helpdesk
		s.start = dayStart
	}
	return s
}

// toolParent finds (or starts) the process that launches t at ts, and the account t runs as.
func (g *generator) toolParent(d *device, s daySession, t *tool, ts int64) (*proc, *account) {
	acct := s.user
	switch t.who {
	case wSystem:
		acct = g.w.system
	case wNetSvc:
		acct = g.w.netSvc
	case wLocalSvc:
		acct = g.w.localSvc
	case wAdmin:
		if d.server {
			acct = g.w.helpdesk
		}
	}
	switch d.os.family {
	case "linux":
		root := &account{name: "root", domain: d.short}
		if acct == g.w.system {
			acct = root
		} else {
			acct = &account{name: "azureuser", domain: d.short}
		}
		systemd := &proc{img: d.images[iSystemd], pid: 1, cmd: "/sbin/init", created: d.bootTime, acct: root}
		switch t.parent {
		case pSystemd:
			return systemd, acct
		case pShell:
			sshd := &proc{img: d.images[iSshd], pid: 1422, cmd: "sshd: azureuser [priv]", created: ts - int64(10*mins), acct: root, parent: systemd}
			return &proc{img: d.images[iBash], pid: 1488, cmd: "-bash", created: ts - int64(9*mins), acct: acct, parent: sshd}, acct
		default:
			cron := &proc{img: d.images[iCron], pid: 812, cmd: "/usr/sbin/cron -f -P", created: d.bootTime, acct: root, parent: systemd}
			return g.spawn(d, cron, iBash, "/bin/sh -c "+t.cmds[0], root, ts-int64(sec)), root
		}
	case "macos":
		root := &account{name: "root", domain: d.short}
		u := &account{name: d.owner.name, domain: d.short, upn: d.owner.upn, objectID: d.owner.objectID}
		if acct == g.w.system {
			acct = root
		} else {
			acct = u
		}
		launchd := &proc{img: d.images[iLaunchd], pid: 1, cmd: "/sbin/launchd", created: d.bootTime, acct: root}
		if t.parent == pShell {
			return g.spawn(d, launchd, iZsh, "-zsh", u, ts-int64(sec)), acct
		}
		return launchd, acct
	}
	switch t.parent {
	case pServices:
		return d.services, acct
	case pSvchost:
		return d.svchost[0], acct
	case pSchedule:
		return d.svchost[1], acct
	case pMsiexec:
		msi := g.newProc(d, d.services, iSystem, `C:\Windows\system32\msiexec.exe /V`, g.w.system, ts-int64(30*sec))
		msi.img = g.bl.msi
		return msi, acct
	}
	// Interactive parents: the user's session on workstations, the admin's on servers.
	if acct.domain == "nt authority" {
		sh := g.spawn(d, d.svchost[1], iCmd, `C:\Windows\system32\cmd.exe /c "C:\ProgramData\Contoso\Maintenance\nightly.cmd"`, acct, ts-int64(sec))
		return sh, acct
	}
	if s.explorer == nil {
		if !d.server || ts < s.start {
			return nil, nil
		}
		s.explorer = g.sessionProc(d, ts)
		s.explorer.acct = acct
	}
	if ts < s.explorer.created {
		return nil, nil
	}
	switch t.parent {
	case pCmd:
		return g.spawn(d, s.explorer, iCmd, `"C:\Windows\system32\cmd.exe" `, acct, ts-int64(2*sec)), acct
	case pPowerShell:
		return g.spawn(d, s.explorer, iPowershell, `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" `, acct, ts-int64(2*sec)), acct
	}
	return s.explorer, acct
}

// spawnImage is spawn for an image outside the fixed set (the catalog's).
func (g *generator) spawnImage(d *device, parent *proc, img *file, cmd string, acct *account, ts int64) *proc {
	p := g.newProc(d, parent, iSystem, cmd, acct, ts)
	p.img = img
	if !g.inWindow(ts) {
		return p
	}
	r := g.reset(ts, d, "ProcessCreated")
	r.file, r.proc, r.init, r.acct, r.logonID = p.img, p, parent, p.acct, p.logonID
	g.proc.add(r)
	return p
}

// peerDevice resolves an internal peer ("@dc" ...) to the device it names.
func (g *generator) peerDevice(host string, from *device) *device {
	switch host {
	case "@dc":
		return g.w.dc
	case "@file":
		return g.w.fileSrv
	case "@sql":
		return g.w.sqlSrv
	case "@web":
		return g.w.web
	case "@linux":
		return g.w.byRole("linux")
	case "@srv":
		hs := g.w.hosts()
		return hs[(from.idx+int(g.activity.IntN(7)))%len(hs)]
	}
	return nil
}

// toolConnect records the connection of a tool's process; an internal peer also records the server's side
// (InboundConnectionAccepted), so a hunt can follow the session from client to server.
func (g *generator) toolConnect(d *device, p *proc, ts int64, pr peer) {
	if !g.inWindow(ts) {
		return
	}
	dst := g.peerDevice(pr.host, d)
	ip, url := pr.ip, pr.host
	if dst != nil {
		if dst == d {
			return
		}
		ip, url = dst.ip, dst.name
	}
	local := int64(49152 + g.activity.IntN(16000))
	r := g.reset(ts, d, "ConnectionSuccess")
	g.net = netInfo{remoteIP: ip, remoteURL: url, localIP: d.ip, protocol: pr.proto, remoteType: ipType(ip), localType: "Private", remotePort: pr.port, localPort: local}
	r.net, r.init = &g.net, p
	g.netw.add(r)
	if dst == nil {
		return
	}
	srv := dst.services
	switch pr.port {
	case 88, 389, 636, 3268:
		srv = dst.lsass
	case 445, 139:
		srv = &proc{img: dst.images[iSystem], pid: 4, created: dst.bootTime, acct: g.w.system, integrity: "System"}
	case 22:
		srv = &proc{img: dst.images[iSshd], pid: 988, cmd: "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", created: dst.bootTime, acct: &account{name: "root", domain: dst.short}}
	default:
		if len(dst.svchost) > 0 {
			srv = dst.svchost[2]
		}
	}
	if srv == nil {
		srv = &proc{img: dst.images[iSystem], pid: 4, created: dst.bootTime, acct: g.w.system}
	}
	r = g.reset(ts+int64(time.Millisecond), dst, "InboundConnectionAccepted")
	g.net = netInfo{remoteIP: d.ip, remoteURL: "", localIP: dst.ip, protocol: pr.proto, remoteType: "Private", localType: "Private", remotePort: local, localPort: pr.port}
	r.net, r.init = &g.net, srv
	g.netw.add(r)
}

// installers maps setup programs to the product folder they install into.
func installers() map[string]string {
	return map[string]string{
		"ChromeSetup.exe": `C:\Program Files\Google\Chrome\Application`, "VSCodeUserSetup-x64-1.87.2.exe": `C:\Users\%U\AppData\Local\Programs\Microsoft VS Code`,
		"python-3.12.2-amd64.exe": `C:\Users\%U\AppData\Local\Programs\Python\Python312`, "ZoomInstallerFull.exe": `C:\Users\%U\AppData\Roaming\Zoom\bin`,
		"Git-2.44.0-64-bit.exe": `C:\Program Files\Git`, "npp.8.6.4.Installer.x64.exe": `C:\Program Files\Notepad++`, "7z2401-x64.exe": `C:\Program Files\7-Zip`,
		"Firefox Setup 123.0.1.exe": `C:\Program Files\Mozilla Firefox`, "AcroRdrDCx642400120615_MUI.exe": `C:\Program Files (x86)\Adobe\Acrobat Reader DC\Reader`,
		"vc_redist.x64.exe": `C:\Windows\System32`, "dotnet-runtime-8.0.3-win-x64.exe": `C:\Program Files\dotnet\shared\Microsoft.NETCore.App\8.0.3`,
		"TeamsBootstrapper.exe": `C:\Program Files\WindowsApps\MSTeams_24033.811.2738.2546_x64__8wekyb3d8bbwe`, "msiexec.exe": `C:\Program Files\Contoso\Agent`,
	}
}

// install is what a setup program leaves: program files, a Start menu shortcut and the Uninstall key.
func (g *generator) install(d *device, p *proc, ts int64, dir string) {
	dir = expand(dir, d, g.w)
	product := dir[strings.LastIndex(dir, `\`)+1:]
	names := []string{"app.dll", "resources.pak", "update.exe", "license.txt", "config.json"}
	for i, n := range names {
		f := dataFile(dir+`\`+n, "install|"+dir+"|"+n, int64(40_000+i*310_771))
		g.fileEvent(d, p, ts+int64(i)*int64(sec), "FileCreated", f, nil)
	}
	lnk := dataFile(`C:\ProgramData\Microsoft\Windows\Start Menu\Programs\`+product+`.lnk`, "lnk|"+product, 2_183)
	g.fileEvent(d, p, ts+int64(6*sec), "FileCreated", lnk, nil)
	key := `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{` + strings.ToUpper(guidOf("uninstall|"+product)) + `}`
	g.regEvent(d, p, ts+int64(7*sec), "RegistryKeyCreated", regInfo{key: key})
	g.regEvent(d, p, ts+int64(7*sec), "RegistryValueSet", regInfo{key: key, valueName: "DisplayName", valueData: product, valueType: "String"})
	g.regEvent(d, p, ts+int64(7*sec), "RegistryValueSet", regInfo{key: key, valueName: "InstallLocation", valueData: dir, valueType: "String"})
}
