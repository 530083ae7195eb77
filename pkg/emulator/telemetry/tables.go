package telemetry

// tableFields returns the cells specific to one table; they take precedence over commonFields.
func tableFields(table string) fields {
	switch table {
	case "EmailEvents", "EmailAttachmentInfo", "EmailUrlInfo", "EmailPostDeliveryEvents":
		return emailFields()
	case "UrlClickEvents":
		return clickFields()
	case "IdentityLogonEvents", "IdentityDirectoryEvents", "IdentityQueryEvents", "IdentityInfo":
		return identityFields()
	case "CloudAppEvents", "OAuthAppInfo", "AADSignInEventsBeta", "EntraIdSignInEvents":
		return cloudFields()
	case "AlertInfo", "AlertEvidence":
		return alertFields()
	case "DeviceInfo", "DeviceNetworkInfo":
		return inventoryFields()
	}
	if tvm := tvmFields(table); tvm != nil {
		return tvm
	}
	return nil
}
