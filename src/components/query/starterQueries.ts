import { QueryFormat } from '../../types';

export interface StarterQuery {
  title: string;
  description: string;
  format: QueryFormat;
  queryText: string;
}

// Hunting queries SOC analysts reach for first. Each one uses the time macros so it follows the dashboard.
export const STARTER_QUERIES: StarterQuery[] = [
  {
    title: 'Encoded PowerShell commands',
    description: 'PowerShell started with -EncodedCommand, a common way to hide a payload',
    format: 'table',
    queryText: `DeviceProcessEvents
| where $__timeFilter(Timestamp)
| where FileName in~ ("powershell.exe", "pwsh.exe")
| where ProcessCommandLine matches regex @"(?i)\\s-e(nc|ncodedcommand)?\\s"
| project Timestamp, DeviceName, AccountDomain, AccountName, ProcessCommandLine, InitiatingProcessFileName
| order by Timestamp desc`,
  },
  {
    title: 'LSASS memory access',
    description: 'Processes opening lsass.exe or dumping it, as credential theft tools do',
    format: 'table',
    queryText: `union
  (DeviceEvents
   | where $__timeFilter(Timestamp)
   | where ActionType == "OpenProcessApiCall" and FileName =~ "lsass.exe"),
  (DeviceProcessEvents
   | where $__timeFilter(Timestamp)
   | where ProcessCommandLine has "lsass" and ProcessCommandLine has_any ("-ma", "MiniDump", "comsvcs"))
| project Timestamp, DeviceName, ActionType, InitiatingProcessFileName, InitiatingProcessCommandLine, InitiatingProcessAccountName
| order by Timestamp desc`,
  },
  {
    title: 'PsExec lateral movement',
    description: 'PsExec service and client executions by account and target device',
    format: 'table',
    queryText: `DeviceProcessEvents
| where $__timeFilter(Timestamp)
| where InitiatingProcessFileName =~ "psexesvc.exe" or FileName in~ ("psexec.exe", "psexec64.exe", "psexesvc.exe")
| summarize Executions = count(), Devices = dcount(DeviceName), LastSeen = max(Timestamp) by AccountDomain, AccountName, FileName
| order by Devices desc`,
  },
  {
    title: 'Shadow copy deletion',
    description: 'vssadmin, wmic or PowerShell deleting volume shadow copies, typical before ransomware',
    format: 'table',
    queryText: `DeviceProcessEvents
| where $__timeFilter(Timestamp)
| where (FileName =~ "vssadmin.exe" and ProcessCommandLine has_all ("delete", "shadows"))
    or (FileName =~ "wmic.exe" and ProcessCommandLine has_all ("shadowcopy", "delete"))
    or (FileName in~ ("powershell.exe", "pwsh.exe") and ProcessCommandLine has "Win32_ShadowCopy")
| project Timestamp, DeviceName, AccountName, FileName, ProcessCommandLine
| order by Timestamp desc`,
  },
  {
    title: 'Clicks on phishing links',
    description: 'Users who clicked a URL in an email flagged as phishing',
    format: 'table',
    queryText: `EmailEvents
| where $__timeFilter(Timestamp)
| where ThreatTypes has "Phish"
| join kind=inner (UrlClickEvents | where $__timeFilter(Timestamp)) on NetworkMessageId
| project Timestamp = Timestamp1, AccountUpn, Url, ActionType, Subject, SenderFromAddress
| order by Timestamp desc`,
  },
  {
    title: 'Process events over time',
    description: 'Process creations per interval, as a time series',
    format: 'time_series',
    queryText: `DeviceProcessEvents
| where $__timeFilter(Timestamp)
| summarize Processes = count() by bin(Timestamp, $__timeInterval)
| order by Timestamp asc`,
  },
  {
    title: 'Top alerts',
    description: 'The most frequent alert titles by severity',
    format: 'table',
    queryText: `AlertInfo
| where $__timeFilter(Timestamp)
| summarize Alerts = count(), LastSeen = max(Timestamp) by Title, Severity, ServiceSource
| top 20 by Alerts`,
  },
  {
    title: 'Logon failures over time',
    description: 'Failed logons per interval for the ten accounts with the most failures',
    format: 'time_series',
    queryText: `let failures = DeviceLogonEvents
| where $__timeFilter(Timestamp)
| where ActionType == "LogonFailed";
let top_accounts = failures | summarize count() by AccountName | top 10 by count_ | project AccountName;
failures
| where AccountName in (top_accounts)
| summarize Failures = count() by bin(Timestamp, $__timeInterval), AccountName
| order by Timestamp asc`,
  },
  {
    title: 'Rare outbound connections',
    description: 'Public destinations only one device talked to',
    format: 'table',
    queryText: `DeviceNetworkEvents
| where $__timeFilter(Timestamp)
| where RemoteIPType == "Public" and ActionType == "ConnectionSuccess"
| summarize Devices = dcount(DeviceId), Connections = count(), FirstSeen = min(Timestamp), AnyDevice = any(DeviceName) by RemoteIP, RemoteUrl
| where Devices == 1
| order by Connections asc
| take 100`,
  },
  {
    title: 'OAuth app consents',
    description: 'Users granting consent to applications, a route for illicit consent grants',
    format: 'table',
    queryText: `CloudAppEvents
| where $__timeFilter(Timestamp)
| where ActionType == "Consent to application."
| project Timestamp, AccountDisplayName, AccountObjectId, IPAddress, CountryCode, Application, RawEventData
| order by Timestamp desc`,
  },
  {
    title: 'Process events as logs',
    description: 'Recent process creations for a logs panel; uses the time column setting',
    format: 'logs',
    queryText: `DeviceProcessEvents
| where $__timeFilter()
| project Timestamp, DeviceName, AccountName, ProcessCommandLine
| order by Timestamp desc
| take 1000`,
  },
  {
    title: 'Devices (for a variable)',
    description: 'Distinct device names, for a dashboard variable',
    format: 'table',
    queryText: `DeviceInfo
| where $__timeFilter(Timestamp)
| distinct DeviceName
| order by DeviceName asc`,
  },
];
