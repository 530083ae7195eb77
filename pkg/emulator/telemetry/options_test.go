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
