package telemetry

import "fmt"

// shellCmd is a child of a command prompt and its command line.
type shellCmd struct {
	img int
	cmd string
}

// cmdlines are the benign command lines, built once per run so that rows share their strings.
type cmdlines struct {
	chrome, edge, taskhost, mpcmdrun, wuauclt, wmi []string
	psCommands                                     []string // PowerShellCommand AdditionalFields
	shell                                          []shellCmd
	mpSig, mpLog                                   *file
	inventoryPS                                    string // a benign -EncodedCommand, as management agents run them
}

func newCmdlines() *cmdlines {
	c := &cmdlines{}
	for i := 1; i <= 12; i++ {
		c.chrome = append(c.chrome, fmt.Sprintf(`"C:\Program Files\Google\Chrome\Application\chrome.exe" --type=renderer --lang=en-US --renderer-client-id=%d --field-trial-handle=1964,i,%d,262144 /prefetch:1`, i+5, 9110430276617582000+int64(i)*7))
		c.edge = append(c.edge, fmt.Sprintf(`"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe" --type=renderer --lang=en-US --renderer-client-id=%d --mojo-platform-channel-handle=%d /prefetch:1`, i+4, 5400+i*12))
	}
	c.chrome = append(c.chrome, `"C:\Program Files\Google\Chrome\Application\chrome.exe" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none /prefetch:8`)
	c.edge = append(c.edge, `"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none /prefetch:11`)
	c.taskhost = []string{`taskhostw.exe`, `taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly`, `taskhostw.exe Install $(Arg0)`, `taskhostw.exe SYSTEM`, `taskhostw.exe KEYROAMING`}
	c.mpcmdrun = []string{`"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0\MpCmdRun.exe" SignatureUpdate -ScheduleJob -RestrictPrivileges`, `"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0\MpCmdRun.exe" -wdenable`, `"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0\MpCmdRun.exe" -IdleTask -TaskName WdCacheMaintenance`}
	c.wuauclt = []string{`"C:\Windows\system32\wuauclt.exe" /UpdateDeploymentProvider UpdateDeploymentProvider.dll /ClassId 0b5a2d2b-3c8e-4b5a-9d1e-5b9f0e6a1c3d /RunHandlerComServer`, `wuauclt.exe /RunHandlerComServer`}
	c.wmi = []string{`C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding`, `C:\Windows\system32\wbem\wmiprvse.exe -Embedding`, `C:\Windows\system32\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}`}
	c.psCommands = []string{
		`{"Command":"Get-Process"}`, `{"Command":"Get-Service"}`, `{"Command":"Get-ChildItem"}`,
		`{"Command":"Test-NetConnection"}`, `{"Command":"Get-ItemProperty"}`, `{"Command":"Import-Module"}`,
	}
	c.shell = []shellCmd{
		{iIpconfig, `ipconfig /all`}, {iPing, `ping -n 4 srv-file01.contoso.example`}, {iWhoami, `whoami`},
		{iNet, `net use`}, {iIpconfig, `ipconfig /flushdns`}, {iPing, `ping 8.8.8.8`},
		{iNotepad, `"C:\Windows\system32\notepad.exe"`}, {iRobocopy, `robocopy C:\Users\Public\Reports \\srv-file01\Shares\Reports /MIR /R:1`},
		{iReg, `reg query HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`},
	}
	c.mpSig = dataFile(`C:\ProgramData\Microsoft\Windows Defender\Definition Updates\Updates\mpasdlta.vdm`, "mpsig", 2_818_376)
	c.mpLog = dataFile(`C:\ProgramData\Microsoft\Windows Defender\Support\MPLog-20240301-101531.log`, "mplog", 9_442_117)
	c.inventoryPS = `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ` + encodedCommand(`Get-CimInstance Win32_OperatingSystem | Select-Object LastBootUpTime, Version | ConvertTo-Json -Compress | Out-File C:\ProgramData\Contoso\inventory.json`)
	return c
}
