package telemetry

import (
	"fmt"
	"strings"
)

// logonEvent is one DeviceLogonEvents row with every detail a logon can carry.
type logonEvent struct {
	action, logonType, failure, protocol string
	acct                                 *account
	from                                 *device
	logonID                              int64
	p                                    *proc
}

// logonEx records a logon as logon does, with the protocol and failure reason of e.
func (g *generator) logonEx(d *device, ts int64, e logonEvent) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, d, e.action)
	r.acct, r.logonType, r.logonID, r.init = e.acct, e.logonType, e.logonID, e.p
	r.isLocalAdmin = e.acct.admin
	r.failure = e.failure
	if e.action == "LogonFailed" && r.failure == "" {
		r.failure = "InvalidUserNameOrPassword"
	}
	g.net = netInfo{localIP: d.ip, protocol: e.protocol, localType: "Private"}
	if e.from != nil {
		r.remoteDevice = e.from.short
		g.net.remoteIP, g.net.remoteType = e.from.ip, ipType(e.from.ip)
		g.net.remotePort, g.net.localPort = int64(49152+g.activity.IntN(16000)), 445
		switch e.logonType {
		case "RemoteInteractive":
			g.net.localPort = 3389
		case "Network":
			if e.protocol == "Ssh" {
				g.net.localPort = 22
			}
		}
	}
	r.net = &g.net
	local := e.logonType != "Network" && e.logonType != "RemoteInteractive" && e.logonType != "NetworkCleartext"
	r.additional = `{"IsLocalLogon":` + fmt.Sprint(local) + `}`
	g.logons.add(r)
}

// logonBreadth is the day's variety of logons on a Windows device: scheduled-task (Batch) and service
// logons, cached and unlock logons on laptops, NewCredentials (runas /netonly), cleartext network logons of
// an IIS basic-auth site, and the failures of each kind with their documented reasons.
func (g *generator) logonBreadth(d *device, day int) {
	r := g.activity
	ts, ok := g.c.at(r, day, d.server)
	if !ok {
		return
	}
	svc := &account{name: "svc-backup", domain: netbios, sid: domainSID + "-3101"}
	g.logonEx(d, ts, logonEvent{action: "LogonSuccess", logonType: "Batch", acct: svc, p: d.svchost[1], protocol: "Negotiate", logonID: 0x3e7 + int64(r.IntN(90000))})
	g.logonEx(d, g.after(ts, mins, hour), logonEvent{action: "LogonSuccess", logonType: "Service", acct: g.w.localSvc, p: d.services, protocol: "Negotiate", logonID: 0x3e5})
	if !d.server {
		u := d.owner
		switch r.IntN(6) {
		case 0:
			g.logonEx(d, g.after(ts, 0, 2*hour), logonEvent{action: "LogonSuccess", logonType: "CachedInteractive", acct: u, p: d.winlogon, protocol: "Kerberos", logonID: d.curLogon})
		case 1:
			g.logonEx(d, g.after(ts, 0, 2*hour), logonEvent{action: "LogonFailed", logonType: "Unlock", acct: u, p: d.winlogon, failure: "InvalidUserNameOrPassword", protocol: "Negotiate"})
		case 2:
			g.logonEx(d, g.after(ts, 0, 2*hour), logonEvent{action: "LogonSuccess", logonType: "NewCredentials", acct: g.w.helpdesk, p: d.winlogon, protocol: "Negotiate", logonID: d.curLogon + 17})
		case 3:
			g.logonEx(d, g.after(ts, 0, 2*hour), logonEvent{action: "LogonAttempted", logonType: "Interactive", acct: u, p: d.winlogon, protocol: "Kerberos"})
		case 4:
			g.logonEx(d, g.after(ts, 0, 2*hour), logonEvent{action: "LogonFailed", logonType: "Interactive", acct: u, p: d.winlogon, failure: pick(r, []string{"InvalidUserNameOrPassword", "AccountLocked", "PasswordExpired", "UserLogonTypeNotAllowed"}), protocol: "Kerberos"})
		}
		return
	}
	if d.role == "web" {
		from := pick(r, g.w.clients())
		g.logonEx(d, g.after(ts, 0, hour), logonEvent{action: "LogonSuccess", logonType: "NetworkCleartext", acct: from.owner, from: from, p: d.lsass, protocol: "Negotiate"})
	}
	if r.chance(0.3) {
		from := pick(r, g.w.clients())
		g.logonEx(d, g.after(ts, 0, hour), logonEvent{action: "LogonFailed", logonType: "Network", acct: from.owner, from: from, p: d.lsass, failure: pick(r, []string{"InvalidUserNameOrPassword", "UnknownUser", "AccountDisabled", "AccountExpired", "PasswordMustChange"}), protocol: "Ntlm"})
	}
}

