package defenderschema

import (
	"strings"
	"testing"
)

func TestLegacyTables(t *testing.T) {
	legacy, err := LegacyTables()
	if err != nil {
		t.Fatal(err)
	}
	if len(legacy) != 11 {
		t.Errorf("legacy tables = %d, want 11 (the count in the schema README)", len(legacy))
	}
	columns := 0
	var pce *LegacyTable
	for i := range legacy {
		columns += len(legacy[i].Columns)
		if legacy[i].Name == "ProcessCreationEvents" {
			pce = &legacy[i]
		}
	}
	if columns != 291 {
		t.Errorf("legacy columns = %d, want 291", columns)
	}
	if pce == nil || pce.RenamedTo != "DeviceProcessEvents" || len(pce.Columns) == 0 || pce.Columns[0].Name != "EventTime" {
		t.Fatalf("ProcessCreationEvents = %+v, want renamed to DeviceProcessEvents with EventTime first", pce)
	}
}

func TestLegacyTableColumns(t *testing.T) {
	names, err := Legacy()
	if err != nil {
		t.Fatal(err)
	}
	if got := names.TableColumns["MachineInfo"]; strings.Join(got, ",") != "EventTime,MachineId,ComputerName,RegistryMachineTag" {
		t.Errorf("MachineInfo renamed columns = %v", got)
	}
	if len(names.TableColumns) != len(names.Tables) {
		t.Errorf("%d tables with renamed columns, want all %d renamed tables", len(names.TableColumns), len(names.Tables))
	}
}
