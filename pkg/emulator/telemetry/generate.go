package telemetry

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// Generate builds the whole catalog for opts: every table of the advanced hunting schema (columns in schema
// order with the schema's types), the legacy 2018-2019 tables as views over their successors, and the
// device-group assignment. It is deterministic for a given Seed and Now.
func Generate(opts Options) (*dataset.Catalog, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	schema, err := defenderschema.Load()
	if err != nil {
		return nil, fmt.Errorf("telemetry: %w", err)
	}
	g, err := newGenerator(opts, schema)
	if err != nil {
		return nil, err
	}
	g.run()
	return g.catalog()
}