// networkBreadth is the day's less common network activity on a Windows device: services listening after
// a restart, connection attempts without an answer, and the inspected protocol events Defender's network
// protection raises (DNS, HTTP, TLS, SSH, ICMP) with their AdditionalFields.
func (g *generator) networkBreadth(d *device, day int) {
	r := g.activity
	ts, ok := g.c.at(r, day, d.server)
	if !ok {
		return
	}
	web := pick(r, g.ep.web)
	add := func(at int64, action string, p *proc, n netInfo, extra string) {
		if !g.inWindow(at) {
			return
		}
		row := g.reset(at, d, action)
		n.localIP, n.localType = d.ip, "Private"
		n.remoteType = ipType(n.remoteIP)
		if n.protocol == "" {
			n.protocol = "Tcp"
		}
		g.net = n
		row.net, row.init, row.additional = &g.net, p, extra
		g.netw.add(row)
	}
	browser := g.sessionProc(d, ts)
	add(ts, "DnsConnectionInspected", d.svchost[2], netInfo{remoteIP: g.w.dc.ip, remotePort: 53, localPort: int64(50000 + r.IntN(10000)), protocol: "Udp"},
		`{"direction":"Out","query":"`+web.url+`","query_type":"A","rcode":"NOERROR","answers":["`+web.ip+`"]}`)
	add(g.after(ts, sec, mins), "SslConnectionInspected", browser, netInfo{remoteIP: web.ip, remoteURL: web.url, remotePort: 443, localPort: int64(50000 + r.IntN(10000))},
		`{"version":"TLS1.3","server_name":"`+web.url+`","established":true,"ja3s":"15af977ce25de452b96affa2addb1036"}`)
	if r.chance(0.5) {
		add(g.after(ts, sec, mins), "HttpConnectionInspected", browser, netInfo{remoteIP: "93.184.221.240", remoteURL: "ctldl.windowsupdate.com", remotePort: 80, localPort: int64(50000 + r.IntN(10000))},
			`{"direction":"Out","host":"ctldl.windowsupdate.com","method":"GET","status_code":"200","uri":"/msdownload/update/v3/static/trustedr/en/authrootstl.cab","user_agent":"Microsoft-CryptoAPI/10.0","request_body_len":0,"response_body_len":6541}`)
	}
	if r.chance(0.2) {
		add(g.after(ts, sec, mins), "IcmpConnectionInspected", d.svchost[2], netInfo{remoteIP: g.w.dc.ip, protocol: "Icmp"}, `{"direction":"Out","icmp_type":8}`)
	}
	if r.chance(0.15) {
		add(g.after(ts, 0, hour), "ConnectionAttempt", d.svchost[2], netInfo{remoteIP: "10.0.0." + itoa(int64(200+r.IntN(50))), remotePort: 445, localPort: int64(50000 + r.IntN(10000))}, "")
	}
	if r.chance(0.1) {
		add(g.after(ts, 0, hour), "ConnectionRequest", browser, netInfo{remoteIP: web.ip, remoteURL: web.url, remotePort: 443, localPort: int64(50000 + r.IntN(10000))}, "")
	}
	if d.server && r.chance(0.25) {
		port := map[string]int64{"dc": 389, "sql": 1433, "web": 443, "file": 445, "app": 8080}[d.role]
		if port == 0 {
			port = 5985
		}
		p := d.services
		if d.role == "dc" {
			p = d.lsass
		}
		add(g.after(ts, 0, hour), "ListeningConnectionCreated", p, netInfo{localPort: port, remoteIP: "0.0.0.0"}, "")
		if d.role == "web" || d.role == "linux" {
			from := "203.0.113." + itoa(int64(2+r.IntN(250)))
			add(g.after(ts, 0, hour), "InboundInternetScanInspected", p, netInfo{remoteIP: from, remotePort: int64(40000 + r.IntN(20000)), localPort: 443}, `{"scan_type":"port","ports_scanned":[22,80,443,3389,8080]}`)
		}
	}
	if d.server && d.role == "file" {
		add(g.after(ts, 0, hour), "SshConnectionInspected", d.svchost[2], netInfo{remoteIP: g.w.byRole("linux").ip, remotePort: 22, localPort: int64(50000 + r.IntN(10000))}, `{"direction":"Out","client":"SSH-2.0-OpenSSH_for_Windows_8.1","server":"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6","auth_success":true}`)
	}
}

