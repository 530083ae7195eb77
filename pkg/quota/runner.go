package quota

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// Cache values of hunting.Result.Cache.
const (
	CacheMiss   = "miss"
	CacheHit    = "hit"
	CacheShared = "shared"
)

// Runner is a hunting.Runner that budgets, coalesces and caches the calls of one data source instance.
// Coalescing and the cache are per Runner (per data source): two data sources on one tenant may sign in
// as different apps with different permissions, so their answers must not mix; the budget is shared.
type Runner struct {
	reg    *Registry
	next   hunting.Runner
	cfg    Config
	budget *budget

	mu       sync.Mutex
	flights  map[string]*flight
	cache    *resultCache
	disposed bool
}

var _ hunting.Runner = (*Runner)(nil)

// flight is one call in progress that identical requests wait for.
type flight struct {
	done bool
	// calling is set once the leader has its grant and the API is running the query.
	calling   bool
	res       *hunting.Result
	err       error
	followers []*park
}

// Run answers req from the cache, from an identical call in flight, or by a call within the budget.
// The Result is always a fresh struct; its Frame may be shared and must not be modified.
func (r *Runner) Run(ctx context.Context, req hunting.Request) (*hunting.Result, error) {
	if r.next == nil {
		return nil, errors.New("quota: Runner has no hunting client to call: build it with Registry.Runner(client, cfg)")
	}
	key := keyFor(r.cfg.Flavor, req)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		now := r.reg.clock.Now()
		r.mu.Lock()
		if r.disposed {
			r.mu.Unlock()
			return nil, ErrDisposed
		}
		if e, ok := r.cache.fresh(key, now); ok {
			r.mu.Unlock()
			r.count(r.reg.metrics.cache, "fresh")
			r.reg.log.Debug("quota: cache hit", "key", key.hash(), "age", now.Sub(e.storedAt).String())
			return withCache(e.res, CacheHit), nil
		}
		_, hasStale := r.cache.stale(key, now)
		fk := flightKey(key, req)
		if f, ok := r.flights[fk]; ok {
			res, err, retry := r.follow(ctx, f, key, req, hasStale)
			if retry {
				continue
			}
			return res, err
		}
		f := &flight{}
		r.flights[fk] = f
		r.mu.Unlock()
		return r.lead(ctx, f, key, req, hasStale)
	}
}

// lead makes the call for everybody waiting on f. r.mu is not held.
func (r *Runner) lead(ctx context.Context, f *flight, key cacheKey, req hunting.Request, hasStale bool) (*hunting.Result, error) {
	r.reg.log.Debug("quota: cache miss, calling", "key", key.hash(), "alert", req.FromAlert, "staleAvailable", hasStale)
	res, err := r.call(ctx, f, key, req, hasStale)
	r.mu.Lock()
	delete(r.flights, flightKey(key, req))
	f.done, f.res, f.err = true, res, err
	for _, p := range f.followers {
		p.wake()
	}
	if err == nil && res != nil && !r.disposed {
		r.cache.put(key, res, r.reg.clock.Now())
	}
	r.mu.Unlock()
	if err != nil {
		return r.fallback(key, err)
	}
	return withCache(res, CacheMiss), nil
}

// flightKey separates alert-rule flights from dashboard ones: an alert that followed a dashboard's call
// would wait at the dashboard's place in the queue and lose its priority.
func flightKey(key cacheKey, req hunting.Request) string {
	if req.FromAlert {
		return "alert|" + key.id
	}
	return "dash|" + key.id
}

// follow waits for the identical call f; it is entered with r.mu held and releases it. retry asks the
// caller to start over: the leader was cancelled by its own caller while this request still wants an
// answer. With a stale result to fall back on, it waits only stalePatience for a call still queued.
func (r *Runner) follow(ctx context.Context, f *flight, key cacheKey, req hunting.Request, hasStale bool) (*hunting.Result, error, bool) {
	now := r.reg.clock.Now()
	deadline := deadlineOf(ctx, now)
	until := deadline
	if hasStale {
		until = minTime(deadline, now.Add(stalePatience))
	}
	r.reg.log.Debug("quota: coalesced with an identical call in flight", "key", key.hash())
	var done bool
	var res *hunting.Result
	var err error
	for {
		p := newPark(&r.reg.parked)
		f.followers = append(f.followers, p)
		stop := r.reg.clock.AfterFunc(until.Sub(r.reg.clock.Now()), p.wake)
		p.count()
		r.mu.Unlock()
		select {
		case <-p.ch:
		case <-ctx.Done():
			p.wake()
		}
		stop()
		r.mu.Lock()
		done, res, err = f.done, f.res, f.err
		// Patience covers the queue, not the call: once the API runs the query, wait for its answer.
		if done || !f.calling || !until.Before(deadline) || ctx.Err() != nil {
			break
		}
		until = deadline
	}
	r.mu.Unlock()
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err(), false
	case !done:
		// This request's deadline came first: answer like a request that waited in the queue.
		res, err := r.fallback(key, r.budget.estimate(req.FromAlert))
		return res, err, false
	case errors.Is(err, context.Canceled):
		return nil, nil, true
	case err != nil:
		res, err := r.fallback(key, err)
		return res, err, false
	}
	r.count(r.reg.metrics.coalesced)
	return withCache(res, CacheShared), nil, false
}

