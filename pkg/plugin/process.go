package plugin

import (
	"os"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/quarry-defender/quarry/pkg/hunting"
	"github.com/quarry-defender/quarry/pkg/quota"
)

// DefaultProcess is the process-wide wiring of the real plugin: the real environment and clock, and one
// quota registry shared by every data source instance of the process (so that two data sources for
// the same tenant draw on one budget), its metrics on the registry Grafana scrapes.
func DefaultProcess() Process {
	reg := quota.NewRegistry(quota.WithRegisterer(prometheus.DefaultRegisterer), quota.WithLogger(log.DefaultLogger))
	return Process{Getenv: os.Getenv, Now: time.Now, Decorate: QuotaDecorator(reg)}
}

// QuotaDecorator wraps each instance's API client with reg's budget, coalescing and cache.
func QuotaDecorator(reg *quota.Registry) Decorator {
	return func(next hunting.Runner, s *Settings) (hunting.Runner, func()) {
		ttl := s.CacheTTL
		if ttl == 0 {
			ttl = -1 // quota reads 0 as "default"; the setting's 0 means no fresh cache hits
		}
		r := reg.Runner(next, quota.Config{Tenant: s.TenantID, Flavor: string(s.API),
			CallsPerMinute: s.CallsPerMinute, CallsPerHour: s.CallsPerHour, CacheTTL: ttl})
		return r, r.Dispose
	}
}
