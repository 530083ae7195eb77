package quota

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Logger receives one debug line per decision. The SDK's log.Logger satisfies it.
type Logger interface {
	Debug(msg string, args ...any)
}

type nopLogger struct{}

func (nopLogger) Debug(string, ...any) {}

// Option configures a Registry.
type Option func(*Registry)

// WithClock sets the clock (tests and load simulations pass a fake one).
func WithClock(c Clock) Option {
	return func(r *Registry) {
		if c != nil {
			r.clock = c
		}
	}
}

// WithRegisterer registers the metrics on reg (the plugin passes the SDK's default registerer, which
// the SDK's metrics endpoint serves). Without it, metrics go to a private registry.
func WithRegisterer(reg prometheus.Registerer) Option {
	return func(r *Registry) {
		if reg != nil {
			r.registerer = reg
		}
	}
}

// WithLogger sets the debug logger.
func WithLogger(l Logger) Option {
	return func(r *Registry) {
		if l != nil {
			r.log = l
		}
	}
}

// WithJitterSeed seeds the back-off jitter, making retry timing reproducible in tests.
func WithJitterSeed(seed uint64) Option {
	return func(r *Registry) { r.jitter = newJitter(seed) }
}

// jitter draws back-off jitter from a seeded source shared by the Registry's budgets.
type jitter struct {
	mu  sync.Mutex
	rnd *rand.Rand
}

func newJitter(seed uint64) *jitter {
	return &jitter{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// upTo returns a duration in [0, d).
func (j *jitter) upTo(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return time.Duration(j.rnd.Int64N(int64(d)))
}
