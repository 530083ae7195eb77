package telemetry

// tableFields returns the cells specific to one table; they take precedence over commonFields.
func tableFields(table string) fields {
	switch table {
	case "EmailEvents", "EmailAttachmentInfo", "EmailUrlInfo", "EmailPostDeliveryEvents", "CampaignInfo":
		return emailFields()
	case "UrlClickEvents":
		return clickFields()
	case "IdentityLogonEvents", "IdentityDirectoryEvents", "IdentityQueryEvents", "IdentityInfo", "IdentityAccountInfo":
		return identityFields()
	case "CloudAppEvents", "OAuthAppInfo", "AADSignInEventsBeta", "EntraIdSignInEvents":
		return cloudFields()
	case "AlertInfo", "AlertEvidence", "BehaviorInfo", "BehaviorEntities":
		return alertFields()
	case "DeviceInfo", "DeviceNetworkInfo":
		return inventoryFields()
	case "DeviceTvmSecureConfigurationAssessment", "DeviceTvmSecureConfigurationAssessmentKB", "DeviceFileCertificateInfo",
		"DeviceTvmHardwareFirmware", "DeviceTvmBrowserExtensions", "DeviceTvmBrowserExtensionsKB":
		return securityFields()
	case "DeviceTvmInfoGathering", "DeviceTvmInfoGatheringKB":
		return infoGatheringCells()
	case "GraphApiAuditEvents", "AADSpnSignInEventsBeta", "EntraIdSpnSignInEvents":
		return graphFields()
	}
	return tvmFields(table)
}

// leanColumns are columns the generator leaves empty in the high-volume device tables although it could fill
// them: each string cell costs a 16-byte header per row, and these are rarely hunted on (the initiating
// process's version details beyond company, product and original file name; session ids; the parent's
// creation time outside DeviceProcessEvents). Dropping them keeps the default demo at a few hundred MB.
func leanColumns(table string) map[string]bool {
	lean := map[string]bool{
		"InitiatingProcessVersionInfoProductVersion":   true,
		"InitiatingProcessVersionInfoInternalFileName": true,
		"InitiatingProcessVersionInfoFileDescription":  true,
		"InitiatingProcessSessionId":                   true,
		"CreatedProcessSessionId":                      true,
	}
	switch table {
	case "DeviceProcessEvents":
	case "DeviceNetworkEvents", "DeviceFileEvents", "DeviceRegistryEvents", "DeviceImageLoadEvents", "DeviceEvents":
		lean["InitiatingProcessParentCreationTime"] = true
		lean["InitiatingProcessFileSize"] = true
	default:
		return nil
	}
	return lean
}
