package telemetry

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// addLegacyViews adds the 2018-2019 tables (ProcessCreationEvents, MachineInfo, ...) as views over their
// successors: each legacy column is a new dataset.Column header over the successor column's slices, renamed
// per the legacy column map (EventTime -> Timestamp, ...). No cell is copied. DeviceAlertEvents must already be
// in cat (it is materialized from the alerts, having no single successor).
func addLegacyViews(cat *dataset.Catalog, schema *defenderschema.Schema) error {
	legacy, err := defenderschema.LegacyTables()
	if err != nil {
		return fmt.Errorf("telemetry: %w", err)
	}
	for _, lt := range legacy {
		if lt.RenamedTo == "" {
			continue
		}
		succ, ok := cat.Tables[lt.RenamedTo]
		if !ok {
			return fmt.Errorf("telemetry: legacy table %s: successor %s is not in the catalog", lt.Name, lt.RenamedTo)
		}
		view := &dataset.Table{Name: lt.Name, Columns: make([]*dataset.Column, 0, len(lt.Columns))}
		n := succ.Rows()
		for _, lc := range lt.Columns {
			typ, err := dataset.ParseType(lc.Type)
			if err != nil {
				return fmt.Errorf("telemetry: legacy table %s column %s: %w", lt.Name, lc.Name, err)
			}
			name := lc.Name
			if renamed, ok := schema.Legacy.Columns[name]; ok {
				name = renamed
			}
			view.Columns = append(view.Columns, viewColumn(lc.Name, typ, succ.Column(name), n))
		}
		cat.Tables[lt.Name] = view
	}
	return nil
}

// viewColumn shares src's slices under a new header, or returns an all-empty column when the successor has no
// such column.
func viewColumn(name string, typ dataset.Type, src *dataset.Column, n int) *dataset.Column {
	c := &dataset.Column{Name: name, Type: typ}
	if src == nil {
		empty := dataset.NewColumn(name, typ, n)
		for i := 0; i < n; i++ {
			switch storageOf(typ) {
			case kStr:
				empty.Str = append(empty.Str, "")
			case kInt:
				empty.Int = append(empty.Int, 0)
			case kReal:
				empty.Real = append(empty.Real, 0)
			case kDyn:
				empty.Dyn = append(empty.Dyn, nil)
			}
		}
		if storageOf(typ) != kStr && n > 0 {
			empty.Null = make([]bool, n)
			for i := range empty.Null {
				empty.Null[i] = true
			}
		}
		return empty
	}
	// The legacy type when the storage agrees (int ProcessId over a long column); otherwise the current type
	// (LogonId was documented as string in 2019 and is long now), so that no cell is ever copied.
	if storageOf(typ) != storageOf(src.Type) {
		c.Type = src.Type
	}
	c.Str, c.Int, c.Real, c.Dyn, c.Null = src.Str, src.Int, src.Real, src.Dyn, src.Null
	return c
}

// deviceAlertEvents materializes the Defender for Endpoint alert table (and so its legacy view AlertEvents)
// from the alerts: one row per alert and impacted machine, with the first file, IP and URL evidence.
func (g *generator) deviceAlertEvents() (*dataset.Table, error) {
	legacy, err := defenderschema.LegacyTables()
	if err != nil {
		return nil, fmt.Errorf("telemetry: %w", err)
	}
	var def *defenderschema.LegacyTable
	for i := range legacy {
		if legacy[i].Name == "DeviceAlertEvents" {
			def = &legacy[i]
		}
	}
	if def == nil {
		return nil, fmt.Errorf("telemetry: legacy-aliases.json lacks DeviceAlertEvents")
	}
	t := &defenderschema.Table{Name: def.Name, Columns: def.Columns}
	b, err := newBuilder(t, len(g.alerts), nil, alertFields(), fields{
		"Table": str(func(r *row) string { return evidenceTable(r.alert) }),
	}, commonFields())
	if err != nil {
		return nil, err
	}
	var n netInfo
	for _, a := range g.alerts {
		if !g.inWindow(a.ts) {
			continue
		}
		for i := range a.evidence {
			m := &a.evidence[i]
			if m.entityType != "Machine" || m.role != "Impacted" {
				continue
			}
			r := g.reset(a.ts, m.dev, "")
			r.alert, r.ev = a, m
			n = netInfo{}
			for j := range a.evidence {
				e := &a.evidence[j]
				if r.file == nil && e.file != nil {
					r.file = e.file
				}
				n.remoteIP = max(n.remoteIP, e.remoteIP)
				n.remoteURL = max(n.remoteURL, e.remoteURL)
			}
			r.net = &n
			b.add(r)
		}
	}
	return b.finish(newShared(b.rows)), nil
}

