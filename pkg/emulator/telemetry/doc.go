// Package telemetry generates deterministic synthetic Microsoft Defender advanced hunting data for the
// emulator: a dataset.Catalog with every table of the hunting schema (pkg/defenderschema), the legacy
// 2018-2019 tables as views, and the device-group assignment that scopes delegated callers.
//
// It owns what the data looks like. It does not evaluate KQL (pkg/emulator/engine), serve HTTP
// (pkg/emulator) or define the table format (pkg/emulator/dataset).
//
// # Entry point
//
// Generate(Options{Seed, Devices, Days, Now}). Zero values mean DefaultSeed, DefaultDevices (100),
// DefaultDays (30) and time.Now(). The same Seed and Now give an identical catalog; timestamps lie in
// [Now-Days, Now] with a working-hours rhythm (UTC) and quiet weekends. The default demo has about 0.75
// million rows (DeviceNetworkEvents, DeviceProcessEvents and DeviceFileEvents the biggest) and keeps about
// 450-500 MB of heap; rows grow linearly with Devices x Days. TestSizeAndSpeed and BenchmarkGenerateDefault
// report the figures.
//
// # The organisation
//
// contoso.example: about 15% servers (device group "Servers": domain controller, file, SQL, web, app and
// Ubuntu servers) and workstations (group "Workstations": Windows 10/11 and a few macOS), one user per
// workstation plus analyst@ and helpdesk@contoso.example (the demo users of the emulator). DeviceInfo's
// MachineGroup agrees with Catalog.DeviceGroups. Process trees are linked: a child's InitiatingProcessId,
// CreationTime and parent columns are its parent's, and network, file, registry, image-load and DeviceEvents
// rows point at the process instance that caused them.
//
// # Attack stories (see stories*.go; each has AlertInfo/AlertEvidence rows pointing at its traces)
//
//   - Phishing: an invoice lure with a macro document reaches three users (EmailEvents, EmailUrlInfo,
//     EmailAttachmentInfo), one clicks (UrlClickEvents ClickAllowed, BrowserLaunchedToOpenUrl), downloads the
//     document with Edge (DeviceFileEvents FileOriginUrl); ZAP later quarantines it (EmailPostDeliveryEvents).
//   - Encoded PowerShell cradle: WINWORD.EXE -> cmd.exe -> powershell.exe -nop -w hidden -enc <IEX (New-Object
//     Net.WebClient).DownloadString(...)>, payload written to and run from AppData\Local\Temp, Run key and
//     scheduled task persistence, beaconing, whoami/net/nltest reconnaissance and LDAP queries. A readable
//     IEX cradle fetching PowerView runs on another workstation.
//   - PsExec lateral movement to the file server: SMB connections, a Network logon (DeviceLogonEvents and
//     IdentityLogonEvents), PSEXESVC.exe dropped over ADMIN$, its service key and ServiceInstalled event,
//     services.exe -> PSEXESVC.exe -> remote-session cmd.exe.
//   - LSASS access: procdump64 -ma lsass.exe and rundll32 comsvcs.dll, MiniDump, each with an
//     OpenProcessApiCall on lsass.exe in DeviceEvents and the dump file.
//   - Ransomware on the file server and a workstation: vssadmin delete shadows /all /quiet, wmic shadowcopy
//     delete, bcdedit recoveryenabled No, then hundreds of FileRenamed to *.locked in minutes and ransom notes.
//   - Suspicious OAuth app: a user consents to "MailSync Pro" (CloudAppEvents "Consent to application." with
//     RawEventData), the app reads mail from a hosting address (CloudAppEvents, GraphApiAuditEvents, service
//     principal sign-ins, a BehaviorInfo behavior); OAuthAppInfo lists it as High privilege.
//   - Smaller hunts: certutil -urlcache download, an ASR audit of Word's child process, a local admin account
//     created (net user /add, UserAccountCreated, UserAccountAddedToLocalGroup) and the Security log cleared
//     on the file server, RDP password spraying from a public address against the web server, EICAR and PUA
//     detections. Everyday false positives: a management agent's -EncodedCommand PowerShell on servers,
//     admins' RDP, failed browser connections.
//
// The seed document's example (ProcessCreationEvents, powershell.exe initiating a command line containing
// "appdata") finds the payload and a benign Teams updater started by a logon script.
//
// Attacker infrastructure uses documentation addresses (198.51.100.0/24) and .example domains only.
//
// # Legacy tables
//
// ProcessCreationEvents, NetworkCommunicationEvents, FileCreationEvents, RegistryEvents, LogonEvents,
// ImageLoadEvents, MiscEvents, MachineInfo, MachineNetworkInfo and AlertEvents are views: their columns (from
// defenderschema.LegacyTables, legacy names such as EventTime, ComputerName, MachineId) share the successor's
// slices; a column keeps its legacy type unless the two documents disagree on its storage (LogonId: string in
// 2019, long now), where it keeps the current type rather than copying. DeviceAlertEvents (Defender for Endpoint only, no single successor) is materialized from the alerts,
// one row per alert and impacted device; AlertEvents is a view over it. DeviceTvmSoftwareInventoryVulnerabilities
// (retired in 2021, still named by many public queries) is a view over DeviceTvmSoftwareVulnerabilities, and
// AppFileEvents (stopped logging in 2021) exists with its documented columns and no rows. Readers must treat every slice as
// read-only: unset columns also share one backing array per type.
//
// # Empty tables
//
// These schema tables exist with all their columns and no rows (emptyTables has the reason of each):
// AIAgentsInfo and AgentsInfo (no AI agents), CallActivityEvents and the Message* tables (Teams calling and
// message protection), the Cloud* tables (Defender for Cloud workloads), DataSecurityBehaviors and
// DataSecurityEvents (Purview), the DeviceBaselineCompliance* tables (premium baselines), DeviceTvmCertificateInfo
// and DeviceTvmSoftwareEvidenceBeta (vulnerability management add-on), DisruptionAndResponseEvents (no attack
// disruption), ExposureGraphEdges and ExposureGraphNodes, FileMaliciousContentInfo and IdentityEvents.
//
// # Known simplifications
//
// In the high-volume device tables a few rarely hunted columns stay empty to save memory (leanColumns): the
// initiating process's ProductVersion, InternalFileName and FileDescription, session ids, and outside
// DeviceProcessEvents the initiating process's file size and parent creation time. Times are UTC with one
// working-hours profile; Linux and macOS devices have simple cron, SSH and browser activity.
package telemetry
