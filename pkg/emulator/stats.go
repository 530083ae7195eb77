package emulator

import "sync"

// Counters are what the emulator counts for one tenant, app, user or API.
type Counters struct {
	Calls      int64   `json:"calls"`
	Throttled  int64   `json:"throttled"`
	Faults     int64   `json:"faults"`
	Errors     int64   `json:"errors"`
	Rows       int64   `json:"rows"`
	CPUSeconds float64 `json:"cpuSeconds"`
}

// Stats is a snapshot of the counters since start or the last reset, keyed by tenant id, app client id,
// user UPN and API family (graph, xdr, mde).
type Stats struct {
	Tenants map[string]Counters `json:"tenants"`
	Apps    map[string]Counters `json:"apps"`
	Users   map[string]Counters `json:"users"`
	APIs    map[string]Counters `json:"apis"`
}

type statsBook struct {
	mu sync.Mutex
	s  Stats
}

func newStatsBook() *statsBook {
	b := &statsBook{}
	b.reset()
	return b
}

func (b *statsBook) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.s = Stats{Tenants: map[string]Counters{}, Apps: map[string]Counters{}, Users: map[string]Counters{}, APIs: map[string]Counters{}}
}

// add applies f to every counter id touches.
func (b *statsBook) add(id *identity, family string, f func(*Counters)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	bump := func(m map[string]Counters, key string) {
		if key == "" {
			return
		}
		c := m[key]
		f(&c)
		m[key] = c
	}
	bump(b.s.Tenants, id.tenant)
	bump(b.s.Apps, id.appID)
	if id.user != nil {
		bump(b.s.Users, id.user.UPN)
	}
	bump(b.s.APIs, family)
}

func (b *statsBook) snapshot() Stats {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := Stats{Tenants: map[string]Counters{}, Apps: map[string]Counters{}, Users: map[string]Counters{}, APIs: map[string]Counters{}}
	for _, p := range []struct{ dst, src map[string]Counters }{
		{out.Tenants, b.s.Tenants}, {out.Apps, b.s.Apps}, {out.Users, b.s.Users}, {out.APIs, b.s.APIs},
	} {
		for k, v := range p.src {
			p.dst[k] = v
		}
	}
	return out
}
