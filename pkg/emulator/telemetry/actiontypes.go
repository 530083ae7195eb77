package telemetry

import (
	"fmt"
	"sort"
	"strings"
)

// deviceEventActionTypes are the DeviceEvents ActionType values Microsoft documents: the in-portal schema
// reference of the table, and the Defender for Endpoint feature pages that name the events their controls
// raise (attack surface reduction rules, exploit protection, network protection, controlled folder access,
// device control, App Control and AppLocker, SmartScreen, Windows Firewall, antivirus, tamper protection).
// The hunting schema document embedded in pkg/defenderschema describes columns only, so the list lives here.
// Every value is emitted at least once in the default dataset (TestEveryDocumentedDeviceEventsActionType).
func deviceEventActionTypes() []string {
	return []string{
		"AccountCheckedForBlankPassword", "AntivirusDefinitionsUpdated", "AntivirusDefinitionsUpdateFailed", "AntivirusDetection",
		"AntivirusEmergencyUpdatesInstalled", "AntivirusError", "AntivirusMalwareActionFailed",
		"AntivirusMalwareBlocked", "AntivirusReport", "AntivirusScanCancelled", "AntivirusScanCompleted", "AntivirusScanFailed",
		"AntivirusTroubleshootModeEvent",
		"AppControlAppInstallationAudited", "AppControlAppInstallationBlocked", "AppControlCodeIntegrityDriverRevoked",
		"AppControlCodeIntegrityImageAudited", "AppControlCodeIntegrityImageRevoked", "AppControlCodeIntegrityOriginAllowed",
		"AppControlCodeIntegrityOriginAudited", "AppControlCodeIntegrityOriginBlocked", "AppControlCodeIntegrityPolicyAudited",
		"AppControlCodeIntegrityPolicyBlocked", "AppControlCodeIntegrityPolicyLoaded", "AppControlCodeIntegritySigningInformation",
		"AppControlExecutableAudited", "AppControlExecutableBlocked", "AppControlPackagedAppAudited", "AppControlPackagedAppBlocked",
		"AppControlPolicyApplied", "AppControlScriptAudited", "AppControlScriptBlocked",
		"AppGuardBrowseToUrl", "AppGuardCreateContainer", "AppGuardLaunchedWithUrl", "AppGuardResumeContainer", "AppGuardStopContainer",
		"AppGuardSuspendContainer",
		"AppLockerBlockExecutable", "AppLockerBlockPackagedApp", "AppLockerBlockPackagedAppInstallation", "AppLockerBlockScript",
		"AsrAdobeReaderChildProcessAudited", "AsrAdobeReaderChildProcessBlocked", "AsrExecutableEmailContentAudited",
		"AsrExecutableEmailContentBlocked", "AsrExecutableOfficeContentAudited", "AsrExecutableOfficeContentBlocked",
		"AsrLsassCredentialTheftAudited", "AsrLsassCredentialTheftBlocked", "AsrObfuscatedScriptAudited", "AsrObfuscatedScriptBlocked",
		"AsrOfficeChildProcessAudited", "AsrOfficeChildProcessBlocked", "AsrOfficeCommAppChildProcessAudited",
		"AsrOfficeCommAppChildProcessBlocked", "AsrOfficeMacroWin32ApiCallsAudited", "AsrOfficeMacroWin32ApiCallsBlocked",
		"AsrOfficeProcessInjectionAudited", "AsrOfficeProcessInjectionBlocked", "AsrPersistenceThroughWmiAudited",
		"AsrPersistenceThroughWmiBlocked", "AsrPsexecWmiChildProcessAudited", "AsrPsexecWmiChildProcessBlocked",
		"AsrRansomwareAudited", "AsrRansomwareBlocked", "AsrScriptExecutableDownloadAudited", "AsrScriptExecutableDownloadBlocked",
		"AsrUntrustedExecutableAudited", "AsrUntrustedExecutableBlocked", "AsrUntrustedUsbProcessAudited",
		"AsrUntrustedUsbProcessBlocked", "AsrVulnerableSignedDriverAudited", "AsrVulnerableSignedDriverBlocked",
		"AuditPolicyModification", "BitLockerAuditCompleted", "BluetoothPolicyTriggered", "BrowserLaunchedToOpenUrl",
		"ControlFlowGuardViolation", "ControlledFolderAccessViolationAudited", "ControlledFolderAccessViolationBlocked",
		"CreateRemoteThreadApiCall", "CredentialsBackup", "DeviceBootAttestationInfo", "DirectoryServiceObjectCreated",
		"DirectoryServiceObjectModified", "DlpPocPrintJob", "DnsQueryRequest", "DnsQueryResponse", "DpapiAccessed", "DriverLoad",
		"ExploitGuardAcgAudited", "ExploitGuardAcgEnforced", "ExploitGuardChildProcessAudited", "ExploitGuardChildProcessBlocked",
		"ExploitGuardEafViolationAudited", "ExploitGuardEafViolationBlocked", "ExploitGuardIafViolationAudited",
		"ExploitGuardIafViolationBlocked", "ExploitGuardLowIntegrityImageAudited", "ExploitGuardLowIntegrityImageBlocked",
		"ExploitGuardNetworkProtectionAudited", "ExploitGuardNetworkProtectionBlocked", "ExploitGuardNonMicrosoftSignedAudited",
		"ExploitGuardNonMicrosoftSignedBlocked", "ExploitGuardRopExploitAudited", "ExploitGuardRopExploitBlocked",
		"ExploitGuardSharedBinaryAudited", "ExploitGuardSharedBinaryBlocked", "ExploitGuardWin32SystemCallAudited",
		"ExploitGuardWin32SystemCallBlocked",
		"FileTimestampModified", "FirewallInboundConnectionBlocked", "FirewallInboundConnectionToAppBlocked",
		"FirewallOutboundConnectionBlocked", "FirewallServiceStopped", "GetAsyncKeyStateApiCall", "GetClipboardData", "LdapSearch",
		"LogonRightsSettingEnabled", "MemoryRemoteProtect", "NamedPipeEvent", "NetworkProtectionUserBypassEvent",
		"NetworkShareObjectAccessChecked", "NetworkShareObjectAdded", "NetworkShareObjectDeleted", "NetworkShareObjectModified",
		"NtAllocateVirtualMemoryApiCall", "NtAllocateVirtualMemoryRemoteApiCall", "NtMapViewOfSectionRemoteApiCall",
		"NtProtectVirtualMemoryApiCall", "OpenProcessApiCall", "OtherAlertRelatedActivity", "PasswordChangeAttempt",
		"PnpDeviceAllowed", "PnpDeviceBlocked", "PnpDeviceConnected", "PowerShellCommand", "PrintJobBlocked",
		"ProcessCreatedUsingWmiQuery", "ProcessPrimaryTokenModified", "QueueUserApcRemoteApiCall", "ReadProcessMemoryApiCall",
		"RemoteDesktopConnection", "RemoteWmiOperation", "RemovableStorageFileEvent", "RemovableStoragePolicyTriggered",
		"SafeDocFileScan", "ScheduledTaskCreated", "ScheduledTaskDeleted", "ScheduledTaskDisabled", "ScheduledTaskEnabled",
		"ScheduledTaskUpdated", "ScreenshotTaken", "SecurityGroupCreated", "SecurityGroupDeleted", "SecurityLogCleared",
		"SensitiveFileRead", "ServiceInstalled", "SetThreadContextRemoteApiCall", "ShellLinkCreateFileEvent", "SmartScreenAppWarning",
		"SmartScreenExploitWarning", "SmartScreenUrlWarning", "SmartScreenUserOverride", "TamperingAttempt", "UntrustedWifiConnection",
		"UsbDriveDriveLetterChanged", "UsbDriveMount", "UsbDriveMounted", "UsbDriveUnmount", "UsbDriveUnmounted",
		"UserAccountAddedToLocalGroup", "UserAccountCreated", "UserAccountDeleted", "UserAccountModified",
		"UserAccountRemovedFromLocalGroup", "WmiBindEventFilterToConsumer", "WriteProcessMemoryApiCall", "WriteToLsassProcessMemory",
	}
}

