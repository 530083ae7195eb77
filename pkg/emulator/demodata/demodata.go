package demodata

import (
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine"
	"github.com/quarry-defender/quarry/pkg/emulator/telemetry"
)

// Engine generates the telemetry o asks for (-seed, -devices, -days) ending at now and returns the KQL
// engine over it, with the number of rows generated. It is an emulator.EngineBuilder.
func Engine(o emulator.Options, now time.Time) (dataset.Engine, int, error) {
	cat, err := telemetry.Generate(telemetry.Options{Seed: o.Seed, Devices: o.Devices, Days: o.Days, Now: now})
	if err != nil {
		return nil, 0, fmt.Errorf("generate telemetry: %w", err)
	}
	rows := 0
	for _, t := range cat.Tables {
		rows += t.Rows()
	}
	return engine.New(cat), rows, nil
}

var _ emulator.EngineBuilder = Engine
