// Package quota makes hunting queries share a Microsoft Defender tenant's API budget well.
//
// The advanced hunting APIs allow a tenant about 45 calls a minute and 1,500 an hour (plus CPU-time
// quotas), shared by every app in the tenant. quota decorates the API client's one method,
// hunting.Runner.Run, with:
//
//   - a call budget per tenant and API flavor, shared by every Runner of one Registry (one Registry per
//     plugin process), with a fair queue: requests that would exceed the budget wait up to their own
//     context deadline instead of failing; alert-rule queries (Request.FromAlert) are served first and
//     have a reserved share of every window, so dashboards cannot starve them; interactive requests are
//     served round-robin per identity, so one user's dashboard cannot starve another user's;
//   - coalescing of identical in-flight requests (identity, flavor, query, time range) into one call;
//   - a result cache bounded in bytes, keyed the same way, so one identity never receives rows cached
//     for another; coalescing and the cache are per Runner (per data source), because two data
//     sources on one tenant may sign in as apps with different permissions;
//   - the 429 policy: Retry-After honoured, the limit the client read from the answer ("maximum allowed
//     N per hh:mm:ss", in *hunting.QuotaError) adapts the budget, exponential back-off with seeded jitter, CPU-quota 429s pause until
//     the next cycle, retries bounded by the request's deadline; when throttled, a cached result is
//     served with a notice saying how old it is, otherwise a *BudgetError says which quota and when it
//     frees up;
//   - Prometheus metrics and debug logs for every decision (never query text beyond its hash, never
//     tokens).
//
// quota knows nothing of Grafana (it never imports the SDK's backend package) nor of HTTP: the API
// client reports throttling as *hunting.QuotaError and quota only reads that. Time comes from an
// injectable Clock; nothing in the package sleeps or starts goroutines of its own, so Dispose leaves
// nothing running.
//
// Alternatives considered: golang.org/x/time/rate (a token bucket cannot express "45 per sliding minute
// and 1,500 per sliding hour" nor priorities between waiters) and golang.org/x/sync/singleflight (no
// per-waiter deadlines, no injectable clock).
package quota
