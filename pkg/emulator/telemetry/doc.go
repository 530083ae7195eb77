// Package telemetry generates deterministic synthetic Microsoft Defender advanced hunting data for the
// emulator: a dataset.Catalog with every table of the hunting schema (pkg/defenderschema), the legacy
// 2018-2019 tables as views, and the device-group assignment that scopes delegated callers.
//
// It owns what the data looks like. It does not evaluate KQL (pkg/emulator/engine), serve HTTP
// (pkg/emulator) or define the table format (pkg/emulator/dataset).
package telemetry
