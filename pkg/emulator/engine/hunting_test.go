package engine

import "testing"

// Complete hunting queries in the style analysts write, over the shared test catalog.
func TestHuntingQueries(t *testing.T) {
	runCases(t, []queryCase{
		{
			name: "encoded PowerShell in the last week",
			in: `// Encoded PowerShell download cradles
let lookback = 7d;
DeviceProcessEvents
| where Timestamp > ago(lookback)
| where FileName in~ ("powershell.exe", "pwsh.exe")
| where ProcessCommandLine contains "-enc" or ProcessCommandLine has "hidden"
| extend Host = toupper(DeviceName)
| project Timestamp, Host, ProcessCommandLine
| order by Timestamp desc`,
			want: "Timestamp,Host,ProcessCommandLine\nnow-1h0m0s,ALPHA,powershell -enc SQBFAFgA\nnow-3h0m0s,BETA,powershell.exe -nop -w hidden",
		},
		{
			name: "PowerShell processes that talked to the network",
			in: `DeviceProcessEvents
| where FileName =~ "powershell.exe"
| join kind=inner (
    DeviceNetworkEvents
    | where RemotePort in (443, 53)
    | project DeviceId, InitiatingProcessId, RemoteIP, RemotePort
) on DeviceId, $left.ProcessId == $right.InitiatingProcessId
| summarize Connections = count(), IPs = make_set(RemoteIP) by DeviceName
| order by DeviceName asc`,
			want: "DeviceName,Connections,IPs\nalpha,1,[\"10.0.0.1\"]\nbeta,1,[\"8.8.8.8\"]",
		},
		{
			name: "devices with processes but no network activity",
			in: `let procs = materialize(DeviceProcessEvents | summarize Processes = count() by DeviceId);
let talkers = DeviceNetworkEvents | distinct DeviceId;
procs
| join kind=leftanti talkers on DeviceId`,
			want: "DeviceId,Processes\nd3,1",
		},
		{
			name: "lateral movement tools with the latest event per device",
			in: `DeviceProcessEvents
| where FileName =~ "psexec.exe" or ProcessCommandLine matches regex @"\\\\[a-z]+ -s"
| summarize arg_max(Timestamp, ProcessCommandLine), Count = count() by DeviceId
| extend Tool = tostring(split(ProcessCommandLine, " ")[0])
| project DeviceId, Tool, Count`,
			want: "DeviceId,Tool,Count\nd3,psexec,1",
		},
		{
			name: "hourly activity of the last day with union and bin",
			in: `union withsource=Source DeviceProcessEvents, DeviceNetworkEvents
| where Timestamp between (ago(1d) .. now())
| summarize Events = count() by Source, bin(Timestamp, 12h)
| order by Source asc, Timestamp asc`,
			want: "Source,Timestamp,Events\nDeviceNetworkEvents,now-12h0m0s,2\nDeviceProcessEvents,now-12h0m0s,3",
		},
	})
}