// commonDeviceEvents are the DeviceEvents a healthy Windows estate raises every day, with relative weights; the
// rest of the documented types happen a few times a month (deviceEventBreadth).
func commonDeviceEvents() map[string]int {
	return map[string]int{
		"ProcessCreatedUsingWmiQuery": 4, "NamedPipeEvent": 6, "CreateRemoteThreadApiCall": 2, "ScreenshotTaken": 2, "GetClipboardData": 3,
		"LdapSearch": 3, "PnpDeviceConnected": 2, "UsbDriveMounted": 1, "ShellLinkCreateFileEvent": 4, "DpapiAccessed": 3,
		"SmartScreenUrlWarning": 1, "FirewallInboundConnectionBlocked": 4, "NtAllocateVirtualMemoryApiCall": 2,
		"ReadProcessMemoryApiCall": 2, "AntivirusDefinitionsUpdated": 3, "ExploitGuardNetworkProtectionAudited": 1,
		"AsrUntrustedExecutableAudited": 1, "AppControlCodeIntegrityPolicyAudited": 1, "DnsQueryRequest": 3, "GetAsyncKeyStateApiCall": 1,
		"NtProtectVirtualMemoryApiCall": 2, "ScheduledTaskUpdated": 1, "DriverLoad": 1, "SensitiveFileRead": 1, "FileTimestampModified": 1,
		"AccountCheckedForBlankPassword": 1, "NetworkShareObjectAccessChecked": 1, "RemoteDesktopConnection": 1,
	}
}