// evidenceTable names the table holding the alert's main evidence, as DeviceAlertEvents.Table did.
func evidenceTable(a *alert) string {
	if a == nil {
		return ""
	}
	for _, e := range a.evidence {
		switch e.entityType {
		case "Process":
			return "DeviceProcessEvents"
		case "File":
			return "DeviceFileEvents"
		case "Ip", "Url":
			return "DeviceNetworkEvents"
		case "Registry":
			return "DeviceRegistryEvents"
		}
	}
	return ""
}

// retiredTVMColumns are the columns of DeviceTvmSoftwareInventoryVulnerabilities, retired in March 2021 in
// favour of DeviceTvmSoftwareInventory and DeviceTvmSoftwareVulnerabilities (MicrosoftDocs/windows-itpro-docs,
// advanced-hunting-tvm-softwareinventory-table.md, 2019-2020). They are the first ten columns of
// DeviceTvmSoftwareVulnerabilities, under the same names.
func retiredTVMColumns() []string {
	return []string{"DeviceId", "DeviceName", "OSPlatform", "OSVersion", "OSArchitecture", "SoftwareVendor", "SoftwareName",
		"SoftwareVersion", "CveId", "VulnerabilitySeverityLevel"}
}

// addRetiredViews adds two tables retired in 2021 that many public hunting queries still name:
// DeviceTvmSoftwareInventoryVulnerabilities as a view over DeviceTvmSoftwareVulnerabilities (its
// vulnerable-software rows; software without a CVE is in DeviceTvmSoftwareInventory only), and AppFileEvents,
// empty.
func addRetiredViews(cat *dataset.Catalog) error {
	src, ok := cat.Tables["DeviceTvmSoftwareVulnerabilities"]
	if !ok {
		return fmt.Errorf("telemetry: DeviceTvmSoftwareVulnerabilities is not in the catalog")
	}
	view := &dataset.Table{Name: "DeviceTvmSoftwareInventoryVulnerabilities"}
	for _, name := range retiredTVMColumns() {
		c := src.Column(name)
		if c == nil {
			return fmt.Errorf("telemetry: DeviceTvmSoftwareVulnerabilities lacks %s", name)
		}
		view.Columns = append(view.Columns, viewColumn(name, c.Type, c, src.Rows()))
	}
	cat.Tables[view.Name] = view
	// Retired without a 1:1 successor and no longer logging: present and empty, as the service answered.
	b, err := newBuilder(appFileEvents(), 0, nil)
	if err != nil {
		return err
	}
	cat.Tables["AppFileEvents"] = b.finish(newShared(0))
	return nil
}

// appFileEvents is the column list of AppFileEvents (MicrosoftDocs, advanced-hunting-appfileevents-table.md,
// 2020): Cloud App Security file activity, which stopped logging on 2021-03-07 in favour of CloudAppEvents.
func appFileEvents() *defenderschema.Table {
	t := &defenderschema.Table{Name: "AppFileEvents", Description: "File activities in cloud apps (retired 2021-03-07; use CloudAppEvents)"}
	for _, c := range [][2]string{
		{"Timestamp", "datetime"}, {"ActionType", "string"}, {"Application", "string"}, {"FileName", "string"},
		{"FolderPath", "string"}, {"PreviousFileName", "string"}, {"PreviousFolderPath", "string"}, {"Protocol", "string"},
		{"AccountName", "string"}, {"AccountDomain", "string"}, {"AccountSid", "string"}, {"AccountUpn", "string"},
		{"AccountObjectId", "string"}, {"AccountDisplayName", "string"}, {"DeviceName", "string"}, {"DeviceType", "string"},
		{"OSPlatform", "string"}, {"IPAddress", "string"}, {"Port", "string"}, {"DestinationDeviceName", "string"},
		{"DestinationIPAddress", "string"}, {"DestinationPort", "string"}, {"Location", "string"}, {"Isp", "string"},
		{"ReportId", "long"}, {"AdditionalFields", "string"},
	} {
		t.Columns = append(t.Columns, defenderschema.Column{Name: c[0], Type: c[1]})
	}
	return t
}
