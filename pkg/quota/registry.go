package quota

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// Defaults from Microsoft's documentation (2026) and for the cache.
const (
	DefaultCallsPerMinute = 45
	DefaultCallsPerHour   = 1500
	DefaultCacheTTL       = 30 * time.Second
	DefaultCacheMaxBytes  = 64 << 20
	// defaultMaxWait bounds the queue wait of a request whose context has no deadline (Grafana's query
	// requests usually have none): 30 s, Grafana's default data proxy timeout, what users expect to wait.
	defaultMaxWait = 30 * time.Second
)

// Config is one data source's quota settings.
type Config struct {
	// Tenant and Flavor name the shared budget: every Runner with the same pair draws on one budget.
	Tenant string
	Flavor string
	// CallsPerMinute and CallsPerHour are the budget; zero or less means the default (45, 1500). When
	// Runners of one budget disagree, the strictest setting applies to all.
	CallsPerMinute, CallsPerHour int
	// CacheTTL is how long a result is served without a call. Zero means DefaultCacheTTL; a negative
	// TTL turns fresh hits off (results are still kept to serve, with a notice, while throttled).
	CacheTTL time.Duration
	// CacheMaxBytes bounds the cache (estimated frame sizes). Zero means DefaultCacheMaxBytes; negative
	// turns the cache off entirely.
	CacheMaxBytes int64
}

func (c Config) withDefaults() Config {
	if c.CallsPerMinute <= 0 {
		c.CallsPerMinute = DefaultCallsPerMinute
	}
	if c.CallsPerHour <= 0 {
		c.CallsPerHour = DefaultCallsPerHour
	}
	if c.CacheTTL == 0 {
		c.CacheTTL = DefaultCacheTTL
	}
	if c.CacheMaxBytes == 0 {
		c.CacheMaxBytes = DefaultCacheMaxBytes
	}
	if c.Flavor == "" {
		c.Flavor = "graph"
	}
	return c
}

// Registry owns the budgets of one plugin process. It starts no goroutines.
type Registry struct {
	clock      Clock
	registerer prometheus.Registerer
	log        Logger
	jitter     *jitter
	metrics    *metrics
	parked     parkCounter

	mu      sync.Mutex
	budgets map[budgetKey]*budget
}

// NewRegistry returns a Registry; create one per plugin process and share it between data source
// instances.
func NewRegistry(opts ...Option) *Registry {
	r := &Registry{clock: wallClock{}, log: nopLogger{}, budgets: map[budgetKey]*budget{}}
	for _, o := range opts {
		o(r)
	}
	if r.registerer == nil {
		r.registerer = prometheus.NewRegistry()
	}
	if r.jitter == nil {
		r.jitter = newJitter(uint64(r.clock.Now().UnixNano()))
	}
	r.metrics = newMetrics(r.registerer, newRemainingCollector(r), r.log)
	return r
}

// Runner decorates next with the budget of cfg.Tenant and cfg.Flavor, a coalescer and a result cache.
// Call Dispose when the data source instance goes away.
func (r *Registry) Runner(next hunting.Runner, cfg Config) *Runner {
	cfg = cfg.withDefaults()
	key := budgetKey{tenant: cfg.Tenant, flavor: cfg.Flavor}
	r.mu.Lock()
	b, ok := r.budgets[key]
	if !ok {
		b = newBudget(key, r)
		r.budgets[key] = b
	}
	run := &Runner{reg: r, next: next, cfg: cfg, budget: b, flights: map[string]*flight{},
		cache: newResultCache(cfg.CacheTTL, cfg.CacheMaxBytes)}
	b.attach(run, cfg)
	r.mu.Unlock()
	r.log.Debug("quota: runner attached", "tenant", cfg.Tenant, "flavor", cfg.Flavor,
		"callsPerMinute", cfg.CallsPerMinute, "callsPerHour", cfg.CallsPerHour, "cacheTTL", cfg.CacheTTL.String())
	return run
}

// release detaches a disposed Runner. The budget itself stays: its call log must outlive a data source
// whose settings changed, or the replacement instance would start with a full budget the tenant no
// longer has.
func (r *Registry) release(run *Runner) {
	run.budget.detach(run)
}

func (r *Registry) liveBudgets() []*budget {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*budget, 0, len(r.budgets))
	for _, b := range r.budgets {
		out = append(out, b)
	}
	return out
}
