package quota

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the Registry's Prometheus series. Labels carry the tenant id and flavor, never users or
// queries (unbounded, and possibly sensitive).
type metrics struct {
	calls     *prometheus.CounterVec
	throttled *prometheus.CounterVec
	cache     *prometheus.CounterVec
	coalesced *prometheus.CounterVec
	queueWait *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer, remaining prometheus.Collector, log Logger) *metrics {
	opts := func(name, help string) prometheus.CounterOpts {
		return prometheus.CounterOpts{Namespace: "quarry", Subsystem: "quota", Name: name, Help: help}
	}
	m := &metrics{
		calls: prometheus.NewCounterVec(opts("api_calls_total",
			"Hunting API calls made through the quota layer."), []string{"tenant", "flavor"}),
		throttled: prometheus.NewCounterVec(opts("throttled_total",
			"Hunting API answers with HTTP 429, by quota."), []string{"tenant", "flavor", "quota"}),
		cache: prometheus.NewCounterVec(opts("cache_hits_total",
			"Queries answered from the result cache: fresh within the TTL, or stale while throttled."), []string{"tenant", "flavor", "kind"}),
		coalesced: prometheus.NewCounterVec(opts("coalesced_requests_total",
			"Queries that shared an identical in-flight call instead of making their own."), []string{"tenant", "flavor"}),
		queueWait: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "quarry", Subsystem: "quota", Name: "queue_wait_seconds",
			Help:    "Time a query waited in the budget's queue before its call (or before giving up).",
			Buckets: []float64{0.05, 0.25, 1, 2.5, 5, 10, 20, 30, 60, 120},
		}, []string{"tenant", "flavor", "class"}),
	}
	m.calls = register(reg, m.calls, log)
	m.throttled = register(reg, m.throttled, log)
	m.cache = register(reg, m.cache, log)
	m.coalesced = register(reg, m.coalesced, log)
	m.queueWait = register(reg, m.queueWait, log)
	if err := reg.Register(remaining); err != nil {
		// A second Registry on the same registerer (only in tests) keeps the first one's gauge.
		log.Debug("quota: budget gauge not registered", "error", err)
	}
	return m
}

// register registers c, or reuses the collector already registered under the same name: plugin
// instances come and go, the process's metrics stay.
func register[C prometheus.Collector](reg prometheus.Registerer, c C, log Logger) C {
	err := reg.Register(c)
	if err == nil {
		return c
	}
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing
		}
	}
	log.Debug("quota: metric not registered", "error", err)
	return c
}

// remainingCollector reports each budget's calls left per window at scrape time, so the gauge is
// right even when no query ran for a while.
type remainingCollector struct {
	reg  *Registry
	desc *prometheus.Desc
}

func newRemainingCollector(r *Registry) *remainingCollector {
	return &remainingCollector{reg: r, desc: prometheus.NewDesc("quarry_quota_budget_remaining",
		"Calls left in the plugin's budget for a tenant and flavor, per window.", []string{"tenant", "flavor", "window"}, nil)}
}

func (c *remainingCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *remainingCollector) Collect(ch chan<- prometheus.Metric) {
	for _, b := range c.reg.liveBudgets() {
		b.mu.Lock()
		left := b.remainingLocked(c.reg.clock.Now())
		b.mu.Unlock()
		for name, n := range left {
			ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), b.key.tenant, b.key.flavor, name)
		}
	}
}
