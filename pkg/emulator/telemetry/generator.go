package telemetry

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// generator holds one run's state: options, schema, the simulated organisation and a builder per table.
type generator struct {
	opts     Options
	schema   *defenderschema.Schema
	builders map[string]*builder
	order    []string
}

func newGenerator(opts Options, schema *defenderschema.Schema) (*generator, error) {
	g := &generator{opts: opts, schema: schema, builders: make(map[string]*builder, len(schema.Tables))}
	for i := range schema.Tables {
		t := &schema.Tables[i]
		b, err := newBuilder(t, 0, commonFields())
		if err != nil {
			return nil, err
		}
		g.builders[t.Name] = b
		g.order = append(g.order, t.Name)
	}
	return g, nil
}

func (g *generator) run() error { return nil }

// catalog finishes every builder into the Catalog.
func (g *generator) catalog() (*dataset.Catalog, error) {
	maxRows := 0
	for _, b := range g.builders {
		maxRows = max(maxRows, b.rows)
	}
	z := newShared(maxRows)
	cat := &dataset.Catalog{Tables: make(map[string]*dataset.Table, len(g.builders)+16), DeviceGroups: map[string]string{}}
	for _, name := range g.order {
		cat.Tables[name] = g.builders[name].finish(z)
	}
	if len(cat.Tables) != len(g.schema.Tables) {
		return nil, fmt.Errorf("telemetry: built %d tables, schema has %d", len(cat.Tables), len(g.schema.Tables))
	}
	return cat, nil
}