// weightedDeviceEvents expands commonDeviceEvents into a list to draw from, in a stable order.
func weightedDeviceEvents() []string {
	m := commonDeviceEvents()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		for i := 0; i < m[k]; i++ {
			out = append(out, k)
		}
	}
	return out
}

// deviceEventBreadth writes the day's DeviceEvents on a Windows device: the everyday ones by weight, and
// (coverage) each documented type on a few device-days of the month, so every ActionType a hunt names
// exists, each with the columns and AdditionalFields its kind carries.
func (g *generator) deviceEventBreadth(d *device, day int, common []string, all []string) {
	r := g.activity
	for i, n := 0, 3+r.IntN(5); i < n; i++ {
		ts, ok := g.c.at(r, day, d.server)
		if !ok {
			continue
		}
		g.deviceEventOf(d, ts, pick(r, common))
	}
	// Coverage: type k happens on the device-days where (k + device + day) hits the modulus, which spreads
	// every type over several devices and days of a 30-day, 100-device tenant.
	for k, a := range all {
		if (k*7+d.idx*13+day*5)%211 != 0 {
			continue
		}
		if ts, ok := g.c.at(r, day, d.server); ok {
			g.deviceEventOf(d, ts, a)
		}
	}
}

// deviceEventOf records one DeviceEvents row of action on d at ts, with the process, file, network and
// account columns that kind of event fills.
func (g *generator) deviceEventOf(d *device, ts int64, action string) {
	r := g.activity
	u := d.owner
	if d.server {
		u = g.w.helpdesk
	}
	explorer := g.sessionProc(d, ts)
	actor := d.defend
	var f *file
	var net *netInfo
	var acct *account
	add := ""
	web := pick(r, g.ep.web)
	mode := "Audited"
	if strings.HasSuffix(action, "Blocked") || strings.HasSuffix(action, "Enforced") {
		mode = "Blocked"
	}
	switch {
	case strings.HasPrefix(action, "Antivirus"):
		actor = d.defend
		f = dataFile(`C:\Users\`+u.profile+`\Downloads\FreePDFConverterSetup.exe`, "pua", 3_221_504)
		add = `{"ThreatName":"PUA:Win32/Presenoker","ReportSource":"Realtime","Signature":"1.407.568.0","EngineVersion":"1.1.24010.10"}`
		if strings.Contains(action, "Definitions") || strings.Contains(action, "Scan") || strings.Contains(action, "Emergency") || action == "AntivirusTroubleshootModeEvent" {
			f = nil
			add = `{"Signature":"1.407.568.0","EngineVersion":"1.1.24010.10","ScanTypeIndex":"Quick"}`
		}
	case strings.HasPrefix(action, "Asr"):
		rule := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(action, "Asr"), "Audited"), "Blocked")
		actor = g.spawn(d, explorer, iWinword, d.launch[iWinword], u, ts-int64(30*sec))
		f = d.images[iRundll32]
		if strings.Contains(rule, "Lsass") {
			actor = g.newProc(d, d.services, iTaskhostw, `taskhostw.exe`, g.w.system, ts-int64(mins))
			f = d.lsass.img
		}
		add = fmt.Sprintf(`{"IsAudit":%v,"RuleId":"%s","Rule":"%s"}`, mode == "Audited", guidOf("asr|"+rule), rule)
	case strings.HasPrefix(action, "ExploitGuard"):
		actor = g.spawn(d, explorer, iMsedge, d.launch[iMsedge], u, ts-int64(mins))
		if strings.Contains(action, "NetworkProtection") {
			net = &netInfo{remoteURL: "malvertising-redirect.example", remoteIP: "198.51.100.61", remotePort: 443, protocol: "Tcp"}
			add = `{"ResponseCategory":"CustomPolicy","DisplayName":"malvertising-redirect.example","IsAudit":` + fmt.Sprint(mode == "Audited") + `}`
		} else {
			f = dataFile(`C:\Users\`+u.profile+`\AppData\Local\Temp\msedge_url_fetcher_5124.dll`, "eg|"+action, 211_456)
			add = `{"IsAudit":` + fmt.Sprint(mode == "Audited") + `}`
		}
	case strings.HasPrefix(action, "AppControl"), strings.HasPrefix(action, "AppLocker"):
		actor = g.spawn(d, explorer, iCmd, `"C:\Windows\system32\cmd.exe" `, u, ts-int64(10*sec))
		f = dataFile(`C:\Users\`+u.profile+`\Downloads\portable-tool.exe`, "appcontrol|tool", 880_112)
		add = `{"PolicyName":"Contoso App Control","PolicyID":"{` + guidOf("wdac") + `}","RequestedSigningLevel":"Microsoft","ValidatedSigningLevel":"Unsigned"}`
	case strings.HasPrefix(action, "AppGuard"):
		actor = g.spawn(d, explorer, iMsedge, d.launch[iMsedge], u, ts-int64(mins))
		net = &netInfo{remoteURL: "https://" + web.url + "/", remoteIP: web.ip, remotePort: 443, protocol: "Tcp"}
	case strings.HasPrefix(action, "SmartScreen"), action == "BrowserLaunchedToOpenUrl", action == "NetworkProtectionUserBypassEvent":
		actor = g.spawn(d, explorer, iMsedge, d.launch[iMsedge], u, ts-int64(mins))
		net = &netInfo{remoteURL: "http://download-free-codecs.example/setup.exe", remoteIP: "198.51.100.88", remotePort: 80, protocol: "Tcp"}
		add = `{"Experience":"Phishing","IsUserOverride":` + fmt.Sprint(action == "SmartScreenUserOverride") + `}`
		if action == "SmartScreenAppWarning" {
			f = dataFile(`C:\Users\`+u.profile+`\Downloads\codec-pack-setup.exe`, "smartscreen-app", 1_204_224)
			add = `{"Experience":"Untrusted"}`
		}
	case strings.HasPrefix(action, "Firewall"):
		actor = d.svchost[2]
		net = &netInfo{remoteIP: "203.0.113." + itoa(int64(100+r.IntN(100))), remotePort: pick(r, []int64{135, 445, 3389, 5985}), localPort: int64(49152 + r.IntN(16000)), protocol: "Tcp", localIP: d.ip}
		add = `{"Direction":"Inbound","Profile":"Domain"}`
	case strings.HasPrefix(action, "Usb"), strings.HasPrefix(action, "Pnp"), strings.HasPrefix(action, "RemovableStorage"), action == "BluetoothPolicyTriggered":
		actor = d.svchost[0]
		add = `{"DeviceDescription":"SanDisk Ultra USB 3.0","VendorIds":"0781","ProductId":"5581","SerialNumber":"4C530001230529116431","DriveLetter":"E:","Volume":"\\??\\Volume{3f9a1c2e-0000-0000-0000-100000000000}","BusType":"USB","ClassName":"DiskDrive"}`
		if action == "RemovableStorageFileEvent" {
			f = dataFile(`E:\Backup\`+pick(r, docNames())[strings.LastIndex(pick(r, docNames()), `\`)+1:], "usb|"+d.id, 120_455)
		}
	case strings.HasPrefix(action, "ScheduledTask"):
		actor = d.svchost[1]
		add = `{"TaskName":"\\Microsoft\\Windows\\UpdateOrchestrator\\Schedule Scan","TaskContent":"<?xml version=\"1.0\"?><Task><Actions><Exec><Command>%systemroot%\\system32\\usoclient.exe</Command><Arguments>StartScan</Arguments></Exec></Actions></Task>"}`
	case strings.HasPrefix(action, "UserAccount"), strings.HasPrefix(action, "SecurityGroup"), action == "PasswordChangeAttempt", action == "AccountCheckedForBlankPassword":
		actor = d.lsass
		acct = &account{name: "contoso-local", domain: d.short, sid: "S-1-5-21-3623811015-3361044348-30300820-1002"}
		add = `{"GroupName":"Remote Desktop Users","GroupDomainName":"BUILTIN","GroupSid":"S-1-5-32-555"}`
	case strings.Contains(action, "ApiCall"), strings.HasPrefix(action, "WriteProcessMemory"), action == "MemoryRemoteProtect", action == "WriteToLsassProcessMemory":
		actor = g.spawn(d, explorer, iTeams, d.launch[iTeams], u, ts-int64(mins))
		f = d.images[iMsedge]
		if action == "OpenProcessApiCall" || strings.HasPrefix(action, "ReadProcessMemory") || action == "WriteToLsassProcessMemory" {
			actor = g.newProc(d, d.services, iSvchost, `C:\Windows\system32\svchost.exe -k LocalSystemNetworkRestricted -p -s SysMain`, g.w.system, ts-int64(mins))
			f = d.lsass.img
		}
		add = `{"DesiredAccess":4096,"ProcessId":` + itoa(d.lsass.pid) + `}`
	case action == "NamedPipeEvent":
		actor = d.svchost[0]
		add = `{"PipeName":"\\Device\\NamedPipe\\` + pick(r, []string{"srvsvc", "lsarpc", "samr", "spoolss", "wkssvc", "mojo.5124.1288.1462354897"}) + `","FileOperation":"File opened","NamedPipeEnd":"Client","ShareMode":"Read, Write"}`
	case action == "DnsQueryRequest", action == "DnsQueryResponse":
		actor = d.svchost[2]
		add = `{"DnsQueryString":"` + web.url + `","DnsQueryResult":[{"DnsQueryType":1,"IpAddress":"` + web.ip + `"}]}`
	case action == "LdapSearch":
		actor = g.spawn(d, explorer, iOutlook, d.launch[iOutlook], u, ts-int64(mins))
		add = `{"AttributeList":["objectSid","memberOf","mail"],"ScopeOfSearch":"WholeSubtree","SearchFilter":"(&(objectClass=user)(sAMAccountName=` + u.name + `))","DistinguishedName":"DC=contoso,DC=example"}`
	case action == "ProcessCreatedUsingWmiQuery", action == "RemoteWmiOperation", action == "WmiBindEventFilterToConsumer":
		actor = g.newProc(d, d.svchost[0], iWmiPrvSE, `C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding`, g.w.netSvc, ts-int64(sec))
		f = d.images[iMpCmdRun]
		add = `{"Namespace":"root\\cimv2","Consumer":"SCM Event Log Consumer","ESS":"root\\subscription"}`
	case action == "ServiceInstalled":
		actor = d.services
		f = dataFile(`C:\Program Files\Contoso\Agent\ContosoAgentSvc.exe`, "svc|agent", 1_480_112)
		add = `{"ServiceName":"ContosoAgent","ServiceAccount":"LocalSystem","ServiceStartType":2,"ServiceType":16}`
	case action == "ShellLinkCreateFileEvent":
		actor = explorer
		f = dataFile(`C:\Users\`+u.profile+`\AppData\Roaming\Microsoft\Windows\Recent\`+pick(r, []string{"Q3 forecast.xlsx", "Board update.docx", "notes.txt", "Budget 2026.xlsx"})+".lnk", "recent|"+d.id, 1_322)
		add = `{"ShellLinkRelativePath":"..\\..\\..\\..\\..\\Documents","ShellLinkIconPath":"","ShellLinkCommandLineArguments":""}`
	case action == "ScreenshotTaken", action == "GetClipboardData":
		actor = g.spawn(d, explorer, iTeams, d.launch[iTeams], u, ts-int64(mins))
	case action == "DpapiAccessed", action == "CredentialsBackup":
		actor = g.spawn(d, explorer, iChrome, d.launch[iChrome], u, ts-int64(mins))
		add = `{"DataDescription":"Google Chrome","OperationType":"SPCryptUnprotect"}`
	case action == "SecurityLogCleared", action == "AuditPolicyModification", action == "TamperingAttempt", action == "FirewallServiceStopped":
		actor = d.svchost[0]
		add = `{"TamperingAction":"RegistryModification","Status":"Blocked","Target":"HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Real-Time Protection\\DisableRealtimeMonitoring"}`
	case strings.HasPrefix(action, "NetworkShareObject"):
		actor = &proc{img: d.images[iSystem], pid: 4, created: d.bootTime, acct: g.w.system}
		add = `{"ShareName":"Shares","SharePath":"D:\\Shares","AccessMask":"0x1"}`
		acct = u
	case action == "ControlledFolderAccessViolationAudited", action == "ControlledFolderAccessViolationBlocked", action == "SensitiveFileRead", action == "FileTimestampModified", action == "SafeDocFileScan":
		actor = g.spawn(d, explorer, iNotepad, `"C:\Windows\system32\notepad.exe"`, u, ts-int64(mins))
		f = d.docs[r.IntN(len(d.docs))]
	case action == "DriverLoad":
		actor = &proc{img: d.images[iSystem], pid: 4, created: d.bootTime, acct: g.w.system}
		f = dataFile(`C:\Windows\System32\drivers\e1d68x64.sys`, "driver|e1d", 617_432)
	case action == "PowerShellCommand":
		actor = g.newProc(d, d.svchost[1], iPowershell, g.cl.inventoryPS, g.w.system, ts-int64(sec))
		add = `{"Command":"Get-CimInstance"}`
	case action == "RemoteDesktopConnection", action == "UntrustedWifiConnection":
		actor = d.svchost[2]
		net = &netInfo{remoteIP: g.w.clients()[r.IntN(len(g.w.clients()))].ip, remotePort: 3389, protocol: "Tcp"}
	}
	g.devEvent(d, actor, ts, action, func(rw *row) {
		rw.file, rw.additional = f, add
		if acct != nil {
			rw.acct = acct
		}
		if net != nil {
			g.net = *net
			g.net.localIP = d.ip
			g.net.remoteType = ipType(net.remoteIP)
			rw.net = &g.net
		}
	})
}
