package e2e

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// testEnv is what TestMain starts once for all tests: building and starting processes dominates the
// run time, and Grafana too runs one plugin process for every data source.
type testEnv struct {
	pluginBin string
	emu       *emulatorProc
	plugin    *pluginProc
}

var env testEnv

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "quarry-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	pluginBin, emuBin, err := buildBinaries(ctx, dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "e2e: built gpx_quarry and hunting-emulator in %s\n", time.Since(start).Round(time.Millisecond))
	emu, err := startEmulator(emuBin, dir, 60*time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer emu.stop()
	plugin, err := startPlugin(pluginBin, "GF_PLUGIN_ALLOW_CUSTOM_ENDPOINTS=true")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer plugin.stop()
	env = testEnv{pluginBin: pluginBin, emu: emu, plugin: plugin}
	return m.Run()
}
