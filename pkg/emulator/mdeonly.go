package emulator

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
)

// mdeOnlyTables are the tables only the Defender for Endpoint API serves: the 2018-2019 names
// (ProcessCreationEvents, MachineInfo, ...) and DeviceAlertEvents, which Defender XDR replaced with
// AlertInfo and AlertEvidence. On Graph and XDR, Microsoft answers a query over one of them with
// "Failed to resolve table or column expression", so the emulator hides them there.
func mdeOnlyTables() (map[string]bool, error) {
	legacy, err := defenderschema.LegacyTables()
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	out := make(map[string]bool, len(legacy))
	for _, t := range legacy {
		out[t.Name] = true
	}
	return out, nil
}

// hiddenTables is what api does not serve.
func (s *Server) hiddenTables(api apiKind) map[string]bool {
	if api.family() == familyMDE {
		return nil
	}
	return s.mdeOnly
}
