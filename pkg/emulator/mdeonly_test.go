package emulator_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

// Microsoft's Graph and XDR APIs have never served the 2018-2019 tables or DeviceAlertEvents; only Defender
// for Endpoint does. The server tells the engine which tables the called API hides.
func TestLegacyTablesHiddenOutsideMDE(t *testing.T) {
	eng := newRecordingEngine(time.Now())
	emu := emulatortest.Start(t, emulatortest.WithEngine(eng))
	tests := []struct {
		path, scope string
		wantHidden  bool
	}{
		{"/api/advancedqueries/run", mdeScope, false},
		{"/api/advancedhunting/run", xdrScope, true},
		{"/v1.0/security/runHuntingQuery", graphScope, true},
		{"/beta/security/runHuntingQuery", graphScope, true},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			status, _, b := emu.Call(t, "POST", tc.path, emu.AppToken(t, emulator.DemoReaderAppID, tc.scope), `{"Query":"DeviceProcessEvents | take 1"}`)
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, b)
			}
			hidden := eng.lastQuery(t).Hidden
			for _, name := range []string{"ProcessCreationEvents", "NetworkCommunicationEvents", "FileCreationEvents", "RegistryEvents",
				"LogonEvents", "ImageLoadEvents", "MiscEvents", "MachineInfo", "MachineNetworkInfo", "AlertEvents", "DeviceAlertEvents"} {
				if hidden[name] != tc.wantHidden {
					t.Errorf("hidden[%s] = %v, want %v", name, hidden[name], tc.wantHidden)
				}
			}
			if hidden["DeviceProcessEvents"] {
				t.Error("DeviceProcessEvents hidden")
			}
		})
	}
}