// fileBreadth is the day's file churn outside the applications' caches: downloads and saves with real
// extensions, recent-item shortcuts, prefetch files, logs and temporary files renamed and deleted.
func (g *generator) fileBreadth(d *device, day int) {
	r := g.activity
	prof := `C:\Users\` + d.owner.profile
	exts := []string{"docx", "xlsx", "pptx", "pdf", "csv", "txt", "zip", "png", "jpg", "msg", "json", "xml", "log", "ps1", "bat", "ini"}
	folders := []string{prof + `\Downloads`, prof + `\Desktop`, prof + `\Documents`, prof + `\Pictures`, prof + `\AppData\Local\Temp`}
	if d.server {
		folders = []string{`C:\Windows\Temp`, `C:\ProgramData\Contoso\Logs`, `C:\Logs`, `C:\Scripts`, `D:\Data`}
	}
	for i, n := 0, 3+r.IntN(4); i < n; i++ {
		ts, ok := g.c.at(r, day, d.server)
		if !ok {
			continue
		}
		ext := pick(r, exts)
		dir := pick(r, folders)
		name := fmt.Sprintf("%s-%02d%02d.%s", pick(r, []string{"report", "export", "notes", "scan", "invoice", "backup", "screenshot", "meeting", "data", "config"}), day, i, ext)
		f := dataFile(dir+`\`+name, "breadth|"+d.id+"|"+name, int64(1_024+r.IntN(4_000_000)))
		p := g.sessionProc(d, ts)
		if d.server {
			p = d.svchost[1]
		}
		g.fileEvent(d, p, ts, "FileCreated", f, nil)
		switch r.IntN(4) {
		case 0:
			g.fileEvent(d, p, g.after(ts, mins, hour), "FileDeleted", f, nil)
		case 1:
			to := dataFile(dir+`\`+strings.TrimSuffix(name, "."+ext)+"-final."+ext, "breadth|"+d.id+"|"+name, f.size)
			g.fileEvent(d, p, g.after(ts, mins, hour), "FileRenamed", to, func(rw *row) { rw.prevName, rw.prevPath = name, dir+`\`+name })
		case 2:
			g.fileEvent(d, p, g.after(ts, mins, hour), "FileModified", f, nil)
		}
	}
	if ts, ok := g.c.at(r, day, d.server); ok && d.os.family == "windows" {
		img := pick(r, []string{"CHROME.EXE", "OUTLOOK.EXE", "WINWORD.EXE", "POWERSHELL.EXE", "CMD.EXE", "TEAMS.EXE", "MSEDGE.EXE", "SVCHOST.EXE"})
		pf := dataFile(`C:\Windows\Prefetch\`+img+"-"+strings.ToUpper(guidOf(img)[:8])+".pf", "prefetch|"+d.id+img, int64(20_000+r.IntN(60_000)))
		g.fileEvent(d, d.svchost[0], ts, "FileModified", pf, nil)
	}
}

// registryBreadth is the day's configuration churn on a Windows device: policies refreshed, services
// reconfigured by updates, Run keys of installed software, and deleted values.
func (g *generator) registryBreadth(d *device, day int) {
	r := g.activity
	ts, ok := g.c.at(r, day, d.server)
	if !ok {
		return
	}
	type rv struct{ action, key, name, data, typ string }
	sid := d.owner.sid
	all := []rv{
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows Defender\Real-Time Protection`, "DisableRealtimeMonitoring", "0", "Dword"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU`, "NoAutoUpdate", "0", "Dword"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome`, "ExtensionInstallForcelist", "1", "String"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge`, "SmartScreenEnabled", "1", "Dword"},
		{"RegistryValueSet", `HKEY_CURRENT_USER\` + sid + `\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\Explorer`, "NoDriveTypeAutoRun", "255", "Dword"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Run`, "SecurityHealth", `%windir%\system32\SecurityHealthSystray.exe`, "ExpandString"},
		{"RegistryValueSet", `HKEY_CURRENT_USER\` + sid + `\SOFTWARE\Microsoft\Windows\CurrentVersion\Run`, "com.squirrel.slack.slack", `"C:\Users\` + d.owner.profile + `\AppData\Local\slack\slack.exe" --process-start-args --startup`, "String"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Run`, "AdobeAAMUpdater-1.0", `"C:\Program Files (x86)\Common Files\Adobe\OOBE\PDApp\UWA\UpdaterStartupUtility.exe"`, "String"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\gupdate`, "Start", "2", "Dword"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\edgeupdate`, "ImagePath", `"C:\Program Files (x86)\Microsoft\EdgeUpdate\MicrosoftEdgeUpdate.exe" /svc`, "ExpandString"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\WinDefend`, "Start", "2", "Dword"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Control\Lsa`, "LmCompatibilityLevel", "5", "Dword"},
		{"RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon`, "Shell", "explorer.exe", "String"},
		{"RegistryValueDeleted", `HKEY_CURRENT_USER\` + sid + `\SOFTWARE\Microsoft\Windows\CurrentVersion\RunOnce`, "Uninstall 24.020.0128.0003", "", ""},
		{"RegistryKeyDeleted", `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{3C8A21E4-5F0B-4B67-9D2E-7A1C0F4B6E58}`, "", "", ""},
		{"RegistryKeyCreated", `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Schedule\TaskCache\Tree\GoogleUpdateTaskMachineUA`, "", "", ""},
	}
	for i, n := 0, 2+r.IntN(3); i < n; i++ {
		v := pick(r, all)
		p := d.svchost[1]
		if strings.HasPrefix(v.key, `HKEY_CURRENT_USER`) {
			p = g.sessionProc(d, ts)
		}
		g.regEvent(d, p, g.after(ts, 0, 4*hour), v.action, regInfo{key: v.key, valueName: v.name, valueData: v.data, valueType: v.typ})
	}
}
