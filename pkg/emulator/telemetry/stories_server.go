package telemetry

import (
	"fmt"
	"strings"
	"time"
)

// lateralStory: from the compromised workstation the attacker runs PsExec with the helpdesk account against
// the file server: SMB connection, network logon, PSEXESVC.exe dropped over ADMIN$, service installed, and a
// remote-session cmd.exe under PSEXESVC.
func (g *generator) lateralStory(c storyCast, payload *proc) *proc {
	src, dst, u := c.victim, c.server, g.w.helpdesk
	t := c.base + int64(2*time.Hour)
	rc := g.spawn(src, payload, iCmd, `cmd.exe /c C:\Users\`+src.owner.profile+`\Downloads\PsExec.exe \\`+dst.name+` -accepteula -u CONTOSO\helpdesk -p ******** -s -d cmd.exe`, src.owner, t)
	px := g.spawn(src, rc, iPsexec, src.images[iPsexec].path+` \\`+dst.name+` -accepteula -u CONTOSO\helpdesk -p ******** -s -d cmd.exe`, src.owner, t+int64(sec))
	g.connect(src, px, t+int64(2*sec), "ConnectionSuccess", dst.ip, "", 445)
	g.connect(src, px, t+int64(2*sec), "ConnectionSuccess", dst.ip, "", 135)
	g.logon(dst, t+int64(3*sec), "LogonSuccess", "Network", u, src, 0x7a3f12, nil)
	kernel := &proc{img: dst.images[iSystem], pid: 4, created: dst.bootTime, acct: g.w.system, integrity: "System"}
	svcFile := dst.images[iPsexesvc]
	g.fileEvent(dst, kernel, t+int64(4*sec), "FileCreated", svcFile, func(r *row) {
		r.shareName, r.requestIP, r.requestProtocol, r.acct = "ADMIN$", src.ip, "Smb", u
	})
	svcKey := `HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\PSEXESVC`
	g.regEvent(dst, dst.services, t+int64(5*sec), "RegistryKeyCreated", regInfo{key: svcKey})
	g.regEvent(dst, dst.services, t+int64(5*sec), "RegistryValueSet", regInfo{key: svcKey, valueName: "ImagePath", valueData: `%SystemRoot%\PSEXESVC.exe`, valueType: "ExpandSz"})
	g.devEvent(dst, dst.services, t+int64(5*sec), "ServiceInstalled", func(r *row) {
		r.file, r.acct = svcFile, u
		r.additional = `{"ServiceName":"PSEXESVC","ServiceAccount":"LocalSystem","ServiceStartType":3,"ServiceType":16}`
	})
	svc := g.spawn(dst, dst.services, iPsexesvc, `C:\Windows\PSEXESVC.exe`, g.w.system, t+int64(6*sec))
	remote := g.newProc(dst, svc, iCmd, `"cmd.exe"`, g.w.system, t+int64(7*sec))
	remote.remoteFrom = src
	if g.inWindow(remote.created) {
		r := g.reset(remote.created, dst, "ProcessCreated")
		r.file, r.proc, r.init, r.acct, r.logonID = remote.img, remote, svc, remote.acct, remote.logonID
		g.proc.add(r)
	}
	g.identityLogon(t+int64(3*sec), "LogonSuccess", "Kerberos", u, src, dst)
	g.raise(t+int64(6*sec), srcMDE, "EDR", "Suspicious service creation (PsExec)", "LateralMovement", "Medium",
		[]string{"Service Execution (T1569.002)", "SMB/Windows Admin Shares (T1021.002)"},
		evidence{entityType: "Machine", role: "Impacted", dev: dst},
		evidence{entityType: "Machine", role: "Related", dev: src},
		evidence{entityType: "User", role: "Related", dev: dst, acct: u},
		evidence{entityType: "File", role: "Related", dev: dst, file: svcFile},
		evidence{entityType: "Process", role: "Related", dev: src, proc: px, file: px.img},
		evidence{entityType: "Registry", role: "Related", dev: dst, reg: &regInfo{key: svcKey, valueName: "ImagePath", valueData: `%SystemRoot%\PSEXESVC.exe`}},
	)
	return remote
}

// lsassStory: credential dumping on the file server twice, with ProcDump and with comsvcs.dll MiniDump, both
// opening lsass.exe.
func (g *generator) lsassStory(c storyCast, shell *proc) {
	d := c.server
	t := c.base + int64(2*time.Hour+20*time.Minute)
	dl := newDLLs()
	pd := d.images[iProcdump]
	g.fileEvent(d, shell, t-int64(time.Minute), "FileCreated", pd, func(r *row) {
		r.shareName, r.requestIP, r.requestProtocol, r.acct = "ADMIN$", c.victim.ip, "Smb", g.w.helpdesk
	})
	p := g.spawn(d, shell, iProcdump, `C:\Windows\Temp\procdump64.exe -accepteula -ma lsass.exe C:\Windows\Temp\lsass.dmp`, g.w.system, t)
	g.imageLoad(d, p, t+int64(sec), dl.dbghelp)
	lsassFile := d.lsass.img
	g.devEvent(d, p, t+int64(2*sec), "OpenProcessApiCall", func(r *row) {
		r.file, r.proc = lsassFile, d.lsass
		r.additional = `{"DesiredAccess":2097151}`
	})
	dump := dataFile(`C:\Windows\Temp\lsass.dmp`, "lsass-dump-1", 52_428_800)
	g.fileEvent(d, p, t+int64(8*sec), "FileCreated", dump, nil)
	t2 := t + int64(25*time.Minute)
	rd := g.spawn(d, shell, iRundll32, fmt.Sprintf(`rundll32.exe C:\windows\System32\comsvcs.dll, MiniDump %d C:\Windows\Temp\debug.bin full`, d.lsass.pid), g.w.system, t2)
	g.imageLoad(d, rd, t2+int64(sec), dl.comsvcs)
	g.devEvent(d, rd, t2+int64(2*sec), "OpenProcessApiCall", func(r *row) {
		r.file, r.proc = lsassFile, d.lsass
		r.additional = `{"DesiredAccess":2097151}`
	})
	bin := dataFile(`C:\Windows\Temp\debug.bin`, "lsass-dump-2", 51_380_224)
	g.fileEvent(d, rd, t2+int64(9*sec), "FileCreated", bin, nil)
	g.raise(t+int64(3*sec), srcMDE, "EDR", "Suspicious access to LSASS service", "CredentialAccess", "High",
		[]string{"OS Credential Dumping (T1003)", "LSASS Memory (T1003.001)"},
		evidence{entityType: "Machine", role: "Impacted", dev: d},
		evidence{entityType: "Process", role: "Related", dev: d, proc: p, file: pd},
		evidence{entityType: "File", role: "Related", dev: d, file: dump},
	)
	g.raise(t2+int64(3*sec), srcMDE, "EDR", "Process memory dump", "CredentialAccess", "High",
		[]string{"LSASS Memory (T1003.001)", "Rundll32 (T1218.011)"},
		evidence{entityType: "Machine", role: "Impacted", dev: d},
		evidence{entityType: "Process", role: "Related", dev: d, proc: rd, file: rd.img},
		evidence{entityType: "File", role: "Related", dev: d, file: bin},
	)
}

// ransomwareStory: shadow copies and recovery are disabled, then a locker renames n files under root to
// .locked within minutes and drops ransom notes.
func (g *generator) ransomwareStory(d *device, parent *proc, t int64, n int, root string) {
	acct := g.w.system
	if parent == nil {
		parent = g.sessionProc(d, t)
		acct = d.owner
	}
	cmd := g.spawn(d, parent, iCmd, `cmd.exe /c vssadmin.exe delete shadows /all /quiet & wmic.exe shadowcopy delete & bcdedit.exe /set {default} recoveryenabled No`, acct, t)
	vss := g.spawn(d, cmd, iVssadmin, `vssadmin.exe  delete shadows /all /quiet`, acct, t+int64(sec))
	g.spawn(d, cmd, iWmic, `wmic.exe  shadowcopy delete`, acct, t+int64(3*sec))
	g.spawn(d, cmd, iBcdedit, `bcdedit.exe  /set {default} recoveryenabled No`, acct, t+int64(5*sec))
	lockerFile := d.images[iLocker]
	g.fileEvent(d, parent, t+int64(20*sec), "FileCreated", lockerFile, nil)
	locker := g.spawn(d, parent, iLocker, `"C:\ProgramData\svc\svcupdate.exe" --path "`+root+`" --ext locked --note README_RESTORE_FILES.txt`, acct, t+int64(30*sec))
	folders := []string{"Finance", "HR", "Sales", "Legal", "Projects", "Marketing", "IT", "Board"}
	exts := []string{"docx", "xlsx", "pdf", "pptx", "csv"}
	step := int64(6*time.Minute) / int64(n)
	for i := 0; i < n; i++ {
		dir := root + `\` + folders[i%len(folders)]
		name := fmt.Sprintf("%s-%03d.%s", folders[(i/3)%len(folders)], i, exts[i%len(exts)])
		f := dataFile(dir+`\`+name+".locked", fmt.Sprintf("locked|%s|%d", d.id, i), int64(20_000+i*311))
		ts := t + int64(time.Minute) + int64(i)*step
		g.fileEvent(d, locker, ts, "FileRenamed", f, func(r *row) { r.prevName, r.prevPath = name, dir+`\`+name })
		if i < len(folders) {
			note := dataFile(dir+`\README_RESTORE_FILES.txt`, "ransom-note", 1_337)
			g.fileEvent(d, locker, ts+int64(sec), "FileCreated", note, nil)
		}
	}
	g.raise(t+int64(2*time.Minute), srcMDE, "EDR", "Ransomware behavior detected in the file system", "Ransomware", "High",
		[]string{"Data Encrypted for Impact (T1486)", "Inhibit System Recovery (T1490)"},
		evidence{entityType: "Machine", role: "Impacted", dev: d},
		evidence{entityType: "Process", role: "Related", dev: d, proc: locker, file: lockerFile},
		evidence{entityType: "Process", role: "Related", dev: d, proc: vss, file: vss.img},
	)
}

// backgroundAlerts are the everyday low-severity detections: EICAR tests and potentially unwanted apps.
func (g *generator) backgroundAlerts() {
	r := newRnd(g.opts.Seed, "alerts")
	ws := g.w.windowsWorkstations()
	if len(ws) == 0 {
		return
	}
	// A trickle of commodity detections as real tenants see: one in every 24 hours counted back from the
	// end of the window, 2 to 20 hours into it, so a "last 24 hours" alert panel has rows at any time of day
	// (with room for the plugin aligning the range to the hour).
	for i := 0; i < g.c.days; i++ {
		d := pick(r, ws)
		ts := g.c.end - int64(i)*int64(24*time.Hour) - int64(2*time.Hour) - r.Int64N(int64(18*time.Hour))
		if ts < g.c.start {
			continue
		}
		if i%2 == 0 {
			f := dataFile(`C:\Users\`+d.owner.profile+`\Downloads\eicar.com.txt`, "eicar", 68)
			g.downloaded(d, f, ts-int64(2*time.Second), "https://secure.eicar.example/download/eicar.com.txt")
			g.devEvent(d, d.defend, ts, "AntivirusDetection", func(rw *row) {
				rw.file = f
				rw.additional = `{"ThreatName":"Virus:DOS/EICAR_Test_File","WasRemediated":true,"WasExecutingWhileDetected":false}`
			})
			g.raise(ts, srcMDE, "WindowsDefenderAv", "'EICAR_Test_File' malware was detected", "Malware", "Informational", nil,
				evidence{entityType: "Machine", role: "Impacted", dev: d},
				evidence{entityType: "File", role: "Impacted", dev: d, file: f, family: "EICAR_Test_File"})
		} else {
			f := dataFile(`C:\Users\`+d.owner.profile+`\Downloads\FreePDFConverterSetup.exe`, "pua", 3_221_504)
			g.downloaded(d, f, ts-int64(3*time.Second), "https://free-pdf-converter.example/get/FreePDFConverterSetup.exe")
			g.devEvent(d, d.defend, ts, "AntivirusDetection", func(rw *row) {
				rw.file = f
				rw.additional = `{"ThreatName":"PUA:Win32/Presenoker","WasRemediated":true,"WasExecutingWhileDetected":false}`
			})
			g.raise(ts, srcMDE, "WindowsDefenderAv", "'Presenoker' unwanted software was detected", "UnwantedSoftware", "Low", nil,
				evidence{entityType: "Machine", role: "Impacted", dev: d},
				evidence{entityType: "File", role: "Impacted", dev: d, file: f, family: "Presenoker"})
		}
	}
}

// downloaded records a browser download of f from url just before ts: the file event a detection of f joins
// to by hash.
func (g *generator) downloaded(d *device, f *file, ts int64, url string) {
	host := strings.SplitN(strings.TrimPrefix(url, "https://"), "/", 2)[0]
	b := g.newProc(d, g.sessionProc(d, ts), iMsedge, d.launch[iMsedge], d.owner, ts-int64(time.Minute))
	g.fileEvent(d, b, ts, "FileCreated", f, func(r *row) {
		r.originURL, r.originIP, r.referrer = url, "198.51.100.9", "https://"+host+"/"
	})
}
