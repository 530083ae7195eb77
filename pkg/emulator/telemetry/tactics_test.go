package telemetry

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine"
)

// The hunts a SOC analyst would write for one technique of each ATT&CK tactic, run through the emulator's
// KQL engine over the default dataset: each must find the traces the technique leaves. The queries are
// written from the techniques' ATT&CK data sources, not copied from a public query collection.
func TestTacticHuntsFindRows(t *testing.T) {
	e := engine.New(demo(t))
	hunts := []struct{ tactic, technique, kql string }{
		{"Initial access", "Spearphishing link clicked (T1566.002)", `
			UrlClickEvents
			| where Timestamp > ago(7d) and ActionType == "ClickAllowed"
			| join kind=inner (EmailEvents | where ThreatTypes has "Phish" or SenderFromDomain endswith ".example" | project NetworkMessageId, SenderFromAddress, Subject) on NetworkMessageId
			| project Timestamp, AccountUpn, Url, SenderFromAddress, Subject`},
		{"Initial access", "Web shell written by IIS (T1505.003)", `
			DeviceFileEvents
			| where InitiatingProcessFileName =~ "w3wp.exe" and FileName endswith ".aspx"
			| project Timestamp, DeviceName, FolderPath`},
		{"Execution", "Encoded PowerShell (T1059.001)", `
			DeviceProcessEvents
			| where Timestamp > ago(7d)
			| where FileName in~ ("powershell.exe", "pwsh.exe") and ProcessCommandLine matches regex @"(?i)\s-(e|en|enc|encodedcommand)\s"
			| where InitiatingProcessAccountName != "system"
			| project Timestamp, DeviceName, AccountName, InitiatingProcessFileName, ProcessCommandLine`},
		{"Execution", "Mshta and regsvr32 proxy execution (T1218)", `
			DeviceProcessEvents
			| where (FileName =~ "mshta.exe" and ProcessCommandLine has_any ("vbscript", "javascript", "http"))
			    or (FileName =~ "regsvr32.exe" and ProcessCommandLine has "/i:http" and ProcessCommandLine has "scrobj.dll")
			| summarize count() by FileName, DeviceName`},
		{"Persistence", "Run key, scheduled task or service pointing at a user-writable folder (T1547.001, T1053.005, T1543.003)", `
			union
			(DeviceRegistryEvents | where RegistryKey has @"\CurrentVersion\Run" and RegistryValueData has_any (@"\ProgramData\", @"\Users\Public\", @"\AppData\Local\Temp\")),
			(DeviceEvents | where ActionType in ("ScheduledTaskCreated", "ServiceInstalled") and AdditionalFields has_any (@"\\ProgramData\\", @"\\Windows\\Temp\\"))
			| project Timestamp, DeviceName, ActionType, RegistryKey, AdditionalFields`},
		{"Persistence", "WMI event subscription (T1546.003)", `
			DeviceEvents | where ActionType == "WmiBindEventFilterToConsumer" | project Timestamp, DeviceName, AdditionalFields`},
		{"Privilege escalation", "UAC bypass through ms-settings (T1548.002)", `
			DeviceRegistryEvents
			| where RegistryKey has @"ms-settings\Shell\Open\command"
			| join kind=inner (DeviceProcessEvents | where FileName =~ "fodhelper.exe" | project DeviceId, FodTime = Timestamp) on DeviceId
			| where FodTime between (Timestamp .. 30m)`},
		{"Defense evasion", "Defender tampering and log clearing (T1562.001, T1070.001)", `
			DeviceProcessEvents
			| where (ProcessCommandLine has "Set-MpPreference" and ProcessCommandLine has "-Disable")
			    or ProcessCommandLine has "Add-MpPreference -ExclusionPath"
			    or (FileName =~ "wevtutil.exe" and ProcessCommandLine has " cl ")
			| summarize Commands = make_set(ProcessCommandLine) by DeviceName`},
		{"Defense evasion", "Masquerading as svchost outside System32 (T1036.005)", `
			DeviceProcessEvents
			| where FileName =~ "svchost.exe" and not(FolderPath startswith @"C:\Windows\System32\") and not(FolderPath startswith @"C:\Windows\SysWOW64\")
			| project Timestamp, DeviceName, FolderPath, ProcessCommandLine`},
		{"Credential access", "LSASS access (T1003.001)", `
			DeviceEvents
			| where ActionType == "OpenProcessApiCall" and FileName =~ "lsass.exe"
			| where InitiatingProcessFileName !in~ ("MsMpEng.exe", "svchost.exe")
			| project Timestamp, DeviceName, InitiatingProcessFileName, InitiatingProcessCommandLine`},
		{"Credential access", "SAM and NTDS copies (T1003.002, T1003.003)", `
			DeviceProcessEvents
			| where (FileName =~ "reg.exe" and ProcessCommandLine has "save" and ProcessCommandLine has_any (@"HKLM\SAM", @"HKLM\SYSTEM"))
			    or (ProcessCommandLine has "ntds" and ProcessCommandLine has_any ("ifm", "HarddiskVolumeShadowCopy"))
			| project Timestamp, DeviceName, ProcessCommandLine`},
		{"Credential access", "Kerberoasting (T1558.003)", `
			DeviceProcessEvents
			| where ProcessCommandLine has "kerberoast"
			| join kind=inner (DeviceNetworkEvents | where RemotePort == 88 | distinct DeviceId) on DeviceId
			| distinct DeviceName, ProcessCommandLine`},
		{"Discovery", "Domain reconnaissance burst (T1087.002, T1482, T1033)", `
			DeviceProcessEvents
			| where FileName in~ ("net.exe", "nltest.exe", "whoami.exe", "AdFind.exe", "systeminfo.exe")
			| where ProcessCommandLine has_any ("/domain", "/dclist", "/domain_trusts", "/all", "objectcategory")
			| summarize Tools = dcount(FileName), Commands = make_set(ProcessCommandLine) by DeviceId, bin(Timestamp, 1h)
			| where Tools >= 3`},
		{"Lateral movement", "PsExec, WMI and WinRM remote execution (T1569.002, T1047, T1021.006)", `
			DeviceProcessEvents
			| where InitiatingProcessFileName in~ ("PSEXESVC.exe", "WmiPrvSE.exe", "wsmprovhost.exe")
			| where FileName in~ ("cmd.exe", "powershell.exe", "whoami.exe")
			| join kind=inner (DeviceLogonEvents | where LogonType == "Network" and ActionType == "LogonSuccess" | distinct DeviceId, RemoteIP) on DeviceId
			| distinct DeviceName, InitiatingProcessFileName, RemoteIP`},
		{"Lateral movement", "Tool copied over an admin share (T1021.002)", `
			DeviceFileEvents
			| where ShareName in ("ADMIN$", "C$") and FileName endswith ".exe"
			| project Timestamp, DeviceName, FileName, RequestSourceIP, RequestAccountName`},
		{"Lateral movement", "RDP session from a workstation (T1021.001)", `
			DeviceLogonEvents
			| where LogonType == "RemoteInteractive" and ActionType == "LogonSuccess" and RemoteIPType == "Private"
			| summarize count() by DeviceName, AccountName, RemoteDeviceName`},
		{"Collection", "Password-protected archive of documents (T1560.001)", `
			DeviceProcessEvents
			| where FileName in~ ("7z.exe", "rar.exe") and ProcessCommandLine matches regex @"\s-p\S+" and ProcessCommandLine has @"\Documents"`},
		{"Exfiltration", "Rclone to cloud storage (T1567.002)", `
			DeviceProcessEvents
			| where ProcessVersionInfoOriginalFileName =~ "rclone.exe" or ProcessCommandLine has_all ("copy", "--config")
			| join kind=inner (DeviceNetworkEvents | where RemoteUrl has "mega" | project DeviceId, InitiatingProcessFileName, RemoteUrl) on DeviceId`},
		{"Command and control", "Periodic beaconing to one address (T1071.001)", `
			DeviceNetworkEvents
			| where RemoteIPType == "Public" and ActionType == "ConnectionSuccess"
			| summarize Connections = count(), Hours = dcount(bin(Timestamp, 1h)) by DeviceId, InitiatingProcessFileName, RemoteIP
			| where Connections >= 20 and InitiatingProcessFileName !in~ ("chrome.exe", "msedge.exe", "ms-teams.exe", "OUTLOOK.EXE", "OneDrive.exe", "MsMpEng.exe")`},
		{"Impact", "Shadow copy deletion and mass rename (T1490, T1486)", `
			let deletes = DeviceProcessEvents | where ProcessCommandLine has_any ("delete shadows", "shadowcopy delete", "delete catalog") | distinct DeviceId;
			DeviceFileEvents
			| where ActionType == "FileRenamed" and DeviceId in (deletes)
			| summarize Renamed = count() by DeviceId, InitiatingProcessFileName, bin(Timestamp, 10m)
			| where Renamed > 50`},
		{"Impact", "Coin miner on Linux after SSH guessing (T1496, T1110)", `
			DeviceLogonEvents
			| where ActionType == "LogonFailed" and RemoteIPType == "Public"
			| summarize Failures = count() by DeviceId, RemoteIP
			| where Failures > 20
			| join kind=inner (DeviceNetworkEvents | where RemotePort == 3333) on DeviceId`},
		{"Alerts", "Alerts across tactics with their process evidence", `
			AlertInfo
			| where ServiceSource == "Microsoft Defender for Endpoint"
			| join kind=inner (AlertEvidence | where EntityType == "Process") on AlertId
			| summarize Alerts = dcount(AlertId) by Category
			| where Alerts > 0`},
	}
	found := 0
	for _, h := range hunts {
		t.Run(h.tactic+"/"+h.technique, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			out, err := e.Run(ctx, dataset.Query{Text: h.kql, Now: fixedNow})
			if err != nil {
				t.Fatalf("query failed: %v", err)
			}
			if out.Rows() == 0 {
				t.Errorf("no rows: the default dataset lacks the traces of %s", h.technique)
				return
			}
			found++
		})
	}
	t.Logf("%d of %d technique hunts return rows", found, len(hunts))
}

