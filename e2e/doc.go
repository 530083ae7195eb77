// Package e2e holds the end-to-end tests: they build the real plugin executable (gpx_quarry) and the
// hunting-emulator, start both as processes, talk to the plugin over gRPC exactly as Grafana does
// (hashicorp/go-plugin, protocol version 2, the SDK's plugin set) and check CheckHealth, QueryData and
// CallResource answers for every API flavor and format.
//
// It owns no product code. Run it with: go test ./e2e/ (about 20 s warm; builds both binaries first).
package e2e