// call waits for the budget and calls next, retrying 429s while the request's deadline allows. With a
// stale result to fall back on, it waits at most stalePatience for each grant: when the budget is
// oversubscribed the calls are made anyway (by requests with nothing to fall back on), so a panel
// that can show cached data with a notice now should not show the same an almost-full deadline later.
func (r *Runner) call(ctx context.Context, f *flight, key cacheKey, req hunting.Request, hasStale bool) (*hunting.Result, error) {
	class := "dashboard"
	if req.FromAlert {
		class = "alert"
	}
	for {
		now := r.reg.clock.Now()
		deadline := queueDeadline(ctx, now)
		if hasStale {
			deadline = minTime(deadline, now.Add(stalePatience))
		}
		granted, err := r.budget.acquire(ctx, r, req.FromAlert, req.Identity, deadline)
		waited := r.reg.clock.Now().Sub(now)
		if err == nil {
			waited = granted.Sub(now)
		}
		r.reg.metrics.queueWait.WithLabelValues(r.cfg.Tenant, r.cfg.Flavor, class).Observe(waited.Seconds())
		if err != nil {
			return nil, err
		}
		r.mu.Lock()
		f.calling = true
		r.mu.Unlock()
		r.count(r.reg.metrics.calls)
		res, err := r.next.Run(ctx, req)
		r.budget.finished(granted, r.reg.clock.Now())
		if err == nil {
			r.budget.succeeded()
			if res == nil {
				return nil, errors.New("quota: the hunting client returned neither a result nor an error")
			}
			return res, nil
		}
		t, ok := classify(err)
		if !ok {
			return nil, err
		}
		r.reg.metrics.throttled.WithLabelValues(r.cfg.Tenant, r.cfg.Flavor, t.quota).Inc()
		until := r.budget.throttled(t)
		r.reg.log.Debug("quota: 429, will retry if the deadline allows", "key", key.hash(), "quota", t.quota, "resumeAt", until)
	}
}

// fallback serves a cached answer, however old, when the budget is spent; otherwise it returns err.
func (r *Runner) fallback(key cacheKey, err error) (*hunting.Result, error) {
	var be *BudgetError
	if !errors.As(err, &be) {
		return nil, err
	}
	now := r.reg.clock.Now()
	r.mu.Lock()
	e, ok := r.cache.stale(key, now)
	r.mu.Unlock()
	if !ok {
		r.reg.log.Debug("quota: budget spent and nothing cached", "key", key.hash(), "quota", be.Quota, "freesAt", be.FreesAt)
		return nil, err
	}
	r.count(r.reg.metrics.cache, "stale")
	age := now.Sub(e.storedAt).Round(time.Second)
	text := fmt.Sprintf("Showing cached results from %s ago: %s.", age, staleReason(be))
	if e.key.id != key.id {
		text = fmt.Sprintf("Showing cached results from %s ago, for an earlier time range: %s.", age, staleReason(be))
	}
	r.reg.log.Debug("quota: budget spent, serving a stale result", "key", key.hash(), "age", age.String(), "sameRange", e.key.id == key.id)
	return withCache(e.res, CacheHit, data.Notice{Severity: data.NoticeSeverityWarning, Text: text}), nil
}

func staleReason(be *BudgetError) string {
	who := "the tenant's hunting call budget is spent"
	if be.Throttled {
		who = "Microsoft Defender is throttling the tenant"
	}
	if be.Quota != "" {
		who += " (" + be.Quota + ")"
	}
	return fmt.Sprintf("%s until %s", who, be.FreesAt.UTC().Format("15:04:05 UTC"))
}

// Dispose fails the Runner's waiting requests, drops its cache and detaches it from the shared budget.
// It is safe to call more than once.
func (r *Runner) Dispose() {
	r.mu.Lock()
	if r.disposed {
		r.mu.Unlock()
		return
	}
	r.disposed = true
	r.cache.purge()
	r.mu.Unlock()
	r.reg.release(r)
	r.reg.log.Debug("quota: runner disposed", "tenant", r.cfg.Tenant, "flavor", r.cfg.Flavor)
}

// count increments a counter labelled with the Runner's tenant and flavor, then extra labels.
func (r *Runner) count(c *prometheus.CounterVec, extra ...string) {
	c.WithLabelValues(append([]string{r.cfg.Tenant, r.cfg.Flavor}, extra...)...).Inc()
}
