package emulator

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// DemoIdentityHeader is the default IDENTITY_HEADER secret of the managed identity endpoint.
const DemoIdentityHeader = "quarry-demo-identity-header"

// Config is everything a Server needs. Only Engine is required.
type Config struct {
	// Engine answers the hunting queries.
	Engine dataset.Engine
	// Limits to enforce; a zero value (empty Profile) means the 2026 profile.
	Limits Limits
	// Clock meters quotas, the data window, now(), timeouts and delays; nil means the wall clock.
	Clock Clock
	// Directory holds tenants, apps and users; nil means DemoDirectory(). New indexes it in place, so give
	// each Server a Directory of its own.
	Directory *Directory
	// Days is the data retention window: rows older than now-Days are invisible (0 means 30).
	Days int
	// CPUScale multiplies each query's measured engine time before it is charged to the tenant's CPU
	// budget, so that a small emulator can feel as expensive as a busy tenant (0 means 1). Engine time is
	// measured on Clock: with a fake clock it is how far the clock moved while the engine ran.
	CPUScale float64
	// FaultSeed seeds the random draws of probabilistic faults.
	FaultSeed int64
	// IdentityHeader is the secret the managed identity endpoint expects in X-IDENTITY-HEADER
	// ("" means DemoIdentityHeader).
	IdentityHeader string
	// SigningKey signs every token the server issues; nil means a fresh 2048-bit key.
	SigningKey *rsa.PrivateKey
	// Logger receives one line per request and every internal error; nil discards.
	Logger *slog.Logger
}

func (c Config) withDefaults() (Config, error) {
	if c.Engine == nil {
		return c, errors.New("emulator config: Engine is required")
	}
	if c.Limits.Profile == "" {
		l, err := LimitsFor("2026")
		if err != nil {
			return c, err
		}
		c.Limits = l
	}
	if c.Clock == nil {
		c.Clock = WallClock{}
	}
	if c.Directory == nil {
		c.Directory = DemoDirectory()
	}
	if err := c.Directory.prepare(); err != nil {
		return c, fmt.Errorf("emulator directory: %w", err)
	}
	if c.Days < 0 {
		return c, fmt.Errorf("emulator config: Days is %d, want 0 (default 30) or more", c.Days)
	}
	if c.Days == 0 {
		c.Days = 30
	}
	if c.CPUScale < 0 {
		return c, fmt.Errorf("emulator config: CPUScale is %g, want 0 (default 1) or more", c.CPUScale)
	}
	if c.CPUScale == 0 {
		c.CPUScale = 1
	}
	if c.IdentityHeader == "" {
		c.IdentityHeader = DemoIdentityHeader
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c, nil
}
