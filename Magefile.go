//go:build mage
// +build mage

package main

import (
	"runtime"

	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
	"github.com/magefile/mage/mg"
)

// Default builds the backend for every platform Grafana publishes plugins for (linux amd64, arm64 and
// arm; darwin amd64 and arm64; windows amd64), as the release workflow does.
var Default = build.BuildAll

// Local builds the backend for the Grafana of docker compose: linux/amd64, and linux for this machine's
// architecture when that differs (Docker on Apple Silicon and on Graviton runs linux/arm64 containers,
// whose Grafana looks for gpx_quarry_linux_arm64).
func Local() {
	b := build.Build{}
	targets := []interface{}{b.Linux}
	if runtime.GOARCH != "amd64" {
		targets = append(targets, mg.F(b.Custom, "linux", runtime.GOARCH))
	}
	mg.SerialDeps(targets...)
}