// TestBreadth: the baseline a hunt has to see through. Hundreds of distinct programs, every documented
// DeviceEvents ActionType, every logon type, and the usual protocols' ports.
func TestBreadth(t *testing.T) {
	e := engine.New(demo(t))
	run := func(kql string) *dataset.Table {
		t.Helper()
		out, err := e.Run(context.Background(), dataset.Query{Text: kql, Now: fixedNow})
		if err != nil {
			t.Fatalf("%s: %v", kql, err)
		}
		return out
	}
	names := run(`DeviceProcessEvents | summarize dcount(FileName)`).Columns[0].Int[0]
	if names < 300 {
		t.Errorf("%d distinct process FileNames, want at least 300", names)
	}
	seen := map[string]bool{}
	at := run(`DeviceEvents | distinct ActionType`)
	for _, v := range at.Columns[0].Str {
		seen[v] = true
	}
	var missing []string
	for _, a := range deviceEventActionTypes() {
		if !seen[a] {
			missing = append(missing, a)
		}
	}
	if len(missing) > 0 {
		t.Errorf("documented DeviceEvents ActionTypes missing from the dataset: %s", strings.Join(missing, ", "))
	}
	logonTypes := map[string]bool{}
	for _, v := range run(`DeviceLogonEvents | distinct LogonType`).Columns[0].Str {
		logonTypes[v] = true
	}
	for _, lt := range []string{"Interactive", "RemoteInteractive", "Network", "Batch", "Service", "Unlock", "CachedInteractive", "NetworkCleartext", "NewCredentials"} {
		if !logonTypes[lt] {
			t.Errorf("no DeviceLogonEvents with LogonType %s", lt)
		}
	}
	ports := map[int64]bool{}
	for _, v := range run(`DeviceNetworkEvents | distinct RemotePort`).Columns[0].Int {
		ports[v] = true
	}
	for _, p := range []int64{53, 80, 88, 135, 389, 443, 445, 1433, 3389, 5985, 22} {
		if !ports[p] {
			t.Errorf("no connection to remote port %d", p)
		}
	}
	t.Logf("%d process names, %d DeviceEvents ActionTypes, %d remote ports", names, len(seen), len(ports))
}

