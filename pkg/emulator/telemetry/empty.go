package telemetry

// emptyTables lists the schema tables the generator leaves without rows, with the reason. The tables exist
// with every column (queries over them compile and return nothing, as on a tenant without that product);
// doc.go repeats this list. TestEverySchemaTableAndColumn keeps it honest in both directions.
func emptyTables() map[string]string {
	const (
		cloud     = "Defender for Cloud workloads (cloud VMs, containers, storage) are not part of the demo tenant"
		purview   = "Microsoft Purview Insider Risk Management / DLP is not enabled in the demo tenant"
		teamsMsg  = "Teams message protection (Defender for Office 365 Plan 2 for Teams) is not simulated"
		exposure  = "Security Exposure Management graph is not simulated"
		agents    = "no Copilot Studio / AI agents in the demo tenant"
		tvmExtra  = "vulnerability management add-on assessment not simulated (software inventory and CVEs are)"
		baseline  = "security baselines assessment (premium add-on) not simulated"
		notSimTxt = "not simulated yet: no public hunting query in KQL-COVERAGE.md's sample needs it"
	)
	return map[string]string{
		"AIAgentsInfo":                         agents,
		"AgentsInfo":                           agents,
		"CallActivityEvents":                   "Teams calling is not simulated",
		"CloudAuditEvents":                     cloud,
		"CloudDnsEvents":                       cloud,
		"CloudPolicyEnforcementEvents":         cloud,
		"CloudProcessEvents":                   cloud,
		"CloudStorageAggregatedEvents":         cloud,
		"DataSecurityBehaviors":                purview,
		"DataSecurityEvents":                   purview,
		"DeviceBaselineComplianceAssessment":   baseline,
		"DeviceBaselineComplianceAssessmentKB": baseline,
		"DeviceBaselineComplianceProfiles":     baseline,
		"DeviceTvmCertificateInfo":             tvmExtra,
		"DeviceTvmSoftwareEvidenceBeta":        tvmExtra,
		"DisruptionAndResponseEvents":          "automatic attack disruption did not trigger in the demo stories",
		"ExposureGraphEdges":                   exposure,
		"ExposureGraphNodes":                   exposure,
		"FileMaliciousContentInfo":             "no malware was found in SharePoint / OneDrive / Teams files",
		"IdentityEvents":                       notSimTxt,
		"MessageContents":                      teamsMsg,
		"MessageEvents":                        teamsMsg,
		"MessagePostDeliveryEvents":            teamsMsg,
		"MessageUrlInfo":                       teamsMsg,
	}
}
