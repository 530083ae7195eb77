package emulator

import (
	"crypto/tls"
	"errors"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Fault kinds.
const (
	FaultStatus      = "status"       // answer Status (500, 503 or 504) with a Graph-style UnknownError body
	FaultThrottle    = "throttle"     // answer 429 without Retry-After
	FaultDelay       = "delay"        // wait Delay, then answer normally
	FaultReset       = "reset"        // reset the connection without an answer
	FaultTruncate    = "truncate"     // send half of a correct body, then close
	FaultInvalidJSON = "invalid-json" // send 200 with a body that stops being JSON near its end
	FaultMismatch    = "mismatch"     // send 200 whose schema lacks the last column the rows carry
)

// Fault is one scheduled misbehaviour. It applies to calls of API ("graph", "xdr", "mde"; empty = all) for
// Tenant (empty = all). It fires on the next Count matching calls, or, with Probability, on each matching
// call with that chance (seeded, so a run repeats); with both, it fires with that chance until it has
// fired Count times.
type Fault struct {
	ID          int     `json:"id"`
	API         string  `json:"api,omitempty"`
	Tenant      string  `json:"tenant,omitempty"`
	Kind        string  `json:"kind"`
	Status      int     `json:"status,omitempty"`
	Delay       string  `json:"delay,omitempty"`
	Count       int     `json:"count,omitempty"`
	Probability float64 `json:"probability,omitempty"`
	// Fired counts how often the fault has fired.
	Fired int `json:"fired"`

	delay time.Duration
}

func (f *Fault) validate() error {
	switch f.API {
	case "", familyGraph, familyXDR, familyMDE:
	default:
		return fmt.Errorf("fault api %q: use graph, xdr, mde or leave it empty for all", f.API)
	}
	switch f.Kind {
	case FaultStatus:
		if f.Status != 500 && f.Status != 503 && f.Status != 504 {
			return fmt.Errorf("fault kind status needs status 500, 503 or 504, got %d", f.Status)
		}
	case FaultDelay:
		d, err := time.ParseDuration(f.Delay)
		if err != nil || d <= 0 {
			return fmt.Errorf("fault kind delay needs a positive Go duration in delay (e.g. \"5s\"), got %q", f.Delay)
		}
		f.delay = d
	case FaultThrottle, FaultReset, FaultTruncate, FaultInvalidJSON, FaultMismatch:
	default:
		return fmt.Errorf("unknown fault kind %q: use status, throttle, delay, reset, truncate, invalid-json or mismatch", f.Kind)
	}
	if f.Count < 0 || f.Probability < 0 || f.Probability > 1 {
		return errors.New("fault count must be >= 0 and probability within 0..1")
	}
	if f.Count == 0 && f.Probability == 0 {
		return errors.New("a fault needs count (fire on the next N calls) or probability (fire at random), or both")
	}
	return nil
}

type faultBook struct {
	mu     sync.Mutex
	seed   int64
	rng    *rand.Rand
	nextID int
	faults []*Fault
}

func newFaultBook(seed int64) *faultBook {
	return &faultBook{seed: seed, rng: rand.New(rand.NewSource(seed)), nextID: 1} //nolint:gosec // reproducible faults, not secrets
}

func (b *faultBook) add(fs []Fault) ([]Fault, error) {
	for i := range fs {
		if err := fs[i].validate(); err != nil {
			return nil, fmt.Errorf("faults[%d]: %w", i, err)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Fault, 0, len(fs))
	for i := range fs {
		f := fs[i]
		f.ID, f.Fired = b.nextID, 0
		f.Tenant = strings.ToLower(f.Tenant)
		b.nextID++
		b.faults = append(b.faults, &f)
		out = append(out, f)
	}
	return out, nil
}

func (b *faultBook) list() []Fault {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Fault, 0, len(b.faults))
	for _, f := range b.faults {
		out = append(out, *f)
	}
	return out
}

// clear drops every fault and restarts the random sequence, so a reset run repeats exactly.
func (b *faultBook) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.faults = nil
	b.rng = rand.New(rand.NewSource(b.seed)) //nolint:gosec // reproducible faults, not secrets
}

// take returns the first fault that fires for a call of family by tenant, or nil. A count-limited fault is
// removed once spent.
func (b *faultBook) take(family, tenant string) *Fault {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, f := range b.faults {
		if (f.API != "" && f.API != family) || (f.Tenant != "" && f.Tenant != tenant) {
			continue
		}
		if f.Probability > 0 && b.rng.Float64() >= f.Probability {
			continue
		}
		f.Fired++
		fired := *f
		if f.Count > 0 && f.Fired >= f.Count {
			b.faults = append(b.faults[:i:i], b.faults[i+1:]...)
		}
		return &fired
	}
	return nil
}

// abortConnection drops the connection: with rst a TCP reset where the connection can be hijacked
// (HTTP/1.1), else a plain close after what was written; an HTTP/2 stream is reset either way.
func abortConnection(w http.ResponseWriter, rst bool) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tc, ok := underlyingTCP(conn); ok && rst {
				_ = tc.SetLinger(0) // makes Close send RST instead of FIN
			}
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func underlyingTCP(c net.Conn) (*net.TCPConn, bool) {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	t, ok := c.(*net.TCPConn)
	return t, ok
}
