package hunting

import (
	"context"
	"encoding/json"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Request is one hunting query to run.
type Request struct {
	// Query is the final KQL (macros already expanded).
	Query string
	// From and To, when both are set and the flavor is Graph, are sent as the Timespan "start/end".
	// The legacy flavors have no Timespan: the query's own filters bound it.
	From, To time.Time
	// Identity partitions caches and coalescing: the signed-in user's login in current-user mode,
	// empty for the data source's own application identity. Rows cached for one identity are never
	// returned to another.
	Identity string
	// FromAlert marks a query from an alert rule (no user waiting at a screen; must not be starved).
	FromAlert bool
}

// Result is a decoded hunting result.
type Result struct {
	// Frame holds one typed field per schema column, in schema order, with zero or more rows. Callers
	// must not modify it: a decorator may share it between requests. Copy it (or its field slice) first.
	Frame *data.Frame
	// Stats is the API's Stats object (XDR, sometimes MDE), nil when absent.
	Stats json.RawMessage
	// Cache is "", "miss", "hit" or "shared", set by the quota decorator.
	Cache string
	// Notices are user-visible remarks from decorators (stale cache served while throttled, waits).
	Notices []data.Notice
}

// Runner runs one hunting query. The API client implements it; the quota layer decorates it.
type Runner interface {
	Run(ctx context.Context, req Request) (*Result, error)
}

// RunnerFunc adapts a function to Runner.
type RunnerFunc func(ctx context.Context, req Request) (*Result, error)

// Run calls f.
func (f RunnerFunc) Run(ctx context.Context, req Request) (*Result, error) { return f(ctx, req) }
