package telemetry

import (
	"strings"
	"time"
)

const (
	sec  = time.Second
	mins = time.Minute
	hour = time.Hour
)

// endpointActivity simulates every device day by day: boot processes, the user's session and applications on
// workstations, services and inbound traffic on servers.
func (g *generator) endpointActivity() {
	ep := knownEndpoints()
	dl := newDLLs()
	cl := newCmdlines()
	g.bl, g.ep, g.cl = newBaseline(), ep, cl
	common, all := weightedDeviceEvents(), deviceEventActionTypes()
	// Boot every device first: a day on one device may reach into another (RDP, PsExec).
	for _, d := range g.w.devices {
		g.boot(d)
	}
	for _, d := range g.w.devices {
		for day := 0; day < g.c.numDays(); day++ {
			switch {
			case d.os.family == "linux":
				g.linuxDay(d, day, ep)
			case d.os.family == "macos":
				g.macDay(d, day, ep)
			case d.server:
				g.serverDay(d, day, ep, dl, cl)
			default:
				g.workstationDay(d, day, ep, dl, cl)
			}
			g.baselineDay(d, day, g.bl)
			if d.os.family == "windows" {
				g.deviceEventBreadth(d, day, common, all)
				g.logonBreadth(d, day)
				g.networkBreadth(d, day)
				g.registryBreadth(d, day)
				g.fileBreadth(d, day)
			}
		}
	}
}

// boot creates the long-lived system processes, started before the window (so they have no creation event).
func (g *generator) boot(d *device) {
	t := g.c.start - int64(g.activity.Int64N(int64(96*hour))) - int64(hour)
	d.bootTime = t
	if d.os.family != "windows" {
		return
	}
	sys := g.w.system
	kernel := &proc{img: d.images[iSystem], pid: 4, created: t, acct: sys, integrity: "System", elevation: "TokenElevationTypeDefault", logonID: 999}
	smss := g.newProc(d, kernel, iSmss, `\SystemRoot\System32\smss.exe`, sys, t+int64(2*sec))
	wininit := g.newProc(d, smss, iWininit, "wininit.exe", sys, t+int64(5*sec))
	d.winlogon = g.newProc(d, smss, iWinlogon, "winlogon.exe", sys, t+int64(5*sec))
	d.services = g.newProc(d, wininit, iServices, `C:\Windows\system32\services.exe`, sys, t+int64(6*sec))
	d.lsass = g.newProc(d, wininit, iLsass, `C:\Windows\system32\lsass.exe`, sys, t+int64(6*sec))
	d.defend = g.newProc(d, d.services, iMsMpEng, `"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0\MsMpEng.exe"`, sys, t+int64(9*sec))
	for _, k := range []string{"-k DcomLaunch -p", "-k netsvcs -p -s Schedule", "-k NetworkService -p -s Dnscache", "-k LocalServiceNetworkRestricted -p", "-k netsvcs -p -s BITS", "-k wsappx -p -s AppXSvc"} {
		acct := sys
		if k == "-k NetworkService -p -s Dnscache" {
			acct = g.w.netSvc
		}
		d.svchost = append(d.svchost, g.newProc(d, d.services, iSvchost, `C:\Windows\system32\svchost.exe `+k, acct, t+int64(10*sec)))
	}
}

// inWindow reports whether ts is inside the generated history.
func (g *generator) inWindow(ts int64) bool { return ts >= g.c.start && ts <= g.c.end }

