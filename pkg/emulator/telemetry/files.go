package telemetry

import "strings"

// file is a file identity: executables, DLLs and documents alike. Path is the full path (Defender's
// FolderPath includes the file name).
type file struct {
	name, path           string
	sha1, sha256, md5    string
	size                 int64
	company, product     string
	version, description string
	signer               string // InitiatingProcessSignerType: OsVendor, Microsoft, ThirdParty or "" (unsigned)
}

// exe is an image spec; %U in dir is replaced by the user's profile folder name.
type exe struct {
	name, dir, company, product, version, description, signer string
	size                                                      int64
}

// Indexes into images(); the generators refer to executables by these.
const (
	iSystem = iota
	iSmss
	iWininit
	iServices
	iLsass
	iSvchost
	iExplorer
	iUserinit
	iWinlogon
	iCmd
	iPowershell
	iPwsh
	iConhost
	iRundll32
	iRegsvr32
	iMshta
	iWmic
	iVssadmin
	iBcdedit
	iSchtasks
	iTaskhostw
	iWmiPrvSE
	iMsMpEng
	iMpCmdRun
	iSenseIR
	iWuauclt
	iWhoami
	iNet
	iNltest
	iIpconfig
	iPing
	iReg
	iCertutil
	iNotepad
	iChrome
	iMsedge
	iOutlook
	iWinword
	iExcel
	iTeams
	iOneDrive
	iPsexec
	iPsexesvc
	iProcdump
	iW3wp
	iSqlservr
	iDllhost
	iSearchIndexer
	iSpoolsv
	iGpupdate
	iRobocopy
	iLocker
	iBash
	iSshd
	iCron
	iCurl
	iPython
	iSystemd
	iLaunchd
	iZsh
	iSafari
	iTeamsUpdate
	iPayload
	iRuntimeBroker
	iBackgroundTaskHost
	iSearchProtocolHost
	iSmartScreen
	iCompatTel
	iMstsc
	iWevtutil
	numImages
)

