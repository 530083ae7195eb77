package defenderschema

import "testing"

func TestLoad(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Tables); got != 66 {
		t.Errorf("tables = %d, want 66 (the count in the schema README)", got)
	}
	columns := 0
	for _, tb := range s.Tables {
		columns += len(tb.Columns)
	}
	if columns != 1643 {
		t.Errorf("columns = %d, want 1643", columns)
	}
	dpe, ok := s.Table("DeviceProcessEvents")
	if !ok {
		t.Fatal("DeviceProcessEvents missing")
	}
	if c, ok := dpe.Column("Timestamp"); !ok || c.Type != "datetime" {
		t.Errorf("DeviceProcessEvents.Timestamp = %+v, %v; want a datetime column", c, ok)
	}
	if got := s.Legacy.Tables["ProcessCreationEvents"]; got != "DeviceProcessEvents" {
		t.Errorf("legacy ProcessCreationEvents -> %q", got)
	}
	if got := s.Legacy.Columns["EventTime"]; got != "Timestamp" {
		t.Errorf("legacy EventTime -> %q", got)
	}
}