// background is the Windows service activity every device has every day: scheduled tasks, Defender,
// Windows Update, DNS and group policy.
func (g *generator) background(d *device, day int, ep endpoints, dl dllSet, cl *cmdlines) {
	r := g.activity
	n := 10 + r.IntN(6)
	for i := 0; i < n; i++ {
		ts, ok := g.c.at(r, day, true)
		if !ok {
			continue
		}
		switch r.IntN(8) {
		case 0, 1: // scheduled task host
			sched := d.svchost[1]
			p := g.spawn(d, sched, iTaskhostw, pick(r, cl.taskhost), g.w.system, ts)
			g.imageLoad(d, p, g.after(ts, 0, sec), dl.ntdll)
			g.regEvent(d, sched, g.after(ts, sec, 5*sec), "RegistryValueSet", regInfo{key: `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Schedule\TaskCache\Tree\Microsoft\Windows\UpdateOrchestrator\Schedule Scan`, valueName: "Index", valueData: "3", valueType: "Dword"})
		case 2: // Defender signature update
			p := g.spawn(d, d.defend, iMpCmdRun, pick(r, cl.mpcmdrun), g.w.system, ts)
			e := pick(r, ep.defender)
			g.connect(d, p, g.after(ts, sec, 20*sec), "ConnectionSuccess", e.ip, e.url, e.port)
			g.fileEvent(d, d.defend, g.after(ts, 20*sec, mins), "FileCreated", cl.mpSig, nil)
		case 3: // Windows Update
			p := g.spawn(d, d.svchost[4], iWuauclt, pick(r, cl.wuauclt), g.w.system, ts)
			for j := 0; j < 2; j++ {
				e := pick(r, ep.update)
				g.connect(d, p, g.after(ts, sec, mins), "ConnectionSuccess", e.ip, e.url, e.port)
			}
		case 4: // WMI and COM surrogate
			p := g.spawn(d, d.svchost[0], pick(r, []int{iWmiPrvSE, iDllhost}), pick(r, cl.wmi), g.w.netSvc, ts)
			g.imageLoad(d, p, g.after(ts, 0, sec), dl.kernel32)
		case 5: // telemetry and Defender cloud
			e := pick(r, ep.defender)
			g.connect(d, d.defend, ts, "ConnectionSuccess", e.ip, e.url, e.port)
			g.connect(d, d.svchost[2], g.after(ts, 0, sec), "ConnectionSuccess", "10.0.0.10", "", 53)
		case 6: // group policy refresh
			p := g.spawn(d, d.svchost[1], iGpupdate, `gpupdate.exe /target:computer /force`, g.w.system, ts)
			g.connect(d, p, g.after(ts, sec, 5*sec), "ConnectionSuccess", g.w.dc.ip, "", 445)
			g.regEvent(d, d.svchost[1], g.after(ts, 5*sec, 10*sec), "RegistryValueSet", regInfo{key: `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Group Policy\State\Machine`, valueName: "LastGPOUpdate", valueData: itoa(ts / 1e9), valueType: "Qword"})
		case 7: // Defender scan
			g.devEvent(d, d.defend, ts, "AntivirusScanCompleted", func(r *row) {
				r.additional = `{"ScanTypeIndex":"Quick","ScanId":"{` + guidOf(d.id+itoa(ts)) + `}"}`
			})
			g.fileEvent(d, d.defend, g.after(ts, sec, mins), "FileModified", cl.mpLog, nil)
		}
	}
}

// workstationDay: background services, and on workdays (and some weekends) the owner's session.
func (g *generator) workstationDay(d *device, day int, ep endpoints, dl dllSet, cl *cmdlines) {
	r := g.activity
	g.background(d, day, ep, dl, cl)
	if g.c.weekend(day) && !r.chance(0.12) {
		return
	}
	u := d.owner
	start := g.c.day(day).UnixNano() + int64(7*hour+30*mins) + r.Int64N(int64(2*hour))
	d.logonIDs += 1 + int64(r.IntN(5000))
	d.curLogon = d.logonIDs
	g.logon(d, start, "LogonSuccess", "Interactive", u, nil, d.curLogon, d.winlogon)
	userinit := g.spawn(d, d.winlogon, iUserinit, `C:\Windows\system32\userinit.exe`, u, start+int64(2*sec))
	explorer := g.spawn(d, userinit, iExplorer, `C:\Windows\Explorer.EXE`, u, start+int64(3*sec))
	d.sessionOf = explorer
	onedrive := g.spawn(d, explorer, iOneDrive, d.launch[iOneDrive]+`/background`, u, start+int64(20*sec))
	teams := g.spawn(d, explorer, iTeams, d.launch[iTeams]+`msteams:system-initiated`, u, start+int64(25*sec))
	outlook := g.spawn(d, explorer, iOutlook, d.launch[iOutlook], u, g.after(start, mins, 10*mins))
	g.regEvent(d, onedrive, start+int64(21*sec), "RegistryValueSet", regInfo{key: `HKEY_CURRENT_USER\S-1-5-21\SOFTWARE\Microsoft\Windows\CurrentVersion\Run`, valueName: "OneDrive", valueData: `"` + d.images[iOneDrive].path + `" /background`, valueType: "String"})
	browser := g.spawn(d, explorer, iChrome, d.launch[iChrome]+`--restore-last-session`, u, start+int64(40*sec))
	g.churn(d, day, explorer, browser, teams, ep, dl)
	if r.chance(0.3) {
		g.logon(d, g.after(start, 3*hour, 5*hour), "LogonSuccess", "Unlock", u, nil, d.curLogon, d.winlogon)
	}
	n := 22 + r.IntN(10)
	for i := 0; i < n; i++ {
		ts, ok := g.c.at(r, day, false)
		if !ok || ts < start {
			continue
		}
		switch k := r.IntN(20); {
		case k < 8:
			g.browse(d, explorer, ts, ep, dl, cl)
		case k < 11:
			g.officeDoc(d, explorer, ts, ep, dl)
		case k < 14:
			e := pick(r, ep.office)
			g.connect(d, outlook, ts, "ConnectionSuccess", e.ip, e.url, e.port)
			g.connect(d, outlook, g.after(ts, sec, 30*sec), "ConnectionSuccess", ep.office[0].ip, ep.office[0].url, 443)
			if r.chance(0.3) {
				g.fileEvent(d, outlook, g.after(ts, 30*sec, mins), "FileCreated", pick(r, d.docs), func(rw *row) {
					rw.prevPath = ""
				})
			}
		case k < 16:
			e := pick(r, ep.teams)
			g.connect(d, teams, ts, "ConnectionSuccess", e.ip, e.url, e.port)
			g.connect(d, teams, g.after(ts, sec, 10*sec), "ConnectionSuccess", ep.teams[0].ip, ep.teams[0].url, 443)
		case k < 18:
			e := pick(r, ep.onedrive)
			g.connect(d, onedrive, ts, "ConnectionSuccess", e.ip, e.url, e.port)
			g.fileEvent(d, onedrive, g.after(ts, sec, 20*sec), pick(r, []string{"FileModified", "FileCreated"}), pick(r, d.docs), nil)
		case k < 19:
			g.userShell(d, explorer, ts, ep, dl, cl)
		default:
			g.connect(d, explorer, ts, "ConnectionSuccess", g.w.fileSrv.ip, "", 445)
			g.fileEvent(d, explorer, g.after(ts, sec, 10*sec), "FileModified", pick(r, d.docs), nil)
		}
	}
}

