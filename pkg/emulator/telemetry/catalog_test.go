package telemetry

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// TestEveryschemaTableAndColumn: the engine resolves tables and columns from the catalog, so each schema table
// must be there with its columns in schema order and exactly the schema's types, all of equal length.
func TestEverySchemaTableAndColumn(t *testing.T) {
	cat := demo(t)
	schema, err := defenderschema.Load()
	if err != nil {
		t.Fatal(err)
	}
	empty := emptyTables()
	for _, st := range schema.Tables {
		tb, ok := cat.Tables[st.Name]
		if !ok {
			t.Errorf("table %s missing", st.Name)
			continue
		}
		if len(tb.Columns) != len(st.Columns) {
			t.Errorf("%s has %d columns, schema %d", st.Name, len(tb.Columns), len(st.Columns))
			continue
		}
		for i, sc := range st.Columns {
			want, _ := dataset.ParseType(sc.Type)
			c := tb.Columns[i]
			if c.Name != sc.Name || c.Type != want {
				t.Errorf("%s column %d = %s:%s, want %s:%s", st.Name, i, c.Name, c.Type, sc.Name, want)
			}
			if c.Len() != tb.Rows() || (c.Null != nil && len(c.Null) != tb.Rows()) {
				t.Errorf("%s.%s has %d cells (null mask %d), table has %d rows", st.Name, c.Name, c.Len(), len(c.Null), tb.Rows())
			}
		}
		_, documented := empty[st.Name]
		switch {
		case tb.Rows() == 0 && !documented:
			t.Errorf("%s has no rows and is not documented as empty in emptyTables", st.Name)
		case tb.Rows() > 0 && documented:
			t.Errorf("%s has %d rows but is documented as empty", st.Name, tb.Rows())
		}
	}
}

// TestTimestampsInWindow: every Timestamp lies in [Now-Days, Now], so ago() filters behave as on the service.
func TestTimestampsInWindow(t *testing.T) {
	cat := demo(t)
	lo, hi := fixedNow.Add(-DefaultDays*24*time.Hour).UnixNano(), fixedNow.UnixNano()
	for name, tb := range cat.Tables {
		c := tb.Column("Timestamp")
		if c == nil {
			continue
		}
		for i, v := range c.Int {
			if !c.IsNull(i) && (v < lo || v > hi) {
				t.Fatalf("%s row %d Timestamp %v outside [%v, %v]", name, i, time.Unix(0, v).UTC(), fixedNow.Add(-DefaultDays*24*time.Hour), fixedNow)
			}
		}
	}
}

// TestDeterministic: same seed and now give identical tables; another seed gives other data.
func TestDeterministic(t *testing.T) {
	opts := Options{Seed: 42, Devices: 12, Days: 5, Now: fixedNow}
	a, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Tables) != len(b.Tables) || !reflect.DeepEqual(a.DeviceGroups, b.DeviceGroups) {
		t.Fatal("table sets or device groups differ between two runs")
	}
	for name, ta := range a.Tables {
		tb := b.Tables[name]
		for i, ca := range ta.Columns {
			cb := tb.Columns[i]
			if ca.Name != cb.Name || !slices.Equal(ca.Str, cb.Str) || !slices.Equal(ca.Int, cb.Int) || !slices.Equal(ca.Real, cb.Real) || !slices.Equal(ca.Null, cb.Null) || !reflect.DeepEqual(ca.Dyn, cb.Dyn) {
				t.Fatalf("%s.%s differs between two runs with the same seed", name, ca.Name)
			}
		}
	}
	opts.Seed = 43
	c, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(a.Tables["DeviceProcessEvents"].Column("DeviceId").Str, c.Tables["DeviceProcessEvents"].Column("DeviceId").Str) {
		t.Error("seeds 42 and 43 produced the same DeviceProcessEvents.DeviceId column")
	}
}