func images() [numImages]exe {
	const s32, ms, win = `C:\Windows\System32`, "Microsoft Corporation", "Microsoft® Windows® Operating System"
	var x [numImages]exe
	x[iSystem] = exe{"System", "", "", "", "", "NT Kernel & System", "OsVendor", 0}
	x[iSmss] = exe{"smss.exe", s32, ms, win, "10.0.22621.1", "Windows Session Manager", "OsVendor", 155648}
	x[iWininit] = exe{"wininit.exe", s32, ms, win, "10.0.22621.1", "Windows Start-Up Application", "OsVendor", 438272}
	x[iServices] = exe{"services.exe", s32, ms, win, "10.0.22621.2506", "Services and Controller app", "OsVendor", 720896}
	x[iLsass] = exe{"lsass.exe", s32, ms, win, "10.0.22621.2506", "Local Security Authority Process", "OsVendor", 86016}
	x[iSvchost] = exe{"svchost.exe", s32, ms, win, "10.0.22621.1", "Host Process for Windows Services", "OsVendor", 57360}
	x[iExplorer] = exe{"explorer.exe", `C:\Windows`, ms, win, "10.0.22621.2715", "Windows Explorer", "OsVendor", 5484032}
	x[iWinlogon] = exe{"winlogon.exe", s32, ms, win, "10.0.22621.2506", "Windows Logon Application", "OsVendor", 909312}
	x[iUserinit] = exe{"userinit.exe", s32, ms, win, "10.0.22621.1", "Userinit Logon Application", "OsVendor", 36864}
	x[iCmd] = exe{"cmd.exe", s32, ms, win, "10.0.22621.2506", "Windows Command Processor", "OsVendor", 339968}
	x[iPowershell] = exe{"powershell.exe", s32 + `\WindowsPowerShell\v1.0`, ms, win, "10.0.22621.1", "Windows PowerShell", "OsVendor", 454656}
	x[iPwsh] = exe{"pwsh.exe", `C:\Program Files\PowerShell\7`, ms, "PowerShell", "7.4.1.500", "pwsh", "Microsoft", 287112}
	x[iConhost] = exe{"conhost.exe", s32, ms, win, "10.0.22621.2506", "Console Window Host", "OsVendor", 1011712}
	x[iRundll32] = exe{"rundll32.exe", s32, ms, win, "10.0.22621.1", "Windows host process (Rundll32)", "OsVendor", 71680}
	x[iRegsvr32] = exe{"regsvr32.exe", s32, ms, win, "10.0.22621.1", "Microsoft(C) Register Server", "OsVendor", 25088}
	x[iMshta] = exe{"mshta.exe", s32, ms, "Internet Explorer", "11.0.22621.1", "Microsoft (R) HTML Application host", "OsVendor", 14336}
	x[iWmic] = exe{"WMIC.exe", s32 + `\wbem`, ms, win, "10.0.22621.1", "WMI Commandline Utility", "OsVendor", 517120}
	x[iVssadmin] = exe{"vssadmin.exe", s32, ms, win, "10.0.22621.1", "Command Line Interface for Microsoft® Volume Shadow Copy Service ", "OsVendor", 135168}
	x[iBcdedit] = exe{"bcdedit.exe", s32, ms, win, "10.0.22621.1", "Boot Configuration Data Editor", "OsVendor", 498688}
	x[iSchtasks] = exe{"schtasks.exe", s32, ms, win, "10.0.22621.1", "Task Scheduler Configuration Tool", "OsVendor", 235008}
	x[iTaskhostw] = exe{"taskhostw.exe", s32, ms, win, "10.0.22621.2506", "Host Process for Windows Tasks", "OsVendor", 101888}
	x[iWmiPrvSE] = exe{"WmiPrvSE.exe", s32 + `\wbem`, ms, win, "10.0.22621.1", "WMI Provider Host", "OsVendor", 495616}
	x[iMsMpEng] = exe{"MsMpEng.exe", `C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0`, ms, "Microsoft® Windows® Operating System", "4.18.24010.12", "Antimalware Service Executable", "Microsoft", 133576}
	x[iMpCmdRun] = exe{"MpCmdRun.exe", `C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0`, ms, "Microsoft® Windows® Operating System", "4.18.24010.12", "Microsoft Malware Protection Command Line Utility", "Microsoft", 1513904}
	x[iSenseIR] = exe{"SenseIR.exe", `C:\Program Files\Windows Defender Advanced Threat Protection`, ms, win, "10.8560.22621.1011", "Windows Defender Advanced Threat Protection Automated Investigation & Remediation", "Microsoft", 2719104}
	x[iWuauclt] = exe{"wuauclt.exe", s32, ms, win, "10.0.22621.2506", "Windows Update", "OsVendor", 78336}
	x[iWhoami] = exe{"whoami.exe", s32, ms, win, "10.0.22621.1", "whoami - displays logged on user information", "OsVendor", 79360}
	x[iNet] = exe{"net.exe", s32, ms, win, "10.0.22621.1", "Net Command", "OsVendor", 59904}
	x[iNltest] = exe{"nltest.exe", s32, ms, win, "10.0.22621.1", "Microsoft® Logon Server Test Utility", "OsVendor", 137216}
	x[iIpconfig] = exe{"ipconfig.exe", s32, ms, win, "10.0.22621.1", "IP Configuration Utility", "OsVendor", 35840}
	x[iPing] = exe{"PING.EXE", s32, ms, win, "10.0.22621.1", "TCP/IP Ping Command", "OsVendor", 21504}
	x[iReg] = exe{"reg.exe", s32, ms, win, "10.0.22621.1", "Registry Console Tool", "OsVendor", 78848}
	x[iCertutil] = exe{"certutil.exe", s32, ms, win, "10.0.22621.2506", "CertUtil.exe", "OsVendor", 1578496}
	x[iNotepad] = exe{"notepad.exe", s32, ms, win, "10.0.22621.1", "Notepad", "OsVendor", 201216}
	x[iChrome] = exe{"chrome.exe", `C:\Program Files\Google\Chrome\Application`, "Google LLC", "Google Chrome", "122.0.6261.112", "Google Chrome", "ThirdParty", 2802728}
	x[iMsedge] = exe{"msedge.exe", `C:\Program Files (x86)\Microsoft\Edge\Application`, ms, "Microsoft Edge", "122.0.2365.80", "Microsoft Edge", "Microsoft", 3904040}
	x[iOutlook] = exe{"OUTLOOK.EXE", `C:\Program Files\Microsoft Office\root\Office16`, ms, "Microsoft Outlook", "16.0.17328.20142", "Microsoft Outlook", "Microsoft", 43116896}
	x[iWinword] = exe{"WINWORD.EXE", `C:\Program Files\Microsoft Office\root\Office16`, ms, "Microsoft Office", "16.0.17328.20142", "Microsoft Word", "Microsoft", 1631616}
	x[iExcel] = exe{"EXCEL.EXE", `C:\Program Files\Microsoft Office\root\Office16`, ms, "Microsoft Office", "16.0.17328.20142", "Microsoft Excel", "Microsoft", 67406208}
	x[iTeams] = exe{"ms-teams.exe", `C:\Program Files\WindowsApps\MSTeams_24033.811.2738.2546_x64__8wekyb3d8bbwe`, ms, "Microsoft Teams", "24033.811.2738.2546", "Microsoft Teams", "Microsoft", 1285472}
	x[iOneDrive] = exe{"OneDrive.exe", `C:\Users\%U\AppData\Local\Microsoft\OneDrive`, ms, "Microsoft OneDrive", "24.020.0128.0003", "Microsoft OneDrive", "Microsoft", 3710800}
	x[iPsexec] = exe{"PsExec.exe", `C:\Users\%U\Downloads`, "Sysinternals - www.sysinternals.com", "Sysinternals PsExec", "2.43", "Execute processes remotely", "ThirdParty", 716176}
	x[iPsexesvc] = exe{"PSEXESVC.exe", `C:\Windows`, "Sysinternals", "Sysinternals PsExec", "2.43", "PsExec Service", "ThirdParty", 201104}
	x[iProcdump] = exe{"procdump64.exe", `C:\Windows\Temp`, "Sysinternals - www.sysinternals.com", "ProcDump", "11.0", "Sysinternals process dump utility", "ThirdParty", 424856}
	x[iW3wp] = exe{"w3wp.exe", `C:\Windows\System32\inetsrv`, ms, "Internet Information Services", "10.0.20348.1", "IIS Worker Process", "OsVendor", 31744}
	x[iSqlservr] = exe{"sqlservr.exe", `C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn`, ms, "Microsoft SQL Server", "2022.160.4105.2", "SQL Server Windows NT - 64 Bit", "Microsoft", 503376}
	x[iDllhost] = exe{"dllhost.exe", s32, ms, win, "10.0.22621.1", "COM Surrogate", "OsVendor", 21312}
	x[iSearchIndexer] = exe{"SearchIndexer.exe", s32, ms, win, "7.0.22621.2506", "Microsoft Windows Search Indexer", "OsVendor", 1031680}
	x[iSpoolsv] = exe{"spoolsv.exe", s32, ms, win, "10.0.22621.2506", "Spooler SubSystem App", "OsVendor", 944128}
	x[iGpupdate] = exe{"gpupdate.exe", s32, ms, win, "10.0.22621.1", "Microsoft® Group Policy Update Utility", "OsVendor", 30720}
	x[iRobocopy] = exe{"Robocopy.exe", s32, ms, win, "10.0.22621.1", "Microsoft Robocopy", "OsVendor", 136192}
	x[iLocker] = exe{"svcupdate.exe", `C:\ProgramData\svc`, "", "", "", "", "", 1245184}
	x[iBash] = exe{"bash", "/usr/bin", "", "", "5.1.16", "", "", 1396520}
	x[iSshd] = exe{"sshd", "/usr/sbin", "", "", "8.9p1", "", "", 921288}
	x[iCron] = exe{"cron", "/usr/sbin", "", "", "3.0", "", "", 55944}
	x[iCurl] = exe{"curl", "/usr/bin", "", "", "7.81.0", "", "", 260328}
	x[iPython] = exe{"python3.10", "/usr/bin", "", "", "3.10.12", "", "", 5912032}
	x[iSystemd] = exe{"systemd", "/usr/lib/systemd", "", "", "249", "", "", 1849992}
	x[iLaunchd] = exe{"launchd", "/sbin", "Apple Inc.", "", "", "", "", 1310720}
	x[iZsh] = exe{"zsh", "/bin", "Apple Inc.", "", "5.9", "", "", 1361200}
	x[iSafari] = exe{"Safari", "/Applications/Safari.app/Contents/MacOS", "Apple Inc.", "Safari", "17.3", "", "", 38544}
	x[iTeamsUpdate] = exe{"Update.exe", `C:\Users\%U\AppData\Local\Microsoft\Teams`, ms, "Microsoft Teams", "1.6.0.376", "Microsoft Teams Update", "Microsoft", 1949120}
	x[iPayload] = exe{"OneDriveUpdater.exe", `C:\Users\%U\AppData\Local\Temp`, "", "", "", "", "", 73802}
	x[iRuntimeBroker] = exe{"RuntimeBroker.exe", s32, ms, win, "10.0.22621.2506", "Runtime Broker", "OsVendor", 139264}
	x[iBackgroundTaskHost] = exe{"backgroundTaskHost.exe", s32, ms, win, "10.0.22621.1", "Background Task Host", "OsVendor", 31744}
	x[iSearchProtocolHost] = exe{"SearchProtocolHost.exe", s32, ms, win, "7.0.22621.2506", "Microsoft Windows Search Protocol Host", "OsVendor", 434176}
	x[iSmartScreen] = exe{"smartscreen.exe", s32, ms, win, "10.0.22621.2506", "Windows Defender SmartScreen", "OsVendor", 2641920}
	x[iCompatTel] = exe{"CompatTelRunner.exe", s32, ms, win, "10.0.22621.2506", "Microsoft Compatibility Telemetry", "OsVendor", 204288}
	x[iMstsc] = exe{"mstsc.exe", s32, ms, win, "10.0.22621.2506", "Remote Desktop Connection", "OsVendor", 1339392}
	x[iWevtutil] = exe{"wevtutil.exe", s32, ms, win, "10.0.22621.1", "Eventing Command Line Utility", "OsVendor", 229376}
	return x
}

// resolve makes a file of spec for a user profile folder (only used when the path contains %U).
func (e exe) resolve(profile string) *file {
	dir := strings.ReplaceAll(e.dir, "%U", profile)
	path := e.name
	if dir != "" {
		sep := `\`
		if strings.HasPrefix(dir, "/") {
			sep = "/"
		}
		path = dir + sep + e.name
	}
	f := &file{name: e.name, path: path, size: e.size, company: e.company, product: e.product, version: e.version, description: e.description, signer: e.signer}
	// One binary has one hash wherever it is installed.
	f.sha1, f.sha256, f.md5 = digests("image|" + e.name + "|" + e.version)
	return f
}

// dataFile is a document or dropped file identified by its path and a content key.
func dataFile(path, contentKey string, size int64) *file {
	i := strings.LastIndexAny(path, `\/`)
	f := &file{name: path[i+1:], path: path, size: size}
	f.sha1, f.sha256, f.md5 = digests("content|" + contentKey)
	return f
}
