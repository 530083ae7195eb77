package telemetry

import (
	"strings"
	"testing"
	"time"
)

func TestOptionsWithDefaults(t *testing.T) {
	tests := []struct {
		name    string
		in      Options
		want    Options
		wantErr string
	}{
		{name: "zero values take the defaults", in: Options{Now: fixedNow}, want: Options{Seed: DefaultSeed, Devices: DefaultDevices, Days: DefaultDays, Now: fixedNow}},
		{name: "explicit values are kept", in: Options{Seed: 7, Devices: 3, Days: 2, Now: fixedNow}, want: Options{Seed: 7, Devices: 3, Days: 2, Now: fixedNow}},
		{name: "now is normalized to UTC", in: Options{Seed: 7, Devices: 3, Days: 2, Now: fixedNow.In(time.FixedZone("CET", 3600))}, want: Options{Seed: 7, Devices: 3, Days: 2, Now: fixedNow}},
		{name: "negative devices", in: Options{Devices: -1}, wantErr: "devices = -1 is out of range"},
		{name: "too many days", in: Options{Days: MaxDays + 1}, wantErr: "days = 91 is out of range"},
		{name: "too much data", in: Options{Devices: MaxDevices, Days: MaxDays}, wantErr: "lower devices or days"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.in.withDefaults()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	if _, err := Generate(Options{Devices: -5}); err == nil || !strings.Contains(err.Error(), "devices") {
		t.Fatalf("Generate(Devices: -5) err = %v, want an error naming devices", err)
	}
}

// TestSmallTenants: the smallest sizes generate without panicking, keep the schema, and keep both device
// groups populated from two devices up.
func TestSmallTenants(t *testing.T) {
	tests := []struct {
		name          string
		in            Options
		wantBothGroup bool
	}{
		{name: "one device, one day", in: Options{Devices: 1, Days: 1, Now: fixedNow}},
		{name: "two devices", in: Options{Devices: 2, Days: 2, Now: fixedNow}, wantBothGroup: true},
		{name: "three devices, a week", in: Options{Devices: 3, Days: 7, Now: fixedNow}, wantBothGroup: true},
		{name: "twenty devices, weekend only", in: Options{Devices: 20, Days: 1, Now: time.Date(2026, 3, 15, 23, 0, 0, 0, time.UTC)}, wantBothGroup: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cat, err := Generate(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if len(cat.DeviceGroups) != tc.in.Devices {
				t.Errorf("%d devices in DeviceGroups, want %d", len(cat.DeviceGroups), tc.in.Devices)
			}
			groups := map[string]bool{}
			for _, g := range cat.DeviceGroups {
				groups[g] = true
			}
			if tc.wantBothGroup && (!groups[groupServers] || !groups[groupWorkstations]) {
				t.Errorf("groups = %v, want Servers and Workstations", groups)
			}
			if cat.Tables["DeviceInfo"].Rows() == 0 || cat.Tables["ProcessCreationEvents"] == nil {
				t.Error("DeviceInfo empty or legacy views missing")
			}
		})
	}
}
