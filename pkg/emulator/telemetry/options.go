package telemetry

import (
	"fmt"
	"time"
)

// Defaults applied to zero-valued Options fields. The default demo size is about a million rows over 30 days:
// big enough for realistic hunting, small enough that an emulator starts in well under a second or two.
const (
	DefaultSeed    int64 = 20181029
	DefaultDevices       = 100
	DefaultDays          = 30
)

// Limits that keep generation bounded; rows grow linearly with Devices x Days (about 330 per device-day).
const (
	MaxDevices    = 2000
	MaxDays       = 90
	MaxDeviceDays = 12000
)

// Options controls the generated data. Zero values mean the documented defaults: Seed DefaultSeed, Devices
// DefaultDevices, Days DefaultDays, Now time.Now() (which makes the catalog depend on the clock: pass Now for
// reproducible data).
type Options struct {
	// Seed selects the data: the same Seed and Now give an identical catalog.
	Seed int64
	// Devices is the number of onboarded devices (servers and workstations).
	Devices int
	// Days is how much history, ending at Now, the events cover.
	Days int
	// Now is the end of the generated history; timestamps lie in [Now-Days, Now].
	Now time.Time
}

// withDefaults fills zero fields and rejects values that cannot be generated, naming the fix.
func (o Options) withDefaults() (Options, error) {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Devices == 0 {
		o.Devices = DefaultDevices
	}
	if o.Days == 0 {
		o.Days = DefaultDays
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC()
	switch {
	case o.Devices < 0 || o.Devices > MaxDevices:
		return o, fmt.Errorf("telemetry: devices = %d is out of range: use 1..%d (0 = default %d)", o.Devices, MaxDevices, DefaultDevices)
	case o.Days < 0 || o.Days > MaxDays:
		return o, fmt.Errorf("telemetry: days = %d is out of range: use 1..%d (0 = default %d)", o.Days, MaxDays, DefaultDays)
	case o.Devices*o.Days > MaxDeviceDays:
		return o, fmt.Errorf("telemetry: devices x days = %d x %d = %d exceeds %d: lower devices or days", o.Devices, o.Days, o.Devices*o.Days, MaxDeviceDays)
	}
	return o, nil
}
