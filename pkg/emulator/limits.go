package emulator

import (
	"fmt"
	"time"
)

// Limits are the service limits one profile enforces. A zero field means "no limit".
type Limits struct {
	// Profile names the set: "2026", "2018" or "off".
	Profile string
	// MaxRows caps every result silently, as the service does.
	MaxRows int
	// CallsPerMinute and CallsPerHour budget API calls per tenant over sliding windows.
	CallsPerMinute, CallsPerHour int
	// CPUPerHour and CPUPerDay budget engine time per tenant over sliding windows.
	CPUPerHour, CPUPerDay time.Duration
	// TimeoutMDE bounds one Defender for Endpoint request; Timeout bounds XDR and Graph requests.
	TimeoutMDE, Timeout time.Duration
	// MaxResultBytes caps the serialized result; larger results are answered with 400.
	MaxResultBytes int64
	// LenientJSON accepts raw control characters (newlines) inside JSON strings of a request body, as the
	// service did before it started answering them with "Missing query." (late 2022).
	LenientJSON bool
}

// LimitsFor returns the limits of a named profile: "2026" (current documentation), "2018" (the numbers of
// the 2018 advanced hunting API documentation) or "off".
func LimitsFor(profile string) (Limits, error) {
	switch profile {
	case "2026", "":
		return Limits{
			Profile: "2026", MaxRows: 100_000,
			CallsPerMinute: 45, CallsPerHour: 1500,
			CPUPerHour: 10 * time.Minute, CPUPerDay: 3 * time.Hour,
			TimeoutMDE: 200 * time.Second, Timeout: 3 * time.Minute,
			MaxResultBytes: 50 << 20,
		}, nil
	case "2018":
		return Limits{
			Profile: "2018", MaxRows: 10_000,
			CallsPerMinute: 15,
			CPUPerHour:     15 * time.Minute, CPUPerDay: 4 * time.Hour,
			TimeoutMDE: 10 * time.Minute, Timeout: 10 * time.Minute,
			LenientJSON: true,
		}, nil
	case "off":
		return Limits{Profile: "off"}, nil
	}
	return Limits{}, fmt.Errorf("unknown limits profile %q: use 2026, 2018 or off", profile)
}

// timeout returns the per-request limit for api (0 = none).
func (l Limits) timeout(api apiKind) time.Duration {
	if api.family() == familyMDE {
		return l.TimeoutMDE
	}
	return l.Timeout
}