// TestTablesJoinToInventory: every populated table carries keys that resolve in DeviceInfo (DeviceId,
// DeviceName) or IdentityInfo (AccountObjectId, AccountUpn, AccountSid and their e-mail forms), so a hunt can
// pivot from any event to the device or person. Reference tables (knowledge bases, app and campaign
// catalogues) are the exception, and AlertInfo and EmailUrlInfo reach people and devices through the table
// that shares their id (AlertEvidence, EmailEvents), as the schema designs them.
func TestTablesJoinToInventory(t *testing.T) {
	cat := demo(t)
	devices, accounts := map[string]bool{}, map[string]bool{}
	info := tableView(t, cat, "DeviceInfo")
	for i := 0; i < info.tb.Rows(); i++ {
		devices[info.s("DeviceId", i)], devices[info.s("DeviceName", i)] = true, true
	}
	ii := tableView(t, cat, "IdentityInfo")
	for i := 0; i < ii.tb.Rows(); i++ {
		for _, c := range []string{"AccountObjectId", "AccountUpn", "OnPremSid", "AccountSid", "EmailAddress"} {
			if col := ii.tb.Column(c); col != nil && col.Type == dataset.String && col.Str[i] != "" {
				accounts[col.Str[i]] = true
			}
		}
	}
	reference := map[string]bool{"OAuthAppInfo": true, "DeviceTvmSoftwareVulnerabilitiesKB": true, "DeviceTvmSecureConfigurationAssessmentKB": true,
		"DeviceTvmInfoGatheringKB": true, "DeviceTvmBrowserExtensionsKB": true, "GraphApiAuditEvents": true, "AADSpnSignInEventsBeta": true, "EntraIdSpnSignInEvents": true}
	keys := []string{"DeviceId", "DeviceName", "AccountObjectId", "AccountUpn", "AccountSid", "RecipientEmailAddress", "RecipientObjectId", "AccountId"}
	via := map[string][2]string{"AlertInfo": {"AlertId", "AlertEvidence"}, "EmailUrlInfo": {"NetworkMessageId", "EmailEvents"}}
	for name, tb := range cat.Tables {
		if tb.Rows() == 0 || reference[name] || legacyNames()[name] {
			continue
		}
		if v, ok := via[name]; ok {
			ids := map[string]bool{}
			for _, id := range cat.Tables[v[1]].Column(v[0]).Str {
				ids[id] = true
			}
			n := 0
			for _, id := range tb.Column(v[0]).Str {
				if ids[id] {
					n++
				}
			}
			if n != tb.Rows() {
				t.Errorf("%s: %d of %d rows have a %s in %s", name, n, tb.Rows(), v[0], v[1])
			}
			continue
		}
		joined := 0
		for i := 0; i < tb.Rows(); i++ {
			for _, k := range keys {
				c := tb.Column(k)
				if c == nil || c.Type != dataset.String || c.Str[i] == "" {
					continue
				}
				if devices[c.Str[i]] || accounts[c.Str[i]] {
					joined++
					break
				}
			}
		}
		if joined == 0 {
			t.Errorf("%s (%d rows): no row joins to DeviceInfo or IdentityInfo by %v", name, tb.Rows(), keys)
		}
	}
}
