// Package plugin is Quarry's Grafana face: it turns data source settings into an instance (HTTP client,
// token source, hunting client decorated by the quota layer), answers QueryData (macros, time range
// clamping, the move off retired Defender names on Graph and XDR, frames per format, notices, frame meta),
// CheckHealth (settings, sign-in, permission, one cheap query; on a legacy API also whether Graph is ready)
// and CallResource (GET /schema for the query editor).
//
// It is the only package that imports the SDK's backend package. It does not talk HTTP to Microsoft
// (package hunting), sign in (package auth), budget or cache calls (package quota), or parse KQL beyond
// macro expansion (package kql). Errors from those packages are classified in exactly one place,
// errors.go, using hunting.IsDownstream.
package plugin
