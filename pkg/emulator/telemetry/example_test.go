package telemetry_test

import (
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/telemetry"
)

// A small tenant for a quick test: ten devices, one week of history ending at a fixed instant. The legacy
// tables answer with the 2019 column names over the same cells.
func ExampleGenerate() {
	now := time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)
	cat, err := telemetry.Generate(telemetry.Options{Seed: 1, Devices: 10, Days: 7, Now: now})
	if err != nil {
		fmt.Println(err)
		return
	}
	groups := map[string]int{}
	for _, g := range cat.DeviceGroups {
		groups[g]++
	}
	pce := cat.Tables["ProcessCreationEvents"]
	fmt.Println(groups["Servers"], "servers,", groups["Workstations"], "workstations")
	fmt.Println(pce.Columns[0].Name, pce.Columns[0].Type, pce.Rows() == cat.Tables["DeviceProcessEvents"].Rows())
	// Output:
	// 2 servers, 8 workstations
	// EventTime datetime true
}
