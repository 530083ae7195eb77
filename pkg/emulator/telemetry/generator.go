package telemetry

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// perDeviceDay is the measured rows per device per day of the big tables (default device mix), used to size
// the column slices up front: too small costs regrowth copies, too large costs memory the GC still scans.
func perDeviceDay() map[string]float64 {
	return map[string]float64{
		"DeviceProcessEvents": 59.4, "DeviceNetworkEvents": 84.0, "DeviceFileEvents": 33.5, "DeviceRegistryEvents": 13.1,
		"DeviceImageLoadEvents": 17.3, "DeviceEvents": 10.6, "DeviceLogonEvents": 4.0,
	}
}

// generator holds one run's state: options, schema, the simulated organisation and a builder per table.
// It is single-threaded: one scratch row is reused for every event.
type generator struct {
	opts     Options
	schema   *defenderschema.Schema
	w        *world
	c        *clock
	builders map[string]*builder
	order    []string
	row      row
	net      netInfo
	reg      regInfo
	report   int64
	activity *rnd
	bl       *baseline
	ep       endpoints
	cl       *cmdlines

	proc, netw, files, regs, imgs, events, logons *builder
	alerts, behaviors                             []*alert
}

func newGenerator(opts Options, schema *defenderschema.Schema) (*generator, error) {
	g := &generator{opts: opts, schema: schema, builders: make(map[string]*builder, len(schema.Tables))}
	g.w = buildWorld(opts)
	g.c = newClock(opts.Now, opts.Days)
	g.activity = newRnd(opts.Seed, "activity")
	hints := perDeviceDay()
	common := commonFields()
	for i := range schema.Tables {
		t := &schema.Tables[i]
		hint := int(hints[t.Name] * float64(opts.Devices*(opts.Days+1)) * 1.05)
		b, err := newBuilder(t, hint, leanColumns(t.Name), tableFields(t.Name), common)
		if err != nil {
			return nil, err
		}
		g.builders[t.Name] = b
		g.order = append(g.order, t.Name)
	}
	var missing []string
	get := func(name string) *builder {
		b := g.builders[name]
		if b == nil {
			missing = append(missing, name)
		}
		return b
	}
	g.proc, g.netw, g.files = get("DeviceProcessEvents"), get("DeviceNetworkEvents"), get("DeviceFileEvents")
	g.regs, g.imgs, g.events = get("DeviceRegistryEvents"), get("DeviceImageLoadEvents"), get("DeviceEvents")
	g.logons = get("DeviceLogonEvents")
	if len(missing) > 0 {
		return nil, fmt.Errorf("telemetry: the embedded schema lacks tables %v that the generator fills", missing)
	}
	return g, nil
}

// run generates every table: endpoint activity, then the attack stories, then the tables derived from both.
func (g *generator) run() {
	g.endpointActivity()
	g.stories()
	g.emailTables()
	g.cloudTables()
	g.appActivity()
	g.identityTables()
	g.deviceInventory()
	g.alertTables()
}

// catalog finishes every builder into the Catalog and adds the legacy views.
func (g *generator) catalog() (*dataset.Catalog, error) {
	maxRows := 0
	for _, b := range g.builders {
		maxRows = max(maxRows, b.rows)
	}
	z := newShared(maxRows)
	cat := &dataset.Catalog{Tables: make(map[string]*dataset.Table, len(g.builders)+16), DeviceGroups: make(map[string]string, len(g.w.devices))}
	for _, name := range g.order {
		cat.Tables[name] = g.builders[name].finish(z)
	}
	for _, d := range g.w.devices {
		cat.DeviceGroups[d.id] = d.group
	}
	dae, err := g.deviceAlertEvents()
	if err != nil {
		return nil, err
	}
	cat.Tables[dae.Name] = dae
	if err := addLegacyViews(cat, g.schema); err != nil {
		return nil, err
	}
	if err := addRetiredViews(cat); err != nil {
		return nil, err
	}
	return cat, nil
}