// TestDeviceGroups: both demo groups have devices, every device row belongs to a known device, and
// DeviceInfo.MachineGroup agrees with the catalog's assignment that scopes delegated callers.
func TestDeviceGroups(t *testing.T) {
	cat := demo(t)
	count := map[string]int{}
	for _, g := range cat.DeviceGroups {
		count[g]++
	}
	for _, g := range []string{groupServers, groupWorkstations} {
		if count[g] == 0 {
			t.Errorf("device group %s has no devices", g)
		}
	}
	for name, tb := range cat.Tables {
		c := tb.Column("DeviceId")
		if c == nil || c.Type != dataset.String {
			continue
		}
		for i, id := range c.Str {
			if _, ok := cat.DeviceGroups[id]; id != "" && !ok {
				t.Fatalf("%s row %d DeviceId %q has no device group", name, i, id)
			}
		}
	}
	info := tableView(t, cat, "DeviceInfo")
	for i := 0; i < info.tb.Rows(); i++ {
		if got, want := info.s("MachineGroup", i), cat.DeviceGroups[info.s("DeviceId", i)]; got != want {
			t.Fatalf("DeviceInfo row %d MachineGroup %q, DeviceGroups says %q", i, got, want)
		}
	}
}

// TestLegacyViewsShareData: the legacy tables are renamed headers over the successor's slices, not copies.
func TestLegacyViewsShareData(t *testing.T) {
	cat := demo(t)
	tests := []struct{ legacy, legacyCol, table, col string }{
		{"ProcessCreationEvents", "EventTime", "DeviceProcessEvents", "Timestamp"},
		{"ProcessCreationEvents", "ComputerName", "DeviceProcessEvents", "DeviceName"},
		{"NetworkCommunicationEvents", "MachineId", "DeviceNetworkEvents", "DeviceId"},
		{"MachineInfo", "MachineGroup", "DeviceInfo", "MachineGroup"},
		{"LogonEvents", "AccountName", "DeviceLogonEvents", "AccountName"},
		{"AlertEvents", "Title", "DeviceAlertEvents", "Title"},
		{"DeviceTvmSoftwareInventoryVulnerabilities", "CveId", "DeviceTvmSoftwareVulnerabilities", "CveId"},
	}
	for _, tc := range tests {
		t.Run(tc.legacy+"."+tc.legacyCol, func(t *testing.T) {
			l, s := cat.Tables[tc.legacy].Column(tc.legacyCol), cat.Tables[tc.table].Column(tc.col)
			if l == nil || s == nil {
				t.Fatalf("missing column: %v %v", l, s)
			}
			if s.Len() == 0 {
				t.Fatalf("%s is empty", tc.table)
			}
			if l.Len() != s.Len() {
				t.Fatalf("lengths %d vs %d", l.Len(), s.Len())
			}
			shared := (len(s.Str) > 0 && &l.Str[0] == &s.Str[0]) || (len(s.Int) > 0 && &l.Int[0] == &s.Int[0])
			if !shared {
				t.Errorf("%s.%s does not share %s.%s's cells", tc.legacy, tc.legacyCol, tc.table, tc.col)
			}
		})
	}
}

// TestAdditionalFieldsShape: string AdditionalFields hold JSON objects; dynamic ones hold JSON-shaped values.
func TestAdditionalFieldsShape(t *testing.T) {
	cat := demo(t)
	for name, tb := range cat.Tables {
		c := tb.Column("AdditionalFields")
		if c == nil {
			continue
		}
		n := c.Len()
		for i := 0; i < n; i += max(1, n/500) {
			switch c.Type {
			case dataset.String:
				if v := c.Str[i]; v != "" && !json.Valid([]byte(v)) {
					t.Fatalf("%s row %d AdditionalFields is not JSON: %s", name, i, v)
				}
			case dataset.Dynamic:
				if _, err := json.Marshal(c.Dyn[i]); err != nil {
					t.Fatalf("%s row %d AdditionalFields cannot be serialized: %v", name, i, err)
				}
			}
		}
	}
}

