package telemetry

import (
	"hash/fnv"
	"strings"
)

// The enterprise baseline's software: the programs a managed Windows estate (and its few Linux and macOS
// machines) starts in a month, each with how it is started (parent), by whom, on which machines and how
// often, and the command lines it really runs with. Hunting queries are mostly about these programs, so
// they have to exist, with realistic parents, signers and versions, before a hunt can tell the odd one out.

// parentKind is the process that starts a tool.
type parentKind uint8

const (
	pExplorer   parentKind = iota // the user's shell
	pCmd                          // a command prompt opened from the shell (or the admin's session)
	pPowerShell                   // a PowerShell console opened from the shell
	pServices                     // the service control manager (a service starting)
	pSvchost                      // the DCOM launcher svchost (COM activation, brokers)
	pSchedule                     // the Task Scheduler's svchost (scheduled tasks)
	pMsiexec                      // the Windows Installer service (installs and updates)
	pSystemd                      // Linux init
	pShell                        // a Linux or macOS login shell
	pLaunchd                      // macOS launchd
)

// whoKind is the account a tool runs as.
type whoKind uint8

const (
	wUser     whoKind = iota // the machine's owner (servers: the admin)
	wSystem                  // NT AUTHORITY\SYSTEM or root
	wNetSvc                  // NT AUTHORITY\NETWORK SERVICE
	wLocalSvc                // NT AUTHORITY\LOCAL SERVICE
	wAdmin                   // the helpdesk administrator
)

// placeKind is where a tool runs.
type placeKind uint8

const (
	onWS    placeKind = iota // Windows workstations
	onSrv                    // Windows servers
	onWin                    // every Windows machine
	onDC                     // domain controllers
	onSQL                    // SQL servers
	onWeb                    // web servers
	onFile                   // file servers
	onLinux                  // Linux servers
	onMac                    // macOS workstations
)

// peer is who a tool talks to: a public endpoint, or one of the organisation's servers by role ("@dc",
// "@file", "@sql", "@web", "@linux").
type peer struct {
	host, ip string
	port     int64
	proto    string // Tcp or Udp
}

// tool is one program of the baseline.
type tool struct {
	spec   exe
	parent parentKind
	who    whoKind
	on     placeKind
	weight int
	// cmds are command lines; %U is the owner's profile folder, %F/%Q/%C the file, SQL and
	// domain controller FQDNs.
	cmds []string
	net  []peer
}

const (
	s32    = `C:\Windows\System32`
	msCorp = "Microsoft Corporation"
	winOS  = "Microsoft® Windows® Operating System"
)

// sizeOf gives a stable, plausible image size for a program without a documented one.
func sizeOf(name string) int64 {
	h := fnv.New32a()
	h.Write([]byte(name))
	return 24_576 + int64(h.Sum32()%3_500_000)
}

func sysExe(name, desc string) exe {
	return exe{name, s32, msCorp, winOS, "10.0.22621.2506", desc, "OsVendor", sizeOf(name)}
}

func dirExe(name, dir, company, product, version, desc, signer string) exe {
	return exe{name, dir, company, product, version, desc, signer, sizeOf(name)}
}

func tl(spec exe, parent parentKind, who whoKind, on placeKind, weight int, cmds ...string) tool {
	return tool{spec: spec, parent: parent, who: who, on: on, weight: weight, cmds: cmds}
}

func (t tool) talks(p ...peer) tool { t.net = p; return t }

func tcp(host, ip string, port int64) peer { return peer{host, ip, port, "Tcp"} }