// browse opens a browser with a few renderer processes, connections, and sometimes a download.
func (g *generator) browse(d *device, explorer *proc, ts int64, ep endpoints, dl dllSet, cl *cmdlines) {
	r := g.activity
	img, base := iChrome, cl.chrome
	if r.chance(0.35) {
		img, base = iMsedge, cl.edge
	}
	b := g.spawn(d, explorer, img, d.launch[img], d.owner, ts)
	if img == iChrome {
		g.imageLoad(d, b, g.after(ts, 0, sec), dl.chrome)
	}
	for j, nr := 0, 2+r.IntN(3); j < nr; j++ {
		g.spawn(d, b, img, pick(r, base), d.owner, g.after(ts, sec, 5*sec))
	}
	for j, nc := 0, 7+r.IntN(9); j < nc; j++ {
		e := pick(r, ep.web)
		action := "ConnectionSuccess"
		if r.chance(0.03) {
			action = "ConnectionFailed"
		}
		g.connect(d, b, g.after(ts, sec, 10*mins), action, e.ip, e.url, e.port)
	}
	if r.chance(0.25) {
		e := pick(r, ep.web)
		dst := pick(r, d.downloads)
		g.fileEvent(d, b, g.after(ts, mins, 10*mins), "FileCreated", dst, func(rw *row) {
			rw.originURL, rw.originIP, rw.referrer = "https://"+e.url+"/downloads/"+dst.name, e.ip, "https://"+e.url+"/"
		})
	}
}

// officeDoc opens one of the user's documents in Word or Excel and saves it.
func (g *generator) officeDoc(d *device, explorer *proc, ts int64, ep endpoints, dl dllSet) {
	r := g.activity
	k := r.IntN(len(d.docs))
	doc := d.docs[k]
	img := iWinword
	if strings.HasSuffix(doc.name, ".xlsx") {
		img = iExcel
	}
	p := g.spawn(d, explorer, img, d.docOpen[k], d.owner, ts)
	g.imageLoad(d, p, g.after(ts, 0, sec), dl.mso)
	g.fileEvent(d, p, g.after(ts, mins, 30*mins), "FileModified", doc, nil)
	g.regEvent(d, p, g.after(ts, sec, 10*sec), "RegistryValueSet", regInfo{key: `HKEY_CURRENT_USER\S-1-5-21\SOFTWARE\Microsoft\Office\16.0\Common\Open Find\Microsoft Office Word\Settings\Save As`, valueName: "File Name MRU", valueData: doc.path, valueType: "String"})
	e := ep.office[2]
	g.connect(d, p, g.after(ts, sec, 20*sec), "ConnectionSuccess", e.ip, e.url, e.port)
}

// userShell is the power user's occasional command prompt or PowerShell session.
func (g *generator) userShell(d *device, explorer *proc, ts int64, ep endpoints, dl dllSet, cl *cmdlines) {
	r := g.activity
	if r.chance(0.5) {
		cmd := g.spawn(d, explorer, iCmd, `"C:\Windows\system32\cmd.exe" `, d.owner, ts)
		g.spawn(d, cmd, iConhost, `\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1`, d.owner, ts+int64(100*time.Millisecond))
		for j, n := 0, 1+r.IntN(3); j < n; j++ {
			c := pick(r, cl.shell)
			g.spawn(d, cmd, c.img, c.cmd, d.owner, g.after(ts, 5*sec, 5*mins))
		}
		return
	}
	ps := g.spawn(d, explorer, iPowershell, `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" `, d.owner, ts)
	g.imageLoad(d, ps, g.after(ts, 0, sec), dl.clr)
	g.imageLoad(d, ps, g.after(ts, 0, sec), dl.sma)
	g.imageLoad(d, ps, g.after(ts, 0, sec), dl.amsi)
	for j, n := 0, 1+r.IntN(3); j < n; j++ {
		c := pick(r, cl.psCommands)
		g.devEvent(d, ps, g.after(ts, 5*sec, 5*mins), "PowerShellCommand", func(rw *row) { rw.additional = c })
	}
}