// TestDynamicValuesAreJSONShaped: dynamic cells hold only the types dataset.Column documents (nil, bool,
// float64, int64, string, []any, map[string]any), so the engine and the serializer need no other cases.
func TestDynamicValuesAreJSONShaped(t *testing.T) {
	cat := demo(t)
	var check func(v any) bool
	check = func(v any) bool {
		switch x := v.(type) {
		case nil, bool, float64, int64, string:
			return true
		case []any:
			for _, e := range x {
				if !check(e) {
					return false
				}
			}
			return true
		case map[string]any:
			for _, e := range x {
				if !check(e) {
					return false
				}
			}
			return true
		}
		return false
	}
	seen := 0
	for name, tb := range cat.Tables {
		for _, c := range tb.Columns {
			if c.Type != dataset.Dynamic {
				continue
			}
			for i, v := range c.Dyn {
				if v != nil {
					seen++
				}
				if !check(v) {
					t.Fatalf("%s.%s row %d holds %T (%v)", name, c.Name, i, v, v)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no dynamic cell has a value")
	}
}

// TestLegacyViewsShareEveryColumn: every legacy column whose successor column has data shares its slice, and
// legacy names resolve (EventTime, ComputerName, MachineId...).
func TestLegacyViewsShareEveryColumn(t *testing.T) {
	cat := demo(t)
	legacy, err := defenderschema.LegacyTables()
	if err != nil {
		t.Fatal(err)
	}
	schema, _ := defenderschema.Load()
	for _, lt := range legacy {
		if lt.RenamedTo == "" {
			continue
		}
		view, succ := cat.Tables[lt.Name], cat.Tables[lt.RenamedTo]
		if view == nil || succ == nil {
			t.Fatalf("%s or %s missing", lt.Name, lt.RenamedTo)
		}
		if len(view.Columns) != len(lt.Columns) || view.Rows() != succ.Rows() {
			t.Errorf("%s: %d columns, %d rows; want %d columns, %d rows", lt.Name, len(view.Columns), view.Rows(), len(lt.Columns), succ.Rows())
		}
		for i, lc := range lt.Columns {
			c := view.Columns[i]
			if c.Name != lc.Name {
				t.Errorf("%s column %d = %s, want %s", lt.Name, i, c.Name, lc.Name)
			}
			name := lc.Name
			if n, ok := schema.Legacy.Columns[name]; ok {
				name = n
			}
			s := succ.Column(name)
			if s == nil || s.Len() == 0 {
				continue
			}
			if (len(s.Str) > 0 && &c.Str[0] != &s.Str[0]) || (len(s.Int) > 0 && &c.Int[0] != &s.Int[0]) {
				t.Errorf("%s.%s copies %s.%s instead of sharing it", lt.Name, lc.Name, lt.RenamedTo, name)
			}
		}
	}
}

// TestRetiredTables: the 2021 retirements that old queries name resolve, with their documented columns.
func TestRetiredTables(t *testing.T) {
	cat := demo(t)
	tests := []struct {
		name     string
		columns  int
		wantRows bool
	}{
		{"DeviceTvmSoftwareInventoryVulnerabilities", 10, true},
		{"AppFileEvents", 26, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb, ok := cat.Tables[tc.name]
			if !ok {
				t.Fatal("missing")
			}
			if len(tb.Columns) != tc.columns || (tb.Rows() > 0) != tc.wantRows {
				t.Errorf("%d columns, %d rows; want %d columns, rows %v", len(tb.Columns), tb.Rows(), tc.columns, tc.wantRows)
			}
			for _, c := range tb.Columns {
				if c.Len() != tb.Rows() {
					t.Errorf("%s has %d cells for %d rows", c.Name, c.Len(), tb.Rows())
				}
			}
		})
	}
}