// baselineTools is the software catalog. Weights are relative daily frequency on a machine of the kind.
func baselineTools() []tool {
	dc, file, sql := peer{"@dc", "", 0, "Tcp"}, peer{"@file", "", 445, "Tcp"}, peer{"@sql", "", 1433, "Tcp"}
	ldap, kerb, dns := dc, dc, dc
	ldap.port, kerb.port, dns.port, dns.proto = 389, 88, 53, "Udp"
	winrm := peer{"@srv", "", 5985, "Tcp"}
	rdp := peer{"@srv", "", 3389, "Tcp"}
	ssh := peer{"@linux", "", 22, "Tcp"}
	pf, pf86, local := `C:\Program Files`, `C:\Program Files (x86)`, `C:\Users\%U\AppData\Local`
	office := pf + `\Microsoft Office\root\Office16`
	sysint := "Sysinternals - www.sysinternals.com"
	return []tool{
		// Command-line utilities admins and power users run from a prompt.
		tl(sysExe("arp.exe", "TCP/IP Arp Command"), pCmd, wUser, onWin, 2, "arp -a"),
		tl(sysExe("attrib.exe", "Attribute Utility"), pCmd, wUser, onWin, 2, `attrib -r "C:\Users\%U\Documents\*.*" /s`, `attrib +h C:\ProgramData\Contoso`),
		tl(sysExe("auditpol.exe", "Audit Policy Program"), pCmd, wAdmin, onSrv, 1, "auditpol /get /category:*"),
		tl(sysExe("bitsadmin.exe", "BITS administration utility"), pCmd, wAdmin, onWin, 1, "bitsadmin /list /allusers /verbose", `bitsadmin /transfer ContosoAgent /download /priority normal https://deploy.contoso.example/agent/agent-3.2.msi C:\Windows\Temp\agent-3.2.msi`).talks(tcp("deploy.contoso.example", "203.0.113.81", 443)),
		tl(sysExe("icacls.exe", "Icacls"), pCmd, wAdmin, onWin, 2, `icacls "D:\Shares\Finance" /grant "CONTOSO\Finance:(OI)(CI)M"`, `icacls C:\ProgramData\Contoso /reset /T`),
		tl(sysExe("certreq.exe", "CertReq.exe"), pCmd, wAdmin, onSrv, 1, `certreq -submit -config "srv-dc01.contoso.example\Contoso-CA" C:\Windows\Temp\web.req C:\Windows\Temp\web.cer`),
		tl(dirExe("chcp.com", s32, msCorp, winOS, "10.0.22621.1", "Change CodePage Utility", "OsVendor"), pCmd, wUser, onWin, 1, "chcp 65001"),
		tl(sysExe("cipher.exe", "File Encryption Utility"), pCmd, wUser, onWS, 1, `cipher /c "C:\Users\%U\Documents\Contract draft.docx"`),
		tl(sysExe("cleanmgr.exe", "Disk Space Cleanup Manager for Windows"), pSchedule, wSystem, onWin, 1, "cleanmgr.exe /autoclean /d C:"),
		tl(sysExe("cmdkey.exe", "Credential Manager Command Line Utility"), pCmd, wUser, onWS, 1, "cmdkey /list"),
		tl(sysExe("control.exe", "Windows Control Panel"), pExplorer, wUser, onWS, 3, `"C:\Windows\system32\control.exe" /name Microsoft.ProgramsAndFeatures`, `"C:\Windows\System32\control.exe" mmsys.cpl,,0`),
		tl(sysExe("cscript.exe", "Microsoft ® Console Based Script Host"), pCmd, wAdmin, onWin, 2, `cscript.exe //nologo C:\Windows\System32\slmgr.vbs /dli`, `cscript.exe //nologo "C:\Program Files\Microsoft Office\Office16\OSPP.VBS" /dstatus`),
		tl(sysExe("wscript.exe", "Microsoft ® Windows Based Script Host"), pExplorer, wUser, onWS, 3, `"C:\Windows\System32\WScript.exe" "\\contoso.example\NETLOGON\map-drives.vbs"`).talks(file),
		tl(sysExe("defrag.exe", "Disk Defragmenter Module"), pSchedule, wSystem, onWin, 1, "defrag.exe -c -h -o -$"),
		tl(sysExe("Dism.exe", "Dism Image Servicing Utility"), pCmd, wAdmin, onWin, 1, "dism /online /get-packages /format:table", "DISM.exe /Online /Cleanup-Image /RestoreHealth"),
		tl(sysExe("DismHost.exe", "Dism Host Servicing Process"), pSvchost, wSystem, onWin, 1, `C:\Windows\TEMP\5E7C1A3B-0D2F-4A51-9C3E-2B1D8F6A7C90\dismhost.exe {8E2B5F1A-7C3D-4E9B-A6F0-1D2C3B4A5E6F}`),
		tl(sysExe("driverquery.exe", "DriverQuery"), pCmd, wAdmin, onWin, 1, "driverquery /v /fo csv"),
		tl(sysExe("dsregcmd.exe", "DSREG commandline tool"), pCmd, wUser, onWS, 2, "dsregcmd /status"),
		tl(sysExe("eventvwr.exe", "Event Viewer Snapin Launcher"), pExplorer, wAdmin, onSrv, 2, `"C:\Windows\system32\eventvwr.exe" /s`),
		tl(sysExe("expand.exe", "LZ Expansion Utility"), pMsiexec, wSystem, onWin, 1, `expand -F:* C:\Windows\SoftwareDistribution\Download\windows10.0-kb5034441.cab C:\Windows\Temp\kb5034441`),
		tl(sysExe("findstr.exe", "Find String (QGREP) Utility"), pCmd, wAdmin, onWin, 2, `findstr /i "error" C:\Windows\Logs\CBS\CBS.log`),
		tl(sysExe("find.exe", "Find String (grep) Utility"), pCmd, wUser, onWin, 1, `find /c /v "" C:\Users\%U\Documents\export.csv`),
		tl(sysExe("fsutil.exe", "File System Utility"), pCmd, wAdmin, onWin, 1, "fsutil fsinfo drives", "fsutil volume diskfree C:"),
		tl(sysExe("getmac.exe", "Displays NIC MAC information"), pCmd, wUser, onWS, 1, "getmac /v"),
		tl(sysExe("gpresult.exe", "Query Group Policy RSOP Data"), pCmd, wUser, onWin, 2, "gpresult /r", `gpresult /h C:\Users\%U\Desktop\gp.html /f`),
		tl(sysExe("HOSTNAME.EXE", "Hostname APP"), pCmd, wUser, onWin, 2, "hostname"),
		tl(sysExe("klist.exe", "Kerberos List Commandline Tool"), pCmd, wUser, onWin, 1, "klist", "klist purge").talks(kerb),
		tl(sysExe("logman.exe", "Performance Monitor Command Line Utility"), pSchedule, wSystem, onSrv, 1, `logman start "Contoso Baseline" -ets`),
		tl(sysExe("makecab.exe", "Windows Cabinet Maker"), pSvchost, wSystem, onWin, 1, `makecab.exe /D CompressionType=LZX C:\Windows\Logs\CBS\CbsPersist_20260301.log C:\Windows\Logs\CBS\CbsPersist_20260301.cab`),
		tl(sysExe("manage-bde.exe", "BitLocker Drive Encryption: Configuration Tool"), pCmd, wAdmin, onWS, 1, "manage-bde -status C:"),
		tl(sysExe("mmc.exe", "Microsoft Management Console"), pExplorer, wAdmin, onSrv, 3, `"C:\Windows\system32\mmc.exe" "C:\Windows\system32\compmgmt.msc" /s`, `"C:\Windows\system32\mmc.exe" "C:\Windows\system32\dsa.msc"`, `"C:\Windows\system32\mmc.exe" "C:\Windows\system32\services.msc"`),
		tl(sysExe("mountvol.exe", "Creates, deletes and lists volume mount points."), pCmd, wAdmin, onSrv, 1, "mountvol"),
		tl(sysExe("msiexec.exe", "Windows® installer"), pServices, wSystem, onWin, 3, `C:\Windows\system32\msiexec.exe /V`, `C:\Windows\System32\MsiExec.exe -Embedding 5C1E7A3D9B2F4E6A8C0D1B3F5A7E9C2D E Global\MSI0000`),
		tl(sysExe("mspaint.exe", "Paint"), pExplorer, wUser, onWS, 1, `"C:\Windows\system32\mspaint.exe"`),
		tl(sysExe("msinfo32.exe", "System Information"), pExplorer, wUser, onWS, 1, `"C:\Windows\system32\msinfo32.exe"`),
		tl(sysExe("nbtstat.exe", "TCP/IP NetBios Information"), pCmd, wAdmin, onWin, 1, "nbtstat -n"),
		tl(sysExe("net1.exe", "Net Command"), pCmd, wUser, onWin, 2, "net1 use", `net1 use Z: \\srv-file01.contoso.example\Shares /persistent:yes`).talks(file),
		tl(sysExe("netsh.exe", "Network Command Shell"), pCmd, wAdmin, onWin, 2, "netsh advfirewall show allprofiles", "netsh interface ipv4 show config", "netsh wlan show interfaces"),
		tl(sysExe("NETSTAT.EXE", "TCP/IP Netstat Command"), pCmd, wAdmin, onWin, 2, "netstat -ano", "netstat -abno"),
		tl(sysExe("nslookup.exe", "nslookup"), pCmd, wUser, onWin, 2, "nslookup srv-file01.contoso.example", "nslookup -type=SRV _ldap._tcp.dc._msdcs.contoso.example").talks(dns),
		tl(sysExe("PATHPING.EXE", "TCP/IP PathPing Command"), pCmd, wAdmin, onWin, 1, "pathping -n outlook.office365.com"),
		tl(sysExe("pnputil.exe", "Microsoft PnP Utility"), pCmd, wAdmin, onWin, 1, "pnputil /enum-drivers"),
		tl(sysExe("powercfg.exe", "Power Settings Command-Line Tool"), pCmd, wUser, onWS, 1, `powercfg /batteryreport /output C:\Users\%U\battery-report.html`),
		tl(sysExe("quser.exe", "Query User Utility"), pCmd, wAdmin, onSrv, 2, "quser"),
		tl(sysExe("query.exe", "Query Utility"), pCmd, wAdmin, onSrv, 1, "query session"),
		tl(sysExe("ReAgentc.exe", "Microsoft Windows Recovery Agent Configuration Utility"), pCmd, wAdmin, onWS, 1, "reagentc /info"),
		tl(dirExe("regedit.exe", `C:\Windows`, msCorp, winOS, "10.0.22621.1", "Registry Editor", "OsVendor"), pExplorer, wAdmin, onWin, 1, `"C:\Windows\regedit.exe"`),
		tl(sysExe("resmon.exe", "Resource and Performance Monitor"), pExplorer, wAdmin, onSrv, 1, `"C:\Windows\system32\resmon.exe"`),
		tl(sysExe("ROUTE.EXE", "TCP/IP Route Command"), pCmd, wAdmin, onWin, 1, "route print"),
		tl(sysExe("runas.exe", "Run As Utility"), pCmd, wUser, onWS, 1, `runas /user:CONTOSO\helpdesk "mmc.exe compmgmt.msc"`),
		tl(sysExe("sc.exe", "Service Control Manager Configuration Tool"), pCmd, wAdmin, onWin, 3, "sc query wuauserv", "sc queryex type= service state= all", `sc config "Spooler" start= disabled`, `sc qc WinDefend`),
		tl(sysExe("SecEdit.exe", "Windows Security Configuration Editor Command Tool"), pCmd, wAdmin, onSrv, 1, `secedit /export /cfg C:\Windows\Temp\secpol.cfg`),
		tl(sysExe("setx.exe", "Setx - Sets environment variables"), pCmd, wUser, onWS, 1, `setx PATH "%PATH%;C:\Users\%U\AppData\Local\Programs\Python\Python312"`),
		tl(sysExe("sfc.exe", "Windows Resource Checker"), pCmd, wAdmin, onWin, 1, "sfc /scannow"),
		tl(sysExe("shutdown.exe", "Windows Shutdown and Annotation Tool"), pSchedule, wSystem, onWin, 1, `shutdown.exe /r /t 600 /c "Contoso maintenance reboot" /d p:4:1`),
		tl(sysExe("SnippingTool.exe", "Snipping Tool"), pExplorer, wUser, onWS, 2, `"C:\Windows\system32\SnippingTool.exe"`),
		tl(sysExe("sort.exe", "Sort Utility"), pCmd, wUser, onWin, 1, "sort"),
		tl(sysExe("systeminfo.exe", "Displays system information"), pCmd, wAdmin, onWin, 2, "systeminfo", "systeminfo /fo csv"),
		tl(sysExe("takeown.exe", "Takes ownership of a file"), pCmd, wAdmin, onSrv, 1, `takeown /f D:\Shares\Legal\archive /r /d y`),
		tl(sysExe("tar.exe", "BSD tar archive tool"), pCmd, wUser, onWS, 1, `tar -xf C:\Users\%U\Downloads\logs.zip -C C:\Users\%U\Documents\logs`),
		tl(sysExe("taskkill.exe", "Terminates Processes"), pCmd, wUser, onWin, 2, "taskkill /IM ms-teams.exe /F", "taskkill /PID 4820 /T"),
		tl(sysExe("tasklist.exe", "Lists the current running tasks"), pCmd, wUser, onWin, 2, "tasklist /v", `tasklist /svc /fi "imagename eq svchost.exe"`),
		tl(sysExe("Taskmgr.exe", "Task Manager"), pExplorer, wUser, onWin, 4, `"C:\Windows\system32\taskmgr.exe" /4`),
		tl(sysExe("timeout.exe", "timeout - pauses command processing"), pCmd, wSystem, onWin, 1, "timeout /t 30 /nobreak"),
		tl(sysExe("TRACERT.EXE", "TCP/IP Traceroute Command"), pCmd, wAdmin, onWin, 1, "tracert -d 8.8.8.8"),
		tl(sysExe("tzutil.exe", "Windows Time Zone Utility"), pCmd, wUser, onWS, 1, "tzutil /g"),
		tl(sysExe("w32tm.exe", "Time Service Diagnostic Tool"), pCmd, wAdmin, onWin, 1, "w32tm /query /status", "w32tm /resync").talks(peer{"@dc", "", 123, "Udp"}),
		tl(sysExe("wbadmin.exe", "Command Line Interface for Microsoft® BLB Backup"), pSchedule, wSystem, onSrv, 1, "wbadmin get versions", "wbadmin start backup -backupTarget:\\\\srv-file01\\Backups -include:C: -allCritical -quiet"),
		tl(sysExe("where.exe", "Lists location of files"), pCmd, wUser, onWS, 1, "where python", "where git"),
		tl(sysExe("winrs.exe", "Windows Remote Shell"), pCmd, wAdmin, onWin, 1, `winrs -r:srv-app01.contoso.example "ipconfig /all"`).talks(winrm),
		tl(sysExe("xcopy.exe", "Extended Copy Utility"), pCmd, wUser, onWin, 2, `xcopy "C:\Users\%U\Documents\Reports" "\\srv-file01.contoso.example\Shares\Reports" /E /I /Y`).talks(file),
		tl(sysExe("curl.exe", "curl executable"), pCmd, wUser, onWin, 2, "curl.exe -sI https://www.contoso.example/", "curl.exe -o NUL https://aka.ms/"),
		tl(dirExe("ssh.exe", s32+`\OpenSSH`, msCorp, "OpenSSH for Windows", "8.1.0.1", "OpenSSH SSH client", "OsVendor"), pCmd, wAdmin, onWin, 2, "ssh azureuser@srv-linux01.contoso.example", "ssh -i C:\\Users\\%U\\.ssh\\id_ed25519 azureuser@srv-linux01.contoso.example uptime").talks(ssh),
		tl(dirExe("scp.exe", s32+`\OpenSSH`, msCorp, "OpenSSH for Windows", "8.1.0.1", "OpenSSH SCP client", "OsVendor"), pCmd, wAdmin, onWin, 1, `scp C:\Users\%U\deploy\app.tar.gz azureuser@srv-linux01.contoso.example:/tmp/`).talks(ssh),
		tl(sysExe("esentutl.exe", "Extensible Storage Engine Utilities for Microsoft(R) Windows NT(TM)"), pSchedule, wSystem, onWin, 1, `esentutl.exe /d C:\Windows\SoftwareDistribution\DataStore\DataStore.edb`),
		tl(sysExe("wusa.exe", "Windows Update Standalone Installer"), pCmd, wAdmin, onWin, 1, `wusa.exe C:\Windows\Temp\windows10.0-kb5034441-x64.msu /quiet /norestart`),
		tl(sysExe("forfiles.exe", "ForFiles - Executes a command on selected files"), pSchedule, wSystem, onSrv, 1, `forfiles /p "C:\inetpub\logs\LogFiles" /s /m *.log /d -30 /c "cmd /c del @path"`),
		tl(sysExe("robocopy.exe", "Microsoft Robocopy"), pSchedule, wSystem, onFile, 2, `robocopy D:\Shares \\srv-file02.contoso.example\Replica /MIR /R:1 /W:1 /LOG:C:\Logs\robocopy.log`),
		tl(sysExe("cacls.exe", "Control ACLs Program"), pCmd, wAdmin, onSrv, 1, `cacls D:\Shares\HR`),
		tl(sysExe("choice.exe", "Offers the user a choice"), pCmd, wUser, onWin, 1, "choice /t 5 /d y"),
		tl(sysExe("clip.exe", "Copies the data into clipboard"), pCmd, wUser, onWS, 1, "clip"),
		tl(sysExe("compact.exe", "Compact Utility"), pCmd, wAdmin, onSrv, 1, `compact /c /s:C:\Logs`),
		tl(sysExe("diskpart.exe", "DiskPart"), pCmd, wAdmin, onSrv, 1, `diskpart /s C:\Windows\Temp\extend.txt`),
		tl(sysExe("msdt.exe", "Diagnostics Troubleshooting Wizard"), pExplorer, wUser, onWS, 1, `"C:\Windows\system32\msdt.exe" -id NetworkDiagnosticsWeb`),
		tl(sysExe("msra.exe", "Windows Remote Assistance"), pExplorer, wAdmin, onWS, 1, `"C:\Windows\system32\msra.exe" /offerRA ws-fin-012.contoso.example`),
		tl(sysExe("odbcad32.exe", "Microsoft ODBC Data Source Administrator"), pExplorer, wUser, onWS, 1, `"C:\Windows\system32\odbcad32.exe"`),
		tl(sysExe("perfmon.exe", "Resource and Performance Monitor"), pExplorer, wAdmin, onSrv, 1, `"C:\Windows\system32\perfmon.exe"`),
		tl(sysExe("wevtutil.exe", "Eventing Command Line Utility"), pCmd, wAdmin, onWin, 2, `wevtutil qe System /c:20 /rd:true /f:text`, `wevtutil epl Security C:\Windows\Temp\security.evtx`, `wevtutil gl Application`),
		tl(sysExe("vssadmin.exe", "Command Line Interface for Microsoft® Volume Shadow Copy Service "), pCmd, wAdmin, onSrv, 1, "vssadmin list shadows", "vssadmin list writers"),
		tl(sysExe("bcdedit.exe", "Boot Configuration Data Editor"), pCmd, wAdmin, onWin, 1, "bcdedit /enum"),
		tl(dirExe("WMIC.exe", s32+`\wbem`, msCorp, winOS, "10.0.22621.1", "WMI Commandline Utility", "OsVendor"), pCmd, wAdmin, onWin, 2, "wmic qfe list brief", "wmic logicaldisk get size,freespace,caption", "wmic os get caption,version,lastbootuptime"),
		tl(sysExe("schtasks.exe", "Task Scheduler Configuration Tool"), pCmd, wAdmin, onWin, 2, "schtasks /query /fo LIST /v", `schtasks /run /tn "\Contoso\Inventory"`),
		tl(sysExe("reg.exe", "Registry Console Tool"), pCmd, wAdmin, onWin, 2, `reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v CurrentBuild`, `reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU" /v NoAutoRebootWithLoggedOnUsers /t REG_DWORD /d 1 /f`),
		tl(sysExe("nltest.exe", "Microsoft® Logon Server Test Utility"), pCmd, wAdmin, onWin, 1, "nltest /sc_query:contoso.example", "nltest /dsgetdc:contoso.example").talks(ldap),
		tl(sysExe("net.exe", "Net Command"), pCmd, wAdmin, onWin, 2, "net localgroup administrators", `net user helpdesk /domain`, "net time \\\\srv-dc01.contoso.example", "net view \\\\srv-file01.contoso.example").talks(file),
		tl(sysExe("ipconfig.exe", "IP Configuration Utility"), pCmd, wUser, onWin, 2, "ipconfig /all", "ipconfig /renew", "ipconfig /displaydns"),
		tl(sysExe("rundll32.exe", "Windows host process (Rundll32)"), pExplorer, wUser, onWS, 3, `"C:\Windows\system32\rundll32.exe" C:\Windows\system32\shell32.dll,Control_RunDLL C:\Windows\system32\desk.cpl`, `"C:\Windows\System32\rundll32.exe" C:\Windows\System32\printui.dll,PrintUIEntry /in /n\\srv-file01.contoso.example\Floor2-HP`, `rundll32.exe C:\Windows\system32\inetcpl.cpl,ClearMyTracksByProcess 255`),
		tl(sysExe("regsvr32.exe", "Microsoft(C) Register Server"), pMsiexec, wSystem, onWin, 1, `regsvr32.exe /s "C:\Program Files\Common Files\microsoft shared\VSTO\10.0\VSTOEE.dll"`, `"C:\Windows\system32\regsvr32.exe" /s /n /i:user "C:\Program Files\Microsoft Office\root\Office16\MSOSB.DLL"`),
		tl(sysExe("mshta.exe", "Microsoft (R) HTML Application host"), pExplorer, wUser, onWS, 1, `"C:\Windows\SysWOW64\mshta.exe" "\\contoso.example\NETLOGON\welcome.hta"`),
		tl(sysExe("certutil.exe", "CertUtil.exe"), pCmd, wAdmin, onWin, 2, "certutil -store My", `certutil -hashfile C:\Users\%U\Downloads\zoom-installer.exe SHA256`, "certutil -verifystore Root", "certutil -pulse"),
		// Windows components that services, COM and the shell start all day.
		tl(sysExe("SearchFilterHost.exe", "Microsoft Windows Search Filter Host"), pSvchost, wSystem, onWin, 4, `"C:\Windows\system32\SearchFilterHost.exe" 0 832 836 844 8192 840 816`),
		tl(sysExe("audiodg.exe", "Windows Audio Device Graph Isolation "), pSvchost, wNetSvc, onWS, 3, `C:\Windows\system32\AUDIODG.EXE 0x4c4`),
		tl(sysExe("ctfmon.exe", "CTF Loader"), pSvchost, wUser, onWS, 2, `"ctfmon.exe"`),
		tl(sysExe("sihost.exe", "Shell Infrastructure Host"), pSvchost, wUser, onWS, 2, `sihost.exe`),
		tl(dirExe("ShellExperienceHost.exe", `C:\Windows\SystemApps\ShellExperienceHost_cw5n1h2txyewy`, msCorp, winOS, "10.0.22621.2506", "Windows Shell Experience Host", "OsVendor"), pSvchost, wUser, onWS, 2, `"C:\Windows\SystemApps\ShellExperienceHost_cw5n1h2txyewy\ShellExperienceHost.exe" -ServerName:App.AppXtk181tbxbce2qsex02s8tw7hfxa9xb3t.mca`),
		tl(dirExe("StartMenuExperienceHost.exe", `C:\Windows\SystemApps\Microsoft.Windows.StartMenuExperienceHost_cw5n1h2txyewy`, msCorp, winOS, "10.0.22621.2506", "Windows Start Experience Host", "OsVendor"), pSvchost, wUser, onWS, 2, `"C:\Windows\SystemApps\Microsoft.Windows.StartMenuExperienceHost_cw5n1h2txyewy\StartMenuExperienceHost.exe" -ServerName:App.AppXywbrabmsek0gm3tkwpr5kwzbs55tkqay.mca`),
		tl(dirExe("SearchHost.exe", `C:\Windows\SystemApps\MicrosoftWindows.Client.CBS_cw5n1h2txyewy`, msCorp, winOS, "2124.33803.0.0", "Search application", "OsVendor"), pSvchost, wUser, onWS, 3, `"C:\Windows\SystemApps\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\SearchHost.exe" -ServerName:CortanaUI.AppX8z9r6jm96hw4bsbneegw0kyxx296wr9t.mca`),
		tl(dirExe("TextInputHost.exe", `C:\Windows\SystemApps\MicrosoftWindows.Client.CBS_cw5n1h2txyewy`, msCorp, winOS, "2124.33803.0.0", "Text Input Host", "OsVendor"), pSvchost, wUser, onWS, 2, `"C:\Windows\SystemApps\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\TextInputHost.exe" -ServerName:InputApp.AppXjd5de1g66v206tj52m9d0dtpppx4cgpn.mca`),
		tl(dirExe("LockApp.exe", `C:\Windows\SystemApps\Microsoft.LockApp_cw5n1h2txyewy`, msCorp, winOS, "10.0.22621.2506", "LockApp.exe", "OsVendor"), pSvchost, wUser, onWS, 2, `"C:\Windows\SystemApps\Microsoft.LockApp_cw5n1h2txyewy\LockApp.exe" -ServerName:WindowsDefaultLockScreen.AppX7y4nbzq37zn4ks9k7amqjywdat7d3j2z.mca`),
		tl(sysExe("ApplicationFrameHost.exe", "Application Frame Host"), pSvchost, wUser, onWS, 2, `C:\Windows\system32\ApplicationFrameHost.exe -Embedding`),
		tl(dirExe("SystemSettings.exe", `C:\Windows\ImmersiveControlPanel`, msCorp, winOS, "10.0.22621.2506", "Settings", "OsVendor"), pSvchost, wUser, onWS, 2, `"C:\Windows\ImmersiveControlPanel\SystemSettings.exe" -ServerName:microsoft.windows.immersivecontrolpanel`),
		tl(sysExe("SecurityHealthService.exe", "Windows Security Health Service"), pServices, wSystem, onWin, 1, `C:\Windows\system32\SecurityHealthService.exe`),
		tl(sysExe("SecurityHealthSystray.exe", "Windows Security notification icon"), pExplorer, wUser, onWS, 1, `"C:\Windows\System32\SecurityHealthSystray.exe"`),
		tl(sysExe("SgrmBroker.exe", "System Guard Runtime Monitor Broker Service"), pServices, wSystem, onWin, 1, `C:\Windows\system32\SgrmBroker.exe`),
		tl(sysExe("WUDFHost.exe", "Windows Driver Foundation - User-mode Driver Framework Host Process"), pServices, wLocalSvc, onWS, 1, `"C:\Windows\System32\WUDFHost.exe" -HostGUID:{193a1820-d9ac-4997-8c55-be817523f6aa} -IoEventPortName:\UMDFCommunicationPorts\WUDF\HostProcess-8c2e6f1a -SystemEventPortName:\UMDFCommunicationPorts\WUDF\HostProcess-0d4b7c93`),
		tl(sysExe("dasHost.exe", "Device Association Framework Provider Host"), pSvchost, wSystem, onWS, 1, `dashost.exe {6c9bd1a4-3b52-4b8f-9a1e-1c6f4d0e2a77}`),
		tl(dirExe("unsecapp.exe", s32+`\wbem`, msCorp, winOS, "10.0.22621.1", "Sink to receive asynchronous callbacks for WMI client application", "OsVendor"), pSvchost, wSystem, onWin, 1, `C:\Windows\system32\wbem\unsecapp.exe -Embedding`),
		tl(dirExe("WmiApSrv.exe", s32+`\wbem`, msCorp, winOS, "10.0.22621.1", "WMI Performance Reverse Adapter", "OsVendor"), pServices, wSystem, onSrv, 1, `C:\Windows\system32\wbem\WmiApSrv.exe`),
		tl(sysExe("msdtc.exe", "Microsoft Distributed Transaction Coordinator Service"), pServices, wNetSvc, onSrv, 1, `C:\Windows\System32\msdtc.exe`),
		tl(sysExe("wermgr.exe", "Windows Problem Reporting"), pSchedule, wSystem, onWin, 2, `C:\Windows\system32\wermgr.exe -upload`, `C:\Windows\system32\wermgr.exe -outqueue 0 -queuereporting`).talks(tcp("watson.events.data.microsoft.com", "20.42.65.89", 443)),
		tl(sysExe("WerFault.exe", "Windows Problem Reporting"), pExplorer, wUser, onWin, 2, `C:\Windows\system32\WerFault.exe -u -p 7312 -s 1104`, `C:\Windows\system32\WerFault.exe -pss -s 480 -p 5236 -ip 5212`),
		tl(sysExe("MoUsoCoreWorker.exe", "MoUSO Core Worker Process"), pSvchost, wSystem, onWin, 3, `C:\Windows\System32\MoUsoCoreWorker.exe -Embedding`).talks(tcp("fe3cr.delivery.mp.microsoft.com", "20.72.235.82", 443)),
		tl(sysExe("usocoreworker.exe", "USO Core Worker Process"), pSvchost, wSystem, onWin, 1, `C:\Windows\System32\usocoreworker.exe -Embedding`),
		tl(sysExe("UsoClient.exe", "UsoClient"), pSchedule, wSystem, onWin, 2, `C:\Windows\system32\usoclient.exe StartScan`, `C:\Windows\system32\usoclient.exe StartDownload`),
		tl(dirExe("TiWorker.exe", `C:\Windows\WinSxS\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.22621.3072_none_7f0eef3b5a2a1bb9`, msCorp, winOS, "10.0.22621.3072", "Windows Modules Installer Worker", "OsVendor"), pSvchost, wSystem, onWin, 2, `C:\Windows\winsxs\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.22621.3072_none_7f0eef3b5a2a1bb9\TiWorker.exe -Embedding`),
		tl(dirExe("TrustedInstaller.exe", `C:\Windows\servicing`, msCorp, winOS, "10.0.22621.3072", "Windows Modules Installer", "OsVendor"), pServices, wSystem, onWin, 1, `C:\Windows\servicing\TrustedInstaller.exe`),
		tl(sysExe("sppsvc.exe", "Microsoft Software Protection Platform Service"), pServices, wNetSvc, onWin, 2, `C:\Windows\system32\sppsvc.exe`).talks(tcp("activation-v2.sls.microsoft.com", "40.91.76.224", 443)),
		tl(sysExe("SppExtComObj.Exe", "KMS Connection Broker"), pSvchost, wNetSvc, onWin, 1, `C:\Windows\system32\SppExtComObj.exe -Embedding`),
		tl(sysExe("MusNotification.exe", "MusNotification.exe"), pSchedule, wSystem, onWS, 1, `C:\Windows\system32\MusNotification.exe`),
		tl(sysExe("DeviceCensus.exe", "Device Census"), pSchedule, wSystem, onWin, 1, `C:\Windows\system32\devicecensus.exe SystemCxt`).talks(tcp("v10.events.data.microsoft.com", "20.42.73.29", 443)),
		tl(dirExe("WaaSMedicAgent.exe", s32, msCorp, winOS, "10.0.22621.2506", "Windows Update Medic Service", "OsVendor"), pSvchost, wSystem, onWin, 1, `C:\Windows\System32\WaaSMedicAgent.exe 2d5a1b7f0d4c2e8a91f3b6c0d9e7a4b2 KeZvGpqJW0qhCgK7Y9yb1g.0.1.0.0.0`),
		tl(sysExe("consent.exe", "Consent UI for administrative applications"), pSvchost, wSystem, onWS, 2, `consent.exe 6180 498 000001C2F5A3B0E0`),
		tl(sysExe("dwm.exe", "Desktop Window Manager"), pSvchost, wSystem, onWS, 1, `"dwm.exe"`),
		tl(sysExe("fontdrvhost.exe", "Usermode Font Driver Host"), pSvchost, wSystem, onWS, 1, `"fontdrvhost.exe"`),
		tl(sysExe("csrss.exe", "Client Server Runtime Process"), pSvchost, wSystem, onWin, 1, `%SystemRoot%\system32\csrss.exe ObjectDirectory=\Windows SharedSection=1024,20480,768 Windows=On SubSystemType=Windows ServerDll=basesrv,1 ServerDll=winsrv:UserServerDllInitialization,3 ServerDll=sxssrv,4 ProfileControl=Off MaxRequestThreads=16`),
		tl(sysExe("LogonUI.exe", "Windows Logon User Interface Host"), pSvchost, wSystem, onWin, 1, `"LogonUI.exe" /flags:0x2 /state0:0xa3b8e855 /state1:0x41c64e6d`),
		tl(sysExe("wsqmcons.exe", "Windows SQM Consolidator"), pSchedule, wSystem, onWin, 1, `C:\Windows\System32\wsqmcons.exe`),
		tl(sysExe("sdiagnhost.exe", "Scripted Diagnostics Native Host"), pSvchost, wSystem, onWS, 1, `C:\Windows\System32\sdiagnhost.exe -Embedding`),
		tl(sysExe("wlrmdr.exe", "Windows Logon Reminder"), pExplorer, wUser, onWS, 1, `wlrmdr.exe -s 3600 -f 0 -t "Password expiring" -m "Your password expires in 5 days"`),
		tl(sysExe("DataExchangeHost.exe", "Data Exchange Host"), pSvchost, wUser, onWS, 1, `C:\Windows\system32\DataExchangeHost.exe -Embedding`),
		tl(sysExe("smartscreen.exe", "Windows Defender SmartScreen"), pSvchost, wUser, onWS, 1, `C:\Windows\System32\smartscreen.exe -Embedding`).talks(tcp("nav.smartscreen.microsoft.com", "20.190.151.70", 443)),
		tl(sysExe("CompatTelRunner.exe", "Microsoft Compatibility Telemetry"), pSchedule, wSystem, onWin, 1, `C:\Windows\system32\compattelrunner.exe -m:appraiser.dll -f:DoScheduledTelemetryRun`),
		tl(sysExe("MpSigStub.exe", "Microsoft Malware Protection Signature Update Stub"), pSvchost, wSystem, onWin, 1, `"C:\Windows\System32\MpSigStub.exe" /stub 1.1.24010.2 /payload 1.407.568.0 /program C:\Windows\SoftwareDistribution\Download\Install\AM_Delta_Patch_1.407.568.0.exe`),
		// Defender for Endpoint and other management agents.
		tl(dirExe("MsSense.exe", pf+`\Windows Defender Advanced Threat Protection`, msCorp, winOS, "10.8760.22621.1011", "Windows Defender Advanced Threat Protection Service Executable", "Microsoft"), pServices, wSystem, onWin, 1, `"C:\Program Files\Windows Defender Advanced Threat Protection\MsSense.exe"`).talks(tcp("winatp-gw-eus.microsoft.com", "20.42.73.27", 443)),
		tl(dirExe("SenseNdr.exe", pf+`\Windows Defender Advanced Threat Protection`, msCorp, winOS, "10.8760.22621.1011", "Windows Defender Advanced Threat Protection Network Detection and Response", "Microsoft"), pServices, wSystem, onWin, 1, `"C:\Program Files\Windows Defender Advanced Threat Protection\SenseNdr.exe"`),
		tl(dirExe("SenseCncProxy.exe", pf+`\Windows Defender Advanced Threat Protection`, msCorp, winOS, "10.8760.22621.1011", "Windows Defender Advanced Threat Protection Communication Module", "Microsoft"), pServices, wSystem, onWin, 2, `"C:\Program Files\Windows Defender Advanced Threat Protection\SenseCncProxy.exe"`).talks(tcp("us-v20.events.data.microsoft.com", "13.69.239.72", 443)),
		tl(dirExe("SenseTVM.exe", pf+`\Windows Defender Advanced Threat Protection\Classification`, msCorp, winOS, "10.8760.22621.1011", "Windows Defender Advanced Threat Protection TVM Module", "Microsoft"), pServices, wSystem, onWin, 1, `"C:\Program Files\Windows Defender Advanced Threat Protection\Classification\SenseTVM.exe" -ScheduledScan`),
		tl(dirExe("SenseIR.exe", pf+`\Windows Defender Advanced Threat Protection`, msCorp, winOS, "10.8560.22621.1011", "Windows Defender Advanced Threat Protection Automated Investigation & Remediation", "Microsoft"), pServices, wSystem, onWin, 1, `"C:\Program Files\Windows Defender Advanced Threat Protection\SenseIR.exe" "OnlineSenseIR" "2024.03.01T10:15:22"`),
		tl(dirExe("NisSrv.exe", `C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0`, msCorp, winOS, "4.18.24010.12", "Microsoft Network Realtime Inspection Service", "Microsoft"), pServices, wLocalSvc, onWin, 1, `"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0\NisSrv.exe"`),
		tl(dirExe("MpDefenderCoreService.exe", `C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0`, msCorp, winOS, "4.18.24010.12", "Antimalware Core Service", "Microsoft"), pServices, wSystem, onWin, 1, `"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0\MpDefenderCoreService.exe"`),
		tl(dirExe("CcmExec.exe", `C:\Windows\CCM`, msCorp, "System Center Configuration Manager", "5.00.9122.1000", "Host Process for Microsoft Configuration Manager", "Microsoft"), pServices, wSystem, onWin, 2, `C:\Windows\CCM\CcmExec.exe`).talks(tcp("sccm.contoso.example", "10.0.0.40", 443)),
		tl(dirExe("CmRcService.exe", `C:\Windows\CCM`, msCorp, "System Center Configuration Manager", "5.00.9122.1000", "Configuration Manager Remote Control Service", "Microsoft"), pServices, wSystem, onWS, 1, `C:\Windows\CCM\CmRcService.exe`),
		tl(dirExe("scnotification.exe", `C:\Windows\CCM`, msCorp, "System Center Configuration Manager", "5.00.9122.1000", "Software Center Notification", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Windows\CCM\SCNotification.exe"`),
		tl(dirExe("Microsoft.Management.Services.IntuneWindowsAgent.exe", pf86+`\Microsoft Intune Management Extension`, msCorp, "Microsoft Intune", "1.76.101.0", "Microsoft Intune Management Extension", "Microsoft"), pServices, wSystem, onWS, 2, `"C:\Program Files (x86)\Microsoft Intune Management Extension\Microsoft.Management.Services.IntuneWindowsAgent.exe"`).talks(tcp("manage.microsoft.com", "52.167.17.97", 443)),
		tl(dirExe("AgentExecutor.exe", pf86+`\Microsoft Intune Management Extension`, msCorp, "Microsoft Intune", "1.76.101.0", "Intune Agent Executor", "Microsoft"), pServices, wSystem, onWS, 2, `"C:\Program Files (x86)\Microsoft Intune Management Extension\agentexecutor.exe" -powershell "C:\Program Files (x86)\Microsoft Intune Management Extension\Policies\Scripts\4f7b2c1e_detect.ps1" "C:\Program Files (x86)\Microsoft Intune Management Extension\Policies\Results\4f7b2c1e.output" -ExecutionPolicy Bypass`),
		tl(sysExe("omadmclient.exe", "Host Process for OMA-DM Client"), pSchedule, wSystem, onWS, 1, `"C:\Windows\system32\omadmclient.exe" /serverid "MS DM Server" /lockid 0 /taskid 1`),
		tl(sysExe("deviceenroller.exe", "Device Enroller"), pSchedule, wSystem, onWS, 1, `"C:\Windows\system32\deviceenroller.exe" /o "2D8C4E61-7A3B-4F09-9E15-C3B7A0D2F481" /c /b`),
		tl(dirExe("HealthService.exe", pf+`\Microsoft Monitoring Agent\Agent`, msCorp, "System Center Operations Manager", "10.20.18067.0", "Microsoft Monitoring Agent Service", "Microsoft"), pServices, wSystem, onSrv, 1, `"C:\Program Files\Microsoft Monitoring Agent\Agent\HealthService.exe"`),
		tl(dirExe("MonitoringHost.exe", pf+`\Microsoft Monitoring Agent\Agent`, msCorp, "System Center Operations Manager", "10.20.18067.0", "Health Service Host Process", "Microsoft"), pServices, wSystem, onSrv, 3, `"C:\Program Files\Microsoft Monitoring Agent\Agent\MonitoringHost.exe" -Embedding`).talks(tcp("contoso.ods.opinsights.azure.com", "20.49.109.46", 443)),
		tl(dirExe("WindowsAzureGuestAgent.exe", `C:\WindowsAzure\GuestAgent_2.7.41491.1102_2024-02-13_171201`, msCorp, "Windows Azure Guest Agent", "2.7.41491.1102", "Windows Azure Guest Agent", "Microsoft"), pServices, wSystem, onSrv, 1, `C:\WindowsAzure\GuestAgent_2.7.41491.1102_2024-02-13_171201\WindowsAzureGuestAgent.exe`).talks(tcp("", "168.63.129.16", 80)),
		tl(dirExe("himds.exe", pf+`\AzureConnectedMachineAgent`, msCorp, "Azure Connected Machine Agent", "1.39.02628.1177", "Azure Hybrid Instance Metadata Service", "Microsoft"), pServices, wSystem, onSrv, 1, `"C:\Program Files\AzureConnectedMachineAgent\himds.exe"`).talks(tcp("gbl.his.arc.azure.com", "20.50.1.220", 443)),
		tl(dirExe("gc_service.exe", pf+`\AzureConnectedMachineAgent\GCArcService\GC`, msCorp, "Azure Connected Machine Agent", "1.39.02628.1177", "Guest Configuration Service", "Microsoft"), pServices, wSystem, onSrv, 1, `"C:\Program Files\AzureConnectedMachineAgent\GCArcService\GC\gc_service.exe" -k GCArcService`),
		// Office, browsers, updaters.
		tl(dirExe("POWERPNT.EXE", office, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft PowerPoint", "Microsoft"), pExplorer, wUser, onWS, 3, `"C:\Program Files\Microsoft Office\root\Office16\POWERPNT.EXE" /n "C:\Users\%U\Documents\Team offsite.pptx"`),
		tl(dirExe("ONENOTE.EXE", office, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft OneNote", "Microsoft"), pExplorer, wUser, onWS, 2, `"C:\Program Files\Microsoft Office\root\Office16\ONENOTE.EXE"`).talks(tcp("contoso-my.sharepoint.com", "13.107.136.9", 443)),
		tl(dirExe("MSACCESS.EXE", office, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft Access", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Microsoft Office\root\Office16\MSACCESS.EXE" "C:\Users\%U\Documents\Inventory.accdb"`),
		tl(dirExe("VISIO.EXE", office, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft Visio", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Microsoft Office\root\Office16\VISIO.EXE"`),
		tl(dirExe("MSPUB.EXE", office, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft Publisher", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Microsoft Office\root\Office16\MSPUB.EXE"`),
		tl(dirExe("lync.exe", office, msCorp, "Microsoft Office", "16.0.17328.20142", "Skype for Business", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Microsoft Office\root\Office16\lync.exe" /fromrunkey`),
		tl(dirExe("sdxhelper.exe", office, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft Office SDX Helper", "Microsoft"), pExplorer, wUser, onWS, 2, `"C:\Program Files\Microsoft Office\root\Office16\sdxhelper.exe" -Embedding`),
		tl(dirExe("msoia.exe", office, msCorp, "Microsoft Office", "16.0.17328.20142", "Telemetry capture tool", "Microsoft"), pSchedule, wUser, onWS, 1, `"C:\Program Files\Microsoft Office\root\Office16\msoia.exe" scan upload mininterval:2880`),
		tl(dirExe("OfficeClickToRun.exe", pf+`\Common Files\microsoft shared\ClickToRun`, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft Office Click-to-Run", "Microsoft"), pServices, wSystem, onWS, 2, `"C:\Program Files\Common Files\Microsoft Shared\ClickToRun\OfficeClickToRun.exe" /service`).talks(tcp("officecdn.microsoft.com", "23.55.124.161", 443)),
		tl(dirExe("OfficeC2RClient.exe", pf+`\Common Files\microsoft shared\ClickToRun`, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft Office Click-to-Run Client", "Microsoft"), pSchedule, wSystem, onWS, 1, `"C:\Program Files\Common Files\Microsoft Shared\ClickToRun\OfficeC2RClient.exe" /frequentupdate SCHEDULEDTASK displaylevel=False`),
		tl(dirExe("AppVShNotify.exe", pf+`\Common Files\microsoft shared\ClickToRun`, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft Application Virtualization Client", "Microsoft"), pSvchost, wUser, onWS, 1, `"C:\Program Files\Common Files\Microsoft Shared\ClickToRun\AppVShNotify.exe"`),
		tl(dirExe("MicrosoftEdgeUpdate.exe", pf86+`\Microsoft\EdgeUpdate`, msCorp, "Microsoft Edge Update", "1.3.185.17", "Microsoft Edge Update", "Microsoft"), pSchedule, wSystem, onWin, 2, `"C:\Program Files (x86)\Microsoft\EdgeUpdate\MicrosoftEdgeUpdate.exe" /ua /installsource scheduler`).talks(tcp("msedge.api.cdp.microsoft.com", "13.107.5.80", 443)),
		tl(dirExe("msedgewebview2.exe", pf86+`\Microsoft\EdgeWebView\Application\122.0.2365.80`, msCorp, "Microsoft Edge WebView2", "122.0.2365.80", "Microsoft Edge WebView2", "Microsoft"), pExplorer, wUser, onWS, 4, `"C:\Program Files (x86)\Microsoft\EdgeWebView\Application\122.0.2365.80\msedgewebview2.exe" --embedded-browser-webview=1 --webview-exe-name=ms-teams.exe --user-data-dir="C:\Users\%U\AppData\Local\Packages\MSTeams_8wekyb3d8bbwe\LocalCache\Microsoft\MSTeams\EBWebView" --noerrdialogs`),
		tl(dirExe("identity_helper.exe", pf86+`\Microsoft\Edge\Application\122.0.2365.80`, msCorp, "Microsoft Edge", "122.0.2365.80", "Microsoft Edge", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Program Files (x86)\Microsoft\Edge\Application\122.0.2365.80\identity_helper.exe" --type=utility --utility-sub-type=winrt_app_id.mojom.WinrtAppIdService --lang=en-US --service-sandbox-type=none`),
		tl(dirExe("elevation_service.exe", pf+`\Google\Chrome\Application\122.0.6261.112`, "Google LLC", "Google Chrome", "122.0.6261.112", "Google Chrome", "ThirdParty"), pServices, wSystem, onWS, 1, `"C:\Program Files\Google\Chrome\Application\122.0.6261.112\elevation_service.exe"`),
		tl(dirExe("GoogleUpdate.exe", pf86+`\Google\Update`, "Google LLC", "Google Update", "1.3.36.372", "Google Installer", "ThirdParty"), pSchedule, wSystem, onWS, 2, `"C:\Program Files (x86)\Google\Update\GoogleUpdate.exe" /ua /installsource scheduler`).talks(tcp("update.googleapis.com", "142.250.186.67", 443)),
		tl(dirExe("updater.exe", pf86+`\Google\GoogleUpdater\124.0.6315.0`, "Google LLC", "Google Updater", "124.0.6315.0", "Google Updater", "ThirdParty"), pSchedule, wSystem, onWS, 1, `"C:\Program Files (x86)\Google\GoogleUpdater\124.0.6315.0\updater.exe" --wake --system`).talks(tcp("update.googleapis.com", "142.250.186.67", 443)),
		tl(dirExe("firefox.exe", pf+`\Mozilla Firefox`, "Mozilla Corporation", "Firefox", "123.0.1", "Firefox", "ThirdParty"), pExplorer, wUser, onWS, 3, `"C:\Program Files\Mozilla Firefox\firefox.exe"`, `"C:\Program Files\Mozilla Firefox\firefox.exe" -contentproc --channel=2436 -childID 5 -isForBrowser -prefsLen 30271 -prefMapSize 235658 -jsInitLen 234236 -parentBuildID 20240304104836 -greomni "C:\Program Files\Mozilla Firefox\omni.ja" -appDir "C:\Program Files\Mozilla Firefox\browser" - 9828 tab`).talks(tcp("www.mozilla.org", "34.117.65.55", 443)),
		tl(dirExe("maintenanceservice.exe", pf86+`\Mozilla Maintenance Service`, "Mozilla Foundation", "Firefox", "123.0.1", "Mozilla Maintenance Service", "ThirdParty"), pServices, wSystem, onWS, 1, `"C:\Program Files (x86)\Mozilla Maintenance Service\maintenanceservice.exe"`),
		tl(dirExe("iexplore.exe", pf+`\Internet Explorer`, msCorp, "Internet Explorer", "11.0.22621.1", "Internet Explorer", "OsVendor"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Internet Explorer\iexplore.exe" -Embedding`),
		tl(dirExe("AcroRd32.exe", pf86+`\Adobe\Acrobat Reader DC\Reader`, "Adobe Systems Incorporated", "Adobe Acrobat Reader DC", "24.1.20615.0", "Adobe Acrobat Reader DC", "ThirdParty"), pExplorer, wUser, onWS, 4, `"C:\Program Files (x86)\Adobe\Acrobat Reader DC\Reader\AcroRd32.exe" "C:\Users\%U\Downloads\report-final.pdf"`, `"C:\Program Files (x86)\Adobe\Acrobat Reader DC\Reader\AcroRd32.exe" --type=renderer /prefetch:1 "C:\Users\%U\Downloads\brochure.pdf"`),
		tl(dirExe("AcroCEF.exe", pf86+`\Adobe\Acrobat Reader DC\Reader\AcroCEF`, "Adobe Systems Incorporated", "Adobe Acrobat Reader DC", "24.1.20615.0", "Adobe AcroCEF", "ThirdParty"), pExplorer, wUser, onWS, 2, `"C:\Program Files (x86)\Adobe\Acrobat Reader DC\Reader\AcroCEF\AcroCEF.exe" --backgroundcolor=16514043`).talks(tcp("acroipm2.adobe.com", "23.40.57.141", 443)),
		tl(dirExe("AdobeARM.exe", pf86+`\Common Files\Adobe\ARM\1.0`, "Adobe Systems Incorporated", "Adobe Reader and Acrobat Manager", "1.824.460.1042", "Adobe Reader and Acrobat Manager", "ThirdParty"), pSchedule, wSystem, onWS, 1, `"C:\Program Files (x86)\Common Files\Adobe\ARM\1.0\AdobeARM.exe"`).talks(tcp("armmf.adobe.com", "23.40.57.144", 443)),
		tl(dirExe("armsvc.exe", pf86+`\Common Files\Adobe\ARM\1.0`, "Adobe Systems Incorporated", "Adobe Acrobat Update Service", "1.824.460.1042", "Adobe Acrobat Update Service", "ThirdParty"), pServices, wSystem, onWS, 1, `"C:\Program Files (x86)\Common Files\Adobe\ARM\1.0\armsvc.exe"`),
		tl(dirExe("FoxitPDFReader.exe", pf86+`\Foxit Software\Foxit PDF Reader`, "Foxit Software Inc.", "Foxit PDF Reader", "2024.1.0.23997", "Foxit PDF Reader", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files (x86)\Foxit Software\Foxit PDF Reader\FoxitPDFReader.exe" "C:\Users\%U\Downloads\brochure.pdf"`),
		// Collaboration, remote access and VPN.
		tl(dirExe("Zoom.exe", `C:\Users\%U\AppData\Roaming\Zoom\bin`, "Zoom Video Communications, Inc.", "Zoom", "5.17.11.34827", "Zoom Meetings", "ThirdParty"), pExplorer, wUser, onWS, 3, `"C:\Users\%U\AppData\Roaming\Zoom\bin\Zoom.exe" "--url=zoommtg://zoom.us/join?action=join&confno=84512390077"`).talks(tcp("zoom.us", "170.114.52.2", 443), tcp("zoomgov.com", "170.114.10.85", 8801)),
		tl(dirExe("CptHost.exe", `C:\Users\%U\AppData\Roaming\Zoom\bin`, "Zoom Video Communications, Inc.", "Zoom", "5.17.11.34827", "Zoom Sharing Service", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\AppData\Roaming\Zoom\bin\CptHost.exe" -key 3b0f2c1a`),
		tl(dirExe("slack.exe", local+`\slack\app-4.36.140`, "Slack Technologies Inc.", "Slack", "4.36.140", "Slack", "ThirdParty"), pExplorer, wUser, onWS, 3, `"C:\Users\%U\AppData\Local\slack\app-4.36.140\slack.exe" --process-start-args --startup`).talks(tcp("app.slack.com", "3.164.68.37", 443), tcp("wss-primary.slack.com", "18.64.174.68", 443)),
		tl(dirExe("CiscoCollabHost.exe", local+`\CiscoSparkLauncher`, "Cisco Systems, Inc.", "Webex", "44.2.0.28744", "Webex", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\AppData\Local\CiscoSparkLauncher\CiscoCollabHost.exe" /background`).talks(tcp("webex.com", "170.72.231.161", 443)),
		tl(dirExe("csc_ui.exe", pf86+`\Cisco\Cisco Secure Client\UI`, "Cisco Systems, Inc.", "Cisco Secure Client", "5.1.2.42", "Cisco Secure Client User Interface", "ThirdParty"), pExplorer, wUser, onWS, 2, `"C:\Program Files (x86)\Cisco\Cisco Secure Client\UI\csc_ui.exe" -minimized`),
		tl(dirExe("vpnagent.exe", pf86+`\Cisco\Cisco Secure Client`, "Cisco Systems, Inc.", "Cisco Secure Client", "5.1.2.42", "Cisco Secure Client - AnyConnect VPN Agent", "ThirdParty"), pServices, wSystem, onWS, 1, `"C:\Program Files (x86)\Cisco\Cisco Secure Client\vpnagent.exe"`).talks(tcp("vpn.contoso.example", "203.0.113.20", 443)),
		tl(dirExe("ZSATunnel.exe", pf+`\Zscaler\ZSATunnel`, "Zscaler Inc.", "Zscaler Client Connector", "4.3.0.181", "Zscaler Tunnel", "ThirdParty"), pServices, wSystem, onWS, 1, `"C:\Program Files\Zscaler\ZSATunnel\ZSATunnel.exe"`).talks(tcp("gateway.zscaler.net", "165.225.72.38", 443)),
		tl(dirExe("TeamViewer.exe", pf+`\TeamViewer`, "TeamViewer Germany GmbH", "TeamViewer", "15.51.6.0", "TeamViewer 15", "ThirdParty"), pExplorer, wAdmin, onWS, 1, `"C:\Program Files\TeamViewer\TeamViewer.exe"`).talks(tcp("router1.teamviewer.com", "217.146.11.204", 5938)),
		tl(dirExe("TeamViewer_Service.exe", pf+`\TeamViewer`, "TeamViewer Germany GmbH", "TeamViewer", "15.51.6.0", "TeamViewer 15", "ThirdParty"), pServices, wSystem, onWS, 1, `"C:\Program Files\TeamViewer\TeamViewer_Service.exe"`),
		tl(dirExe("AnyDesk.exe", pf86+`\AnyDesk`, "philandro Software GmbH", "AnyDesk", "8.0.8", "AnyDesk", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files (x86)\AnyDesk\AnyDesk.exe" --control`).talks(tcp("relay-9b4f1c2e.net.anydesk.com", "195.181.174.243", 443)),
		tl(dirExe("putty.exe", pf+`\PuTTY`, "Simon Tatham", "PuTTY suite", "0.80.0.0", "SSH, Telnet, Rlogin, and SUPDUP client", "ThirdParty"), pExplorer, wAdmin, onWin, 2, `"C:\Program Files\PuTTY\putty.exe" -ssh azureuser@srv-linux01.contoso.example`).talks(ssh),
		tl(dirExe("WinSCP.exe", pf86+`\WinSCP`, "Martin Prikryl", "WinSCP", "6.3.1.14431", "WinSCP: SFTP, FTP, WebDAV, S3 and SCP client", "ThirdParty"), pExplorer, wAdmin, onWin, 1, `"C:\Program Files (x86)\WinSCP\WinSCP.exe" sftp://azureuser@srv-linux01.contoso.example/`).talks(ssh),
		tl(dirExe("mRemoteNG.exe", pf86+`\mRemoteNG`, "mRemoteNG", "mRemoteNG", "1.76.20.24615", "mRemoteNG", "ThirdParty"), pExplorer, wAdmin, onWS, 1, `"C:\Program Files (x86)\mRemoteNG\mRemoteNG.exe"`).talks(rdp),
		tl(sysExe("mstsc.exe", "Remote Desktop Connection"), pExplorer, wAdmin, onWS, 1, `"C:\Windows\system32\mstsc.exe" /v:srv-app01.contoso.example`).talks(rdp),
		tl(dirExe("wfica32.exe", pf86+`\Citrix\ICA Client`, "Citrix Systems, Inc.", "Citrix Workspace", "23.11.0.132", "Citrix HDX Engine", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files (x86)\Citrix\ICA Client\wfica32.exe" "C:\Users\%U\AppData\Local\Temp\launch.ica"`).talks(tcp("apps.contoso.example", "203.0.113.30", 443)),
		// Utilities and developer tools.
		tl(dirExe("7zFM.exe", pf+`\7-Zip`, "Igor Pavlov", "7-Zip", "23.01", "7-Zip File Manager", ""), pExplorer, wUser, onWS, 2, `"C:\Program Files\7-Zip\7zFM.exe" "C:\Users\%U\Downloads\logs.zip"`),
		tl(dirExe("7z.exe", pf+`\7-Zip`, "Igor Pavlov", "7-Zip", "23.01", "7-Zip Console", ""), pCmd, wUser, onWin, 2, `"C:\Program Files\7-Zip\7z.exe" x "C:\Users\%U\Downloads\logs.zip" -o"C:\Users\%U\Documents\logs"`, `7z.exe a C:\Backups\iis-logs.7z C:\inetpub\logs\LogFiles\W3SVC1\*.log`),
		tl(dirExe("7zG.exe", pf+`\7-Zip`, "Igor Pavlov", "7-Zip", "23.01", "7-Zip GUI", ""), pExplorer, wUser, onWS, 1, `"C:\Program Files\7-Zip\7zG.exe" x -o"C:\Users\%U\Downloads\photos\" -spe -an -ai#7zMap12384:60:7zEvent5617`),
		tl(dirExe("WinRAR.exe", pf+`\WinRAR`, "Alexander Roshal", "WinRAR", "7.0.0", "WinRAR archiver", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files\WinRAR\WinRAR.exe" "C:\Users\%U\Downloads\brochure-assets.rar"`),
		tl(dirExe("Rar.exe", pf+`\WinRAR`, "Alexander Roshal", "WinRAR", "7.0.0", "Command line RAR", "ThirdParty"), pCmd, wUser, onWS, 1, `"C:\Program Files\WinRAR\Rar.exe" a "C:\Users\%U\Documents\archive-2025.rar" "C:\Users\%U\Documents\2025"`),
		tl(dirExe("notepad++.exe", pf+`\Notepad++`, "Don HO don.h@free.fr", "Notepad++", "8.6.4", "Notepad++", "ThirdParty"), pExplorer, wUser, onWS, 3, `"C:\Program Files\Notepad++\notepad++.exe" "C:\Users\%U\Desktop\notes.txt"`),
		tl(dirExe("Code.exe", local+`\Programs\Microsoft VS Code`, msCorp, "Visual Studio Code", "1.87.2", "Visual Studio Code", "Microsoft"), pExplorer, wUser, onWS, 3, `"C:\Users\%U\AppData\Local\Programs\Microsoft VS Code\Code.exe"`, `"C:\Users\%U\AppData\Local\Programs\Microsoft VS Code\Code.exe" --type=utility --utility-sub-type=node.mojom.NodeService --lang=en-US --service-sandbox-type=none`).talks(tcp("update.code.visualstudio.com", "13.107.246.40", 443), tcp("marketplace.visualstudio.com", "13.107.42.18", 443)),
		tl(dirExe("git.exe", pf+`\Git\cmd`, "The Git Development Community", "Git", "2.44.0.1", "Git for Windows", "ThirdParty"), pCmd, wUser, onWS, 3, "git pull --rebase", "git push origin main", "git fetch --all --prune", `git clone https://github.com/contoso/intranet-tools.git`).talks(tcp("github.com", "140.82.121.4", 443)),
		tl(dirExe("git-remote-https.exe", pf+`\Git\mingw64\libexec\git-core`, "The Git Development Community", "Git", "2.44.0.1", "Git for Windows", "ThirdParty"), pCmd, wUser, onWS, 2, `"C:\Program Files\Git\mingw64\libexec\git-core\git-remote-https.exe" origin https://github.com/contoso/intranet-tools.git`).talks(tcp("github.com", "140.82.121.4", 443)),
		tl(dirExe("python.exe", local+`\Programs\Python\Python312`, "Python Software Foundation", "Python", "3.12.2", "Python", "ThirdParty"), pCmd, wUser, onWS, 2, `python.exe C:\Users\%U\Documents\scripts\report.py --month 2026-02`, `python.exe -m pip install --upgrade pandas`).talks(tcp("pypi.org", "151.101.0.223", 443), tcp("files.pythonhosted.org", "151.101.1.63", 443)),
		tl(dirExe("pip.exe", local+`\Programs\Python\Python312\Scripts`, "", "", "", "", ""), pCmd, wUser, onWS, 1, `pip install requests openpyxl`).talks(tcp("pypi.org", "151.101.0.223", 443)),
		tl(dirExe("node.exe", pf+`\nodejs`, "Node.js", "Node.js", "20.11.1", "Node.js JavaScript Runtime", "ThirdParty"), pCmd, wUser, onWS, 2, `"C:\Program Files\nodejs\node.exe" "C:\Program Files\nodejs\node_modules\npm\bin\npm-cli.js" install`).talks(tcp("registry.npmjs.org", "104.16.24.35", 443)),
		tl(dirExe("java.exe", pf+`\Eclipse Adoptium\jdk-17.0.10.7-hotspot\bin`, "Eclipse Adoptium", "OpenJDK Platform 17.0.10", "17.0.10.0", "OpenJDK Platform binary", "ThirdParty"), pCmd, wUser, onWin, 1, `"C:\Program Files\Eclipse Adoptium\jdk-17.0.10.7-hotspot\bin\java.exe" -jar C:\Apps\reporting\report-engine.jar`),
		tl(dirExe("javaw.exe", pf+`\Eclipse Adoptium\jdk-17.0.10.7-hotspot\bin`, "Eclipse Adoptium", "OpenJDK Platform 17.0.10", "17.0.10.0", "OpenJDK Platform binary", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Eclipse Adoptium\jdk-17.0.10.7-hotspot\bin\javaw.exe" -jar "C:\Users\%U\Apps\dbeaver\dbeaver.jar"`),
		tl(dirExe("devenv.exe", pf+`\Microsoft Visual Studio\2022\Professional\Common7\IDE`, msCorp, "Microsoft® Visual Studio®", "17.9.34622.214", "Microsoft Visual Studio 2022", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Microsoft Visual Studio\2022\Professional\Common7\IDE\devenv.exe" "C:\Users\%U\source\repos\Intranet\Intranet.sln"`),
		tl(dirExe("MSBuild.exe", `C:\Windows\Microsoft.NET\Framework64\v4.0.30319`, msCorp, "Microsoft® .NET Framework", "4.8.9037.0", "MSBuild.exe", "Microsoft"), pCmd, wUser, onWS, 1, `C:\Windows\Microsoft.NET\Framework64\v4.0.30319\MSBuild.exe C:\Users\%U\source\repos\Intranet\Intranet.sln /p:Configuration=Release`),
		tl(dirExe("csc.exe", `C:\Windows\Microsoft.NET\Framework64\v4.0.30319`, msCorp, "Microsoft® .NET Framework", "4.8.9037.0", "Visual C# Command Line Compiler", "Microsoft"), pPowerShell, wSystem, onWin, 1, `"C:\Windows\Microsoft.NET\Framework64\v4.0.30319\csc.exe" /noconfig /fullpaths @"C:\Windows\TEMP\lxq2r0d4\lxq2r0d4.cmdline"`),
		tl(dirExe("cvtres.exe", `C:\Windows\Microsoft.NET\Framework64\v4.0.30319`, msCorp, "Microsoft® .NET Framework", "14.30.34810.0", "Microsoft® Resource File To COFF Object Conversion Utility", "Microsoft"), pPowerShell, wSystem, onWin, 1, `C:\Windows\Microsoft.NET\Framework64\v4.0.30319\cvtres.exe /NOLOGO /READONLY /MACHINE:IX86 "/OUT:C:\Windows\TEMP\RES8A1F.tmp" "c:\Windows\Temp\lxq2r0d4\CSC9B3E.tmp"`),
		tl(dirExe("ngen.exe", `C:\Windows\Microsoft.NET\Framework64\v4.0.30319`, msCorp, "Microsoft® .NET Framework", "4.8.9037.0", "Microsoft Common Language Runtime native compiler", "Microsoft"), pSchedule, wSystem, onWin, 1, `"C:\Windows\Microsoft.NET\Framework64\v4.0.30319\ngen.exe" ExecuteQueuedItems /LegacyServiceBehavior`),
		tl(dirExe("ngentask.exe", `C:\Windows\Microsoft.NET\Framework64\v4.0.30319`, msCorp, "Microsoft® .NET Framework", "4.8.9037.0", "Microsoft .NET Framework optimization service", "Microsoft"), pSchedule, wSystem, onWin, 1, `"C:\Windows\Microsoft.NET\Framework64\v4.0.30319\NGenTask.exe" /RuntimeWide /StopEvent:1044`),
		tl(dirExe("dotnet.exe", pf+`\dotnet`, msCorp, "Microsoft® .NET", "8.0.324.11423", ".NET Host", "Microsoft"), pCmd, wUser, onWin, 2, `"C:\Program Files\dotnet\dotnet.exe" build`, `"C:\Program Files\dotnet\dotnet.exe" C:\Apps\InvoiceApi\InvoiceApi.dll`),
		tl(dirExe("WindowsTerminal.exe", `C:\Program Files\WindowsApps\Microsoft.WindowsTerminal_1.19.10573.0_x64__8wekyb3d8bbwe`, msCorp, "Windows Terminal", "1.19.2403.7001", "Windows Terminal", "Microsoft"), pExplorer, wUser, onWS, 2, `"C:\Program Files\WindowsApps\Microsoft.WindowsTerminal_1.19.10573.0_x64__8wekyb3d8bbwe\WindowsTerminal.exe"`),
		tl(dirExe("OpenConsole.exe", `C:\Program Files\WindowsApps\Microsoft.WindowsTerminal_1.19.10573.0_x64__8wekyb3d8bbwe`, msCorp, "Windows Terminal", "1.19.2403.7001", "Console Window Host", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Program Files\WindowsApps\Microsoft.WindowsTerminal_1.19.10573.0_x64__8wekyb3d8bbwe\OpenConsole.exe" --headless --width 120 --height 30 --signal 0x9b0 --server 0x9a8`),
		tl(dirExe("pwsh.exe", pf+`\PowerShell\7`, msCorp, "PowerShell", "7.4.1.500", "pwsh", "Microsoft"), pExplorer, wAdmin, onWin, 2, `"C:\Program Files\PowerShell\7\pwsh.exe" -NoLogo`, `"C:\Program Files\PowerShell\7\pwsh.exe" -NoProfile -File C:\Scripts\Get-DiskReport.ps1`),
		tl(dirExe("powershell_ise.exe", s32+`\WindowsPowerShell\v1.0`, msCorp, winOS, "10.0.22621.1", "Windows PowerShell ISE", "OsVendor"), pExplorer, wAdmin, onWin, 1, `"C:\Windows\system32\WindowsPowerShell\v1.0\PowerShell_ISE.exe" C:\Scripts\Maintenance.ps1`),
		tl(dirExe("Postman.exe", local+`\Postman\app-10.23.12`, "Postman, Inc.", "Postman", "10.23.12", "Postman", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\AppData\Local\Postman\app-10.23.12\Postman.exe"`).talks(tcp("api.getpostman.com", "54.236.129.3", 443)),
		tl(dirExe("Docker Desktop.exe", pf+`\Docker\Docker`, "Docker Inc.", "Docker Desktop", "4.28.0.0", "Docker Desktop", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Docker\Docker\Docker Desktop.exe" -Autostart`),
		tl(dirExe("com.docker.backend.exe", pf+`\Docker\Docker\resources`, "Docker Inc.", "Docker Desktop", "4.28.0.0", "Docker Desktop Backend", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Docker\Docker\resources\com.docker.backend.exe" run`).talks(tcp("registry-1.docker.io", "54.227.20.253", 443)),
		tl(dirExe("wsl.exe", s32, msCorp, winOS, "10.0.22621.2506", "Microsoft Windows Subsystem for Linux", "OsVendor"), pCmd, wUser, onWS, 1, "wsl.exe -d Ubuntu"),
		tl(dirExe("KeePass.exe", pf+`\KeePass Password Safe 2`, "Dominik Reichl", "KeePass", "2.56.0.0", "KeePass", "ThirdParty"), pExplorer, wAdmin, onWS, 1, `"C:\Program Files\KeePass Password Safe 2\KeePass.exe" "\\srv-file01.contoso.example\Shares\IT\vault.kdbx"`),
		tl(dirExe("vlc.exe", pf+`\VideoLAN\VLC`, "VideoLAN", "VLC media player", "3.0.20", "VLC media player", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files\VideoLAN\VLC\vlc.exe" --started-from-file "C:\Users\%U\Videos\town-hall.mp4"`),
		tl(dirExe("Greenshot.exe", pf+`\Greenshot`, "Greenshot", "Greenshot", "1.2.10.6", "Greenshot", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files\Greenshot\Greenshot.exe" /hidden`),
		tl(dirExe("Snagit32.exe", pf+`\TechSmith\Snagit 2024`, "TechSmith Corporation", "Snagit", "24.0.1.1587", "Snagit", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files\TechSmith\Snagit 2024\Snagit32.exe" /i`),
		tl(dirExe("Wireshark.exe", pf+`\Wireshark`, "The Wireshark developer community", "Wireshark", "4.2.3.0", "Wireshark", "ThirdParty"), pExplorer, wAdmin, onWS, 1, `"C:\Program Files\Wireshark\Wireshark.exe"`),
		tl(dirExe("dumpcap.exe", pf+`\Wireshark`, "The Wireshark developer community", "Dumpcap", "4.2.3.0", "Dumpcap", "ThirdParty"), pExplorer, wAdmin, onWS, 1, `"C:\Program Files\Wireshark\dumpcap.exe" -n -i \Device\NPF_{5B3E6C8A-2D41-4F7B-9E0A-7C1D3B5F9A24} -Z none`),
		tl(dirExe("ssms.exe", pf86+`\Microsoft SQL Server Management Studio 19\Common7\IDE`, msCorp, "Microsoft SQL Server Management Studio", "19.3.4.0", "SSMS 19", "Microsoft"), pExplorer, wAdmin, onWS, 1, `"C:\Program Files (x86)\Microsoft SQL Server Management Studio 19\Common7\IDE\Ssms.exe" -S srv-sql01.contoso.example -E`).talks(sql),
		tl(dirExe("sqlcmd.exe", pf+`\Microsoft SQL Server\Client SDK\ODBC\170\Tools\Binn`, msCorp, "Microsoft SQL Server", "15.0.4298.1", "T-SQL execution command line utility", "Microsoft"), pCmd, wAdmin, onSrv, 1, `sqlcmd -S srv-sql01.contoso.example -E -Q "SELECT name, state_desc FROM sys.databases"`).talks(sql),
		tl(dirExe("procexp64.exe", `C:\Tools\Sysinternals`, sysint, "Sysinternals Process Explorer", "17.05", "Sysinternals Process Explorer", "ThirdParty"), pExplorer, wAdmin, onWin, 1, `"C:\Tools\Sysinternals\procexp64.exe"`),
		tl(dirExe("Autoruns64.exe", `C:\Tools\Sysinternals`, sysint, "Sysinternals autoruns", "14.11", "Autostart program viewer", "ThirdParty"), pExplorer, wAdmin, onWin, 1, `"C:\Tools\Sysinternals\Autoruns64.exe" -accepteula`),
		tl(dirExe("Procmon64.exe", `C:\Tools\Sysinternals`, sysint, "Process Monitor", "3.96", "Process Monitor", "ThirdParty"), pExplorer, wAdmin, onWin, 1, `"C:\Tools\Sysinternals\Procmon64.exe" /AcceptEula /Quiet /Minimized /BackingFile C:\Windows\Temp\boot.pml`),
		tl(dirExe("tcpview64.exe", `C:\Tools\Sysinternals`, sysint, "Sysinternals TcpView", "4.19", "TCP/UDP endpoint viewer", "ThirdParty"), pExplorer, wAdmin, onWin, 1, `"C:\Tools\Sysinternals\tcpview64.exe"`),
		tl(dirExe("Bginfo64.exe", `C:\Tools\Sysinternals`, sysint, "BgInfo", "4.32", "Background Info", "ThirdParty"), pExplorer, wUser, onSrv, 1, `"C:\Tools\Sysinternals\Bginfo64.exe" \\contoso.example\NETLOGON\bginfo.bgi /timer:0 /nolicprompt /silent`),
		tl(dirExe("sigcheck64.exe", `C:\Tools\Sysinternals`, sysint, "Sysinternals Sigcheck", "2.90", "File version and signature viewer", "ThirdParty"), pCmd, wAdmin, onWin, 1, `sigcheck64.exe -accepteula -u -e C:\Windows\System32`),
		tl(dirExe("dcu-cli.exe", pf+`\Dell\CommandUpdate`, "Dell Inc.", "Dell Command | Update", "5.2.0.0", "Dell Command | Update", "ThirdParty"), pSchedule, wSystem, onWS, 1, `"C:\Program Files\Dell\CommandUpdate\dcu-cli.exe" /scan -silent`).talks(tcp("downloads.dell.com", "23.38.168.88", 443)),
		tl(dirExe("SupportAssistAgent.exe", pf+`\Dell\SupportAssistAgent\bin`, "Dell Inc.", "SupportAssist", "3.14.2.45", "Dell SupportAssist Agent", "ThirdParty"), pServices, wSystem, onWS, 1, `"C:\Program Files\Dell\SupportAssistAgent\bin\SupportAssistAgent.exe"`),
		tl(dirExe("jusched.exe", pf86+`\Common Files\Java\Java Update`, "Oracle Corporation", "Java Platform SE Auto Updater", "2.8.401.10", "Java Update Scheduler", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Program Files (x86)\Common Files\Java\Java Update\jusched.exe"`),
		tl(dirExe("RuntimeBroker.exe", s32, msCorp, winOS, "10.0.22621.2506", "Runtime Broker", "OsVendor"), pSvchost, wUser, onWS, 1, `C:\Windows\System32\RuntimeBroker.exe -Embedding`),
		tl(dirExe("OneDriveStandaloneUpdater.exe", `C:\Users\%U\AppData\Local\Microsoft\OneDrive`, msCorp, "Microsoft OneDrive", "24.020.0128.0003", "Standalone Updater", "Microsoft"), pSchedule, wUser, onWS, 1, `"C:\Users\%U\AppData\Local\Microsoft\OneDrive\OneDriveStandaloneUpdater.exe" /reporting`).talks(tcp("oneclient.sfx.ms", "13.107.42.12", 443)),
		tl(dirExe("FileCoAuth.exe", `C:\Users\%U\AppData\Local\Microsoft\OneDrive\24.020.0128.0003`, msCorp, "Microsoft OneDrive", "24.020.0128.0003", "Microsoft OneDriveFile Co-Authoring Executable", "Microsoft"), pSvchost, wUser, onWS, 2, `"C:\Users\%U\AppData\Local\Microsoft\OneDrive\24.020.0128.0003\FileCoAuth.exe" -Embedding`),
		tl(dirExe("Microsoft.SharePoint.exe", `C:\Users\%U\AppData\Local\Microsoft\OneDrive\24.020.0128.0003`, msCorp, "Microsoft OneDrive", "24.020.0128.0003", "Microsoft SharePoint", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\AppData\Local\Microsoft\OneDrive\24.020.0128.0003\Microsoft.SharePoint.exe"`).talks(tcp("contoso.sharepoint.com", "13.107.136.10", 443)),
		tl(dirExe("PhoneExperienceHost.exe", `C:\Program Files\WindowsApps\Microsoft.YourPhone_1.24012.105.0_x64__8wekyb3d8bbwe`, msCorp, "Microsoft Phone Link", "1.24012.105.0", "Phone Link", "Microsoft"), pSvchost, wUser, onWS, 1, `"C:\Program Files\WindowsApps\Microsoft.YourPhone_1.24012.105.0_x64__8wekyb3d8bbwe\PhoneExperienceHost.exe" -ServerName:App.AppX9yct9q388jvt4h7y0gn06smzkxcsnt8m.mca`),
		tl(dirExe("Widgets.exe", `C:\Program Files\WindowsApps\MicrosoftWindows.Client.WebExperience_424.1301.450.0_x64__cw5n1h2txyewy\Dashboard`, msCorp, "Windows Web Experience Pack", "424.1301.450.0", "Widgets", "Microsoft"), pSvchost, wUser, onWS, 1, `"C:\Program Files\WindowsApps\MicrosoftWindows.Client.WebExperience_424.1301.450.0_x64__cw5n1h2txyewy\Dashboard\Widgets.exe" -ServerName:Microsoft.Windows.DashboardServer`),
		tl(dirExe("CalculatorApp.exe", `C:\Program Files\WindowsApps\Microsoft.WindowsCalculator_11.2401.0.0_x64__8wekyb3d8bbwe`, msCorp, "Windows Calculator", "11.2401.0.0", "Calculator", "Microsoft"), pSvchost, wUser, onWS, 1, `"C:\Program Files\WindowsApps\Microsoft.WindowsCalculator_11.2401.0.0_x64__8wekyb3d8bbwe\CalculatorApp.exe" -ServerName:App.AppXsm3pg4n7er43kdh1qp4e79f1j7am68r8.mca`),
		tl(dirExe("HxTsr.exe", `C:\Program Files\WindowsApps\microsoft.windowscommunicationsapps_16005.14326.21768.0_x64__8wekyb3d8bbwe`, msCorp, "Mail and Calendar", "16005.14326.21768.0", "Mail", "Microsoft"), pSvchost, wUser, onWS, 1, `"C:\Program Files\WindowsApps\microsoft.windowscommunicationsapps_16005.14326.21768.0_x64__8wekyb3d8bbwe\HxTsr.exe" -ServerName:Hx.IPC.Server`),
		// Server roles.
		tl(dirExe("inetinfo.exe", s32+`\inetsrv`, msCorp, "Internet Information Services", "10.0.20348.1", "Internet Information Services", "OsVendor"), pServices, wSystem, onWeb, 1, `C:\Windows\system32\inetsrv\inetinfo.exe`),
		tl(dirExe("appcmd.exe", s32+`\inetsrv`, msCorp, "Internet Information Services", "10.0.20348.1", "Application Server Command Line Admin Tool", "OsVendor"), pCmd, wAdmin, onWeb, 1, `C:\Windows\system32\inetsrv\appcmd.exe list sites`, `C:\Windows\system32\inetsrv\appcmd.exe recycle apppool /apppool.name:"Intranet"`),
		tl(dirExe("w3wp.exe", s32+`\inetsrv`, msCorp, "Internet Information Services", "10.0.20348.1", "IIS Worker Process", "OsVendor"), pSvchost, wNetSvc, onWeb, 1, `c:\windows\system32\inetsrv\w3wp.exe -ap "Intranet" -v "v4.0" -l "webengine4.dll" -a \\.\pipe\iisipm5c2d7b1e-4f3a-4e9d-a1b6-0c8f2e7d3a95 -h "C:\inetpub\temp\apppools\Intranet\Intranet.config" -w "" -m 0 -t 20 -ta 0`),
		tl(dirExe("sqlagent.exe", pf+`\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn`, msCorp, "Microsoft SQL Server", "2022.160.4105.2", "SQLAGENT - SQL Server Agent", "Microsoft"), pServices, wNetSvc, onSQL, 1, `"C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn\SQLAGENT.EXE" -i MSSQLSERVER`),
		tl(dirExe("sqlwriter.exe", pf+`\Microsoft SQL Server\90\Shared`, msCorp, "Microsoft SQL Server", "2022.160.4105.2", "SQL Server VSS Writer - 64 Bit", "Microsoft"), pServices, wSystem, onSQL, 1, `"C:\Program Files\Microsoft SQL Server\90\Shared\sqlwriter.exe"`),
		tl(dirExe("fdlauncher.exe", pf+`\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn`, msCorp, "Microsoft SQL Server", "2022.160.4105.2", "SQL Full-text Filter Daemon Launch Service", "Microsoft"), pServices, wLocalSvc, onSQL, 1, `"C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn\fdlauncher.exe" -s MSSQL16.MSSQLSERVER`),
		tl(dirExe("SQLCEIP.EXE", pf+`\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn`, msCorp, "Microsoft SQL Server", "2022.160.4105.2", "SQL Server Telemetry", "Microsoft"), pServices, wNetSvc, onSQL, 1, `"C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn\sqlceip.exe" -Service MSSQLSERVER`).talks(tcp("vortex.data.microsoft.com", "64.4.54.254", 443)),
		tl(dirExe("sqlservr.exe", pf+`\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn`, msCorp, "Microsoft SQL Server", "2022.160.4105.2", "SQL Server Windows NT - 64 Bit", "Microsoft"), pServices, wNetSvc, onSQL, 1, `"C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn\sqlservr.exe" -sMSSQLSERVER`),
		tl(dirExe("dns.exe", s32, msCorp, winOS, "10.0.20348.2322", "Domain Name System (DNS) Server", "OsVendor"), pServices, wSystem, onDC, 1, `C:\Windows\system32\dns.exe`),
		tl(dirExe("dfsrs.exe", s32, msCorp, winOS, "10.0.20348.2322", "Distributed File System Replication", "OsVendor"), pServices, wSystem, onDC, 1, `C:\Windows\system32\DFSRs.exe`),
		tl(dirExe("ismserv.exe", s32, msCorp, winOS, "10.0.20348.1", "Windows NT Intersite Messaging Service", "OsVendor"), pServices, wSystem, onDC, 1, `C:\Windows\System32\ismserv.exe`),
		tl(dirExe("Microsoft.ActiveDirectory.WebServices.exe", `C:\Windows\ADWS`, msCorp, winOS, "10.0.20348.1", "Active Directory Web Services", "OsVendor"), pServices, wSystem, onDC, 1, `C:\Windows\ADWS\Microsoft.ActiveDirectory.WebServices.exe`),
		tl(dirExe("dcdiag.exe", s32, msCorp, winOS, "10.0.20348.1", "Domain Controller Diagnosis", "OsVendor"), pCmd, wAdmin, onDC, 1, "dcdiag /q", "dcdiag /test:dns /v").talks(ldap),
		tl(dirExe("repadmin.exe", s32, msCorp, winOS, "10.0.20348.1", "Replication Diagnosis Tool", "OsVendor"), pCmd, wAdmin, onDC, 1, "repadmin /replsummary", "repadmin /showrepl"),
		tl(dirExe("dsquery.exe", s32, msCorp, winOS, "10.0.20348.1", "Active Directory Domain Services Directory Query", "OsVendor"), pCmd, wAdmin, onDC, 1, `dsquery user -inactive 8 -limit 0`, `dsquery computer "OU=Workstations,DC=contoso,DC=example"`).talks(ldap),
		tl(dirExe("dsget.exe", s32, msCorp, winOS, "10.0.20348.1", "Active Directory Domain Services Get Command", "OsVendor"), pCmd, wAdmin, onDC, 1, `dsget group "CN=Domain Admins,CN=Users,DC=contoso,DC=example" -members`).talks(ldap),
		tl(dirExe("setspn.exe", s32, msCorp, winOS, "10.0.20348.1", "Query or reset the computer's SPN attribute", "OsVendor"), pCmd, wAdmin, onDC, 1, "setspn -L svc-sql", `setspn -S MSSQLSvc/srv-sql01.contoso.example:1433 CONTOSO\svc-sql`).talks(ldap),
		tl(dirExe("dnscmd.exe", s32, msCorp, winOS, "10.0.20348.1", "Dns Server Configuration Tool", "OsVendor"), pCmd, wAdmin, onDC, 1, "dnscmd /enumzones", "dnscmd /zoneprint contoso.example"),
		tl(dirExe("ntdsutil.exe", s32, msCorp, winOS, "10.0.20348.1", "NT5DS", "OsVendor"), pCmd, wAdmin, onDC, 1, `ntdsutil "metadata cleanup" "connections" "connect to server srv-dc01" quit quit`),
		tl(dirExe("csvde.exe", s32, msCorp, winOS, "10.0.20348.1", "Active Directory Domain Services CSV Import/Export Tool", "OsVendor"), pCmd, wAdmin, onDC, 1, `csvde -f C:\Reports\users.csv -r "(objectClass=user)" -l "sAMAccountName,department,lastLogonTimestamp"`).talks(ldap),
		tl(dirExe("srmhost.exe", s32, msCorp, winOS, "10.0.20348.1", "File Server Resource Manager Reporting", "OsVendor"), pServices, wSystem, onFile, 1, `C:\Windows\system32\srmhost.exe -Embedding`),
		tl(dirExe("VeeamAgent.exe", pf+`\Veeam\Backup and Replication\Backup`, "Veeam Software Group GmbH", "Veeam Agent", "12.1.1.56", "Veeam Agent", "ThirdParty"), pServices, wSystem, onSrv, 1, `"C:\Program Files\Veeam\Backup and Replication\Backup\VeeamAgent.exe" -l C:\ProgramData\Veeam\Backup\Agent.Target.log`).talks(file),
		// Installers and setup programs users and software distribution run.
		tl(dirExe("ChromeSetup.exe", `C:\Users\%U\Downloads`, "Google LLC", "Google Update", "1.3.36.372", "Google Update Setup", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\Downloads\ChromeSetup.exe"`).talks(tcp("dl.google.com", "142.250.185.110", 443)),
		tl(dirExe("VSCodeUserSetup-x64-1.87.2.exe", `C:\Users\%U\Downloads`, msCorp, "Visual Studio Code", "1.87.2", "Visual Studio Code Setup", "Microsoft"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\Downloads\VSCodeUserSetup-x64-1.87.2.exe"`),
		tl(dirExe("python-3.12.2-amd64.exe", `C:\Users\%U\Downloads`, "Python Software Foundation", "Python 3.12.2 (64-bit)", "3.12.2150.0", "Python 3.12.2 (64-bit)", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\Downloads\python-3.12.2-amd64.exe" /quiet InstallAllUsers=0 PrependPath=1`),
		tl(dirExe("ZoomInstallerFull.exe", `C:\Users\%U\Downloads`, "Zoom Video Communications, Inc.", "Zoom", "5.17.11.34827", "Zoom Installer", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\Downloads\ZoomInstallerFull.exe"`).talks(tcp("zoom.us", "170.114.52.2", 443)),
		tl(dirExe("Git-2.44.0-64-bit.exe", `C:\Users\%U\Downloads`, "The Git Development Community", "Git", "2.44.0", "Git for Windows Setup", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\Downloads\Git-2.44.0-64-bit.exe" /VERYSILENT /NORESTART`),
		tl(dirExe("npp.8.6.4.Installer.x64.exe", `C:\Users\%U\Downloads`, "Notepad++ Team", "Notepad++", "8.6.4", "Notepad++ installer", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\Downloads\npp.8.6.4.Installer.x64.exe" /S`),
		tl(dirExe("7z2401-x64.exe", `C:\Users\%U\Downloads`, "Igor Pavlov", "7-Zip", "24.01", "7-Zip Installer", ""), pExplorer, wUser, onWS, 1, `"C:\Users\%U\Downloads\7z2401-x64.exe" /S`),
		tl(dirExe("Firefox Setup 123.0.1.exe", `C:\Users\%U\Downloads`, "Mozilla Corporation", "Firefox", "123.0.1", "Firefox Installer", "ThirdParty"), pExplorer, wUser, onWS, 1, `"C:\Users\%U\Downloads\Firefox Setup 123.0.1.exe" -ms`),
		tl(dirExe("AcroRdrDCx642400120615_MUI.exe", `C:\Windows\ccmcache\3f`, "Adobe Inc.", "Adobe Acrobat Reader", "24.1.20615.0", "Adobe Acrobat Reader Installer", "ThirdParty"), pServices, wSystem, onWS, 1, `"C:\Windows\ccmcache\3f\AcroRdrDCx642400120615_MUI.exe" /sAll /rs /msi EULA_ACCEPT=YES`),
		tl(dirExe("setup.exe", pf+`\Common Files\microsoft shared\ClickToRun\Updates`, msCorp, "Microsoft Office", "16.0.17328.20142", "Microsoft Office Setup", "Microsoft"), pServices, wSystem, onWS, 1, `"C:\Program Files\Common Files\microsoft shared\ClickToRun\Updates\16.0.17328.20142\setup.exe" /update`),
		tl(dirExe("vc_redist.x64.exe", `C:\Windows\ccmcache\4a`, msCorp, "Microsoft Visual C++ 2015-2022 Redistributable (x64)", "14.38.33135.0", "Microsoft Visual C++ 2015-2022 Redistributable (x64)", "Microsoft"), pServices, wSystem, onWin, 1, `"C:\Windows\ccmcache\4a\VC_redist.x64.exe" /install /quiet /norestart`),
		tl(dirExe("dotnet-runtime-8.0.3-win-x64.exe", `C:\Windows\ccmcache\4b`, msCorp, "Microsoft .NET Runtime", "8.0.3.33417", "Microsoft .NET Runtime - 8.0.3 (x64)", "Microsoft"), pServices, wSystem, onWin, 1, `"C:\Windows\ccmcache\4b\dotnet-runtime-8.0.3-win-x64.exe" /install /quiet /norestart`),
		tl(dirExe("TeamsBootstrapper.exe", `C:\Windows\ccmcache\4c`, msCorp, "Microsoft Teams", "1.0.2402202", "Teams Bootstrapper", "Microsoft"), pServices, wSystem, onWS, 1, `"C:\Windows\ccmcache\4c\teamsbootstrapper.exe" -p`).talks(tcp("statics.teams.cdn.office.net", "13.107.246.45", 443)),
		tl(dirExe("OneDriveSetup.exe", `C:\Users\%U\AppData\Local\Microsoft\OneDrive\Update`, msCorp, "Microsoft OneDrive", "24.020.0128.0003", "Microsoft OneDrive Setup", "Microsoft"), pSchedule, wUser, onWS, 1, `"C:\Users\%U\AppData\Local\Microsoft\OneDrive\Update\OneDriveSetup.exe" /update /restart`),
		tl(dirExe("MicrosoftEdgeUpdateSetup_X86_1.3.185.17.exe", `C:\Program Files (x86)\Microsoft\EdgeUpdate\Install\{3B6F0A1D-5C2E-4D8B-9A71-2E0C4F6B8D13}`, msCorp, "Microsoft Edge Update", "1.3.185.17", "Microsoft Edge Update Setup", "Microsoft"), pSchedule, wSystem, onWin, 1, `"C:\Program Files (x86)\Microsoft\EdgeUpdate\Install\{3B6F0A1D-5C2E-4D8B-9A71-2E0C4F6B8D13}\MicrosoftEdgeUpdateSetup_X86_1.3.185.17.exe" /update /sessionid "{6B2D0C4F-1A3E-4F5B-8D7C-9E0A1B2C3D4E}"`),
		tl(dirExe("ccmsetup.exe", `C:\Windows\ccmsetup`, msCorp, "System Center Configuration Manager", "5.00.9122.1000", "Configuration Manager Client Setup Bootstrap", "Microsoft"), pServices, wSystem, onWin, 1, `"C:\Windows\ccmsetup\ccmsetup.exe" /runservice /config:"C:\Windows\ccmsetup\MobileClient.tcf"`),
		// Linux servers.
		tl(dirExe("apt", "/usr/bin", "", "", "2.4.11", "", ""), pSystemd, wSystem, onLinux, 3, "/usr/bin/apt update", "/usr/bin/apt list --upgradable").talks(tcp("archive.ubuntu.com", "91.189.91.82", 80)),
		tl(dirExe("apt-get", "/usr/bin", "", "", "2.4.11", "", ""), pShell, wSystem, onLinux, 2, "apt-get install -y nginx", "apt-get -qq upgrade").talks(tcp("security.ubuntu.com", "185.125.190.39", 80)),
		tl(dirExe("dpkg", "/usr/bin", "", "", "1.21.1", "", ""), pShell, wSystem, onLinux, 2, "/usr/bin/dpkg --status-fd 39 --configure --pending", "dpkg -l"),
		tl(dirExe("unattended-upgrade", "/usr/bin", "", "", "2.8", "", ""), pSystemd, wSystem, onLinux, 1, "/usr/bin/python3 /usr/bin/unattended-upgrade --download-only"),
		tl(dirExe("systemctl", "/usr/bin", "", "", "249", "", ""), pShell, wSystem, onLinux, 3, "systemctl status nginx", "systemctl restart nginx", "systemctl list-units --type=service --state=running"),
		tl(dirExe("journalctl", "/usr/bin", "", "", "249", "", ""), pShell, wSystem, onLinux, 2, "journalctl -u ssh --since today", "journalctl -p err -b"),
		tl(dirExe("sudo", "/usr/bin", "", "", "1.9.9", "", ""), pShell, wUser, onLinux, 4, "sudo -i", "sudo systemctl restart nginx", "sudo tail -n 100 /var/log/syslog"),
		tl(dirExe("ps", "/usr/bin", "", "", "3.3.17", "", ""), pShell, wUser, onLinux, 2, "ps aux", "ps -ef --forest"),
		tl(dirExe("grep", "/usr/bin", "", "", "3.7", "", ""), pShell, wUser, onLinux, 3, "grep -i error /var/log/syslog", "grep -c Failed /var/log/auth.log"),
		tl(dirExe("awk", "/usr/bin", "", "", "5.1.0", "", ""), pShell, wUser, onLinux, 1, `awk '{print $1}' /var/log/nginx/access.log`),
		tl(dirExe("sed", "/usr/bin", "", "", "4.8", "", ""), pShell, wUser, onLinux, 1, `sed -i 's/^#PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_config`),
		tl(dirExe("tar", "/usr/bin", "", "", "1.34", "", ""), pCmd, wSystem, onLinux, 2, "tar -czf /backup/etc-$(date +%F).tar.gz /etc", "tar -xzf /tmp/app.tar.gz -C /opt/app"),
		tl(dirExe("gzip", "/usr/bin", "", "", "1.10", "", ""), pCmd, wSystem, onLinux, 1, "gzip -9 /var/log/app/app.log.1"),
		tl(dirExe("find", "/usr/bin", "", "", "4.8.0", "", ""), pCmd, wSystem, onLinux, 2, "find /var/log -name *.gz -mtime +30 -delete", "find /tmp -type f -atime +7"),
		tl(dirExe("ls", "/usr/bin", "", "", "8.32", "", ""), pShell, wUser, onLinux, 3, "ls -la /var/www/html", "ls -l /etc/cron.d"),
		tl(dirExe("cat", "/usr/bin", "", "", "8.32", "", ""), pShell, wUser, onLinux, 3, "cat /etc/os-release", "cat /etc/passwd"),
		tl(dirExe("id", "/usr/bin", "", "", "8.32", "", ""), pShell, wUser, onLinux, 1, "id"),
		tl(dirExe("uname", "/usr/bin", "", "", "8.32", "", ""), pShell, wUser, onLinux, 1, "uname -a"),
		tl(dirExe("df", "/usr/bin", "", "", "8.32", "", ""), pShell, wUser, onLinux, 2, "df -h"),
		tl(dirExe("du", "/usr/bin", "", "", "8.32", "", ""), pShell, wUser, onLinux, 1, "du -sh /var/log"),
		tl(dirExe("top", "/usr/bin", "", "", "3.3.17", "", ""), pShell, wUser, onLinux, 1, "top -b -n 1"),
		tl(dirExe("ss", "/usr/bin", "", "", "5.15.0", "", ""), pShell, wUser, onLinux, 1, "ss -tulpn"),
		tl(dirExe("ip", "/usr/bin", "", "", "5.15.0", "", ""), pShell, wUser, onLinux, 1, "ip addr show", "ip route"),
		tl(dirExe("iptables", "/usr/sbin", "", "", "1.8.7", "", ""), pShell, wSystem, onLinux, 1, "iptables -L -n -v"),
		tl(dirExe("wget", "/usr/bin", "", "", "1.21.2", "", ""), pShell, wUser, onLinux, 1, "wget -q https://github.com/prometheus/node_exporter/releases/download/v1.7.0/node_exporter-1.7.0.linux-amd64.tar.gz").talks(tcp("github.com", "140.82.121.4", 443)),
		tl(dirExe("ssh", "/usr/bin", "", "", "8.9p1", "", ""), pShell, wUser, onLinux, 1, "ssh -o BatchMode=yes backup@srv-linux02.contoso.example rsync --server -logDtpre.iLsfxC . /backup/").talks(ssh),
		tl(dirExe("rsync", "/usr/bin", "", "", "3.2.7", "", ""), pCmd, wSystem, onLinux, 2, "rsync -az /var/www/ backup@srv-linux02.contoso.example:/backup/www/").talks(ssh),
		tl(dirExe("crontab", "/usr/bin", "", "", "3.0", "", ""), pShell, wUser, onLinux, 1, "crontab -l"),
		tl(dirExe("logrotate", "/usr/sbin", "", "", "3.19.0", "", ""), pCmd, wSystem, onLinux, 2, "/usr/sbin/logrotate /etc/logrotate.conf"),
		tl(dirExe("python3", "/usr/bin", "", "", "3.10.12", "", ""), pCmd, wSystem, onLinux, 2, "/usr/bin/python3 /usr/share/unattended-upgrades/unattended-upgrade-shutdown --wait-for-signal", "python3 /opt/app/healthcheck.py"),
		tl(dirExe("nginx", "/usr/sbin", "", "", "1.18.0", "", ""), pSystemd, wSystem, onLinux, 1, "nginx: master process /usr/sbin/nginx -g daemon on; master_process on;"),
		tl(dirExe("dockerd", "/usr/bin", "", "", "24.0.7", "", ""), pSystemd, wSystem, onLinux, 1, "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock"),
		tl(dirExe("docker", "/usr/bin", "", "", "24.0.7", "", ""), pShell, wUser, onLinux, 2, "docker ps", "docker pull nginx:1.25", "docker logs --tail 50 intranet").talks(tcp("registry-1.docker.io", "54.227.20.253", 443)),
		tl(dirExe("containerd-shim-runc-v2", "/usr/bin", "", "", "1.6.28", "", ""), pSystemd, wSystem, onLinux, 1, "/usr/bin/containerd-shim-runc-v2 -namespace moby -id 6f1e2c4d8a7b -address /run/containerd/containerd.sock"),
		tl(dirExe("rsyslogd", "/usr/sbin", "", "", "8.2112.0", "", ""), pSystemd, wSystem, onLinux, 1, "/usr/sbin/rsyslogd -n -iNONE"),
		tl(dirExe("snap", "/usr/bin", "", "", "2.61.2", "", ""), pSystemd, wSystem, onLinux, 1, "/usr/bin/snap refresh").talks(tcp("api.snapcraft.io", "185.125.188.58", 443)),
		tl(dirExe("mdatp", "/usr/bin", "", "", "101.24012.0001", "", ""), pShell, wSystem, onLinux, 1, "mdatp health --field real_time_protection_enabled"),
		tl(dirExe("wdavdaemon", "/opt/microsoft/mdatp/sbin", msCorp, "Microsoft Defender for Endpoint", "101.24012.0001", "", ""), pSystemd, wSystem, onLinux, 1, "/opt/microsoft/mdatp/sbin/wdavdaemon edr 12 11 --log_level info"),
		tl(dirExe("chmod", "/usr/bin", "", "", "8.32", "", ""), pShell, wSystem, onLinux, 1, "chmod 600 /etc/ssl/private/intranet.key"),
		tl(dirExe("chown", "/usr/bin", "", "", "8.32", "", ""), pShell, wSystem, onLinux, 1, "chown -R www-data:www-data /var/www/html"),
		tl(dirExe("useradd", "/usr/sbin", "", "", "4.8.1", "", ""), pShell, wSystem, onLinux, 1, "useradd -m -s /bin/bash deploy"),
		tl(dirExe("passwd", "/usr/bin", "", "", "4.8.1", "", ""), pShell, wUser, onLinux, 1, "passwd"),
		tl(dirExe("mount", "/usr/bin", "", "", "2.37.2", "", ""), pShell, wSystem, onLinux, 1, "mount -t cifs //srv-file01.contoso.example/Backups /mnt/backups -o credentials=/root/.smbcred").talks(file),
		tl(dirExe("kill", "/usr/bin", "", "", "3.3.17", "", ""), pShell, wUser, onLinux, 1, "kill -HUP 1024"),
		tl(dirExe("vim.basic", "/usr/bin", "", "", "8.2.3995", "", ""), pShell, wUser, onLinux, 2, "vim /etc/nginx/sites-available/intranet"),
		tl(dirExe("less", "/usr/bin", "", "", "590", "", ""), pShell, wUser, onLinux, 1, "less /var/log/syslog"),
		tl(dirExe("hostname", "/usr/bin", "", "", "3.23", "", ""), pShell, wUser, onLinux, 1, "hostname -f"),
		tl(dirExe("whoami", "/usr/bin", "", "", "8.32", "", ""), pShell, wUser, onLinux, 1, "whoami"),
		// macOS workstations.
		tl(dirExe("osascript", "/usr/bin", "Apple Inc.", "", "", "", ""), pLaunchd, wUser, onMac, 1, `osascript -e 'display notification "Backup complete" with title "Time Machine"'`),
		tl(dirExe("mdworker_shared", "/System/Library/Frameworks/CoreServices.framework/Frameworks/Metadata.framework/Versions/A/Support", "Apple Inc.", "", "", "", ""), pLaunchd, wUser, onMac, 3, "/System/Library/Frameworks/CoreServices.framework/Frameworks/Metadata.framework/Versions/A/Support/mdworker_shared -s mdworker -c MDSImporterWorker -m com.apple.mdworker.shared"),
		tl(dirExe("softwareupdated", "/System/Library/PrivateFrameworks/SoftwareUpdate.framework/Resources", "Apple Inc.", "", "", "", ""), pLaunchd, wSystem, onMac, 1, "/System/Library/PrivateFrameworks/SoftwareUpdate.framework/Resources/softwareupdated").talks(tcp("swscan.apple.com", "17.253.83.202", 443)),
		tl(dirExe("Finder", "/System/Library/CoreServices/Finder.app/Contents/MacOS", "Apple Inc.", "", "", "", ""), pLaunchd, wUser, onMac, 2, "/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder"),
		tl(dirExe("Slack", "/Applications/Slack.app/Contents/MacOS", "Slack Technologies Inc.", "Slack", "4.36.140", "", ""), pLaunchd, wUser, onMac, 2, "/Applications/Slack.app/Contents/MacOS/Slack").talks(tcp("app.slack.com", "3.164.68.37", 443)),
		tl(dirExe("zoom.us", "/Applications/zoom.us.app/Contents/MacOS", "Zoom Video Communications, Inc.", "Zoom", "5.17.11", "", ""), pLaunchd, wUser, onMac, 2, "/Applications/zoom.us.app/Contents/MacOS/zoom.us").talks(tcp("zoom.us", "170.114.52.2", 443)),
		tl(dirExe("Google Chrome", "/Applications/Google Chrome.app/Contents/MacOS", "Google LLC", "Google Chrome", "122.0.6261.112", "", ""), pLaunchd, wUser, onMac, 3, "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome").talks(tcp("www.google.com", "142.250.184.196", 443)),
		tl(dirExe("Microsoft Word", "/Applications/Microsoft Word.app/Contents/MacOS", msCorp, "Microsoft Word", "16.82", "", ""), pLaunchd, wUser, onMac, 2, "/Applications/Microsoft Word.app/Contents/MacOS/Microsoft Word"),
		tl(dirExe("Microsoft Outlook", "/Applications/Microsoft Outlook.app/Contents/MacOS", msCorp, "Microsoft Outlook", "16.82", "", ""), pLaunchd, wUser, onMac, 2, "/Applications/Microsoft Outlook.app/Contents/MacOS/Microsoft Outlook").talks(tcp("outlook.office365.com", "52.97.146.162", 443)),
		tl(dirExe("MSTeams", "/Applications/Microsoft Teams.app/Contents/MacOS", msCorp, "Microsoft Teams", "24033.811", "", ""), pLaunchd, wUser, onMac, 2, "/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams").talks(tcp("teams.microsoft.com", "52.113.194.132", 443)),
		tl(dirExe("wdavdaemon_unprivileged", "/Library/Application Support/Microsoft/Defender", msCorp, "Microsoft Defender", "101.24012.0001", "", ""), pLaunchd, wSystem, onMac, 1, "/Library/Application Support/Microsoft/Defender/wdavdaemon_unprivileged unprivileged 9 11"),
		tl(dirExe("mdfind", "/usr/bin", "Apple Inc.", "", "", "", ""), pShell, wUser, onMac, 1, `mdfind "kMDItemKind == 'PDF'"`),
		tl(dirExe("brew", "/opt/homebrew/bin", "", "", "4.2.11", "", ""), pShell, wUser, onMac, 1, "brew update", "brew upgrade").talks(tcp("formulae.brew.sh", "185.199.108.153", 443)),
		tl(dirExe("git", "/usr/bin", "Apple Inc.", "", "2.39.3", "", ""), pShell, wUser, onMac, 1, "git pull").talks(tcp("github.com", "140.82.121.4", 443)),
		tl(dirExe("sw_vers", "/usr/bin", "Apple Inc.", "", "", "", ""), pShell, wUser, onMac, 1, "sw_vers"),
		tl(dirExe("defaults", "/usr/bin", "Apple Inc.", "", "", "", ""), pShell, wUser, onMac, 1, "defaults read com.apple.dock"),
	}
}

// fits reports whether tool t runs on device d.
func (t *tool) fits(d *device) bool {
	switch t.on {
	case onWS:
		return !d.server && d.os.family == "windows"
	case onSrv:
		return d.server && d.os.family == "windows"
	case onWin:
		return d.os.family == "windows"
	case onDC, onSQL, onWeb, onFile:
		return d.os.family == "windows" && d.role == map[placeKind]string{onDC: "dc", onSQL: "sql", onWeb: "web", onFile: "file"}[t.on]
	case onLinux:
		return d.os.family == "linux"
	case onMac:
		return d.os.family == "macos"
	}
	return false
}

// expand fills a command line template for device d.
func expand(cmd string, d *device, w *world) string {
	if !strings.Contains(cmd, "%") {
		return cmd
	}
	return strings.NewReplacer("%U", d.owner.profile, "%F", w.fileSrv.name, "%Q", w.sqlSrv.name, "%C", w.dc.name).Replace(cmd)
}
