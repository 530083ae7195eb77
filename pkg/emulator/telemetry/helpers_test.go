package telemetry

import "time"

var fixedNow = time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)

func legacyNames() map[string]bool {
	return map[string]bool{"ProcessCreationEvents": true, "NetworkCommunicationEvents": true, "FileCreationEvents": true,
		"RegistryEvents": true, "LogonEvents": true, "ImageLoadEvents": true, "MiscEvents": true, "MachineInfo": true,
		"MachineNetworkInfo": true, "AlertEvents": true, "DeviceAlertEvents": true}
}
