package plugin

import (
	"context"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// maxConcurrentQueries bounds the queries of one request that run at once; the quota layer decides how
// many reach the API.
const maxConcurrentQueries = 4

// QueryData runs the request's queries concurrently (bounded) and returns one response per refId.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, maxConcurrentQueries)
	// Grafana's alerting sets this header (unprefixed) on queries from alert rules.
	fromAlert := req.Headers[backend.FromAlertHeaderName] != ""
	ctx, identity := d.asUser(ctx, req.GetHTTPHeader(backend.OAuthIdentityTokenHeaderName), req.PluginContext.User)
	for _, q := range req.Queries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			r := d.query(ctx, q, identity, fromAlert)
			mu.Lock()
			resp.Responses[q.RefID] = r
			mu.Unlock()
		}()
	}
	wg.Wait()
	return resp, nil
}

func (d *Datasource) query(ctx context.Context, q backend.DataQuery, identity string, fromAlert bool) backend.DataResponse {
	if d.err != nil {
		return errorResponse(q.RefID, "", d.err)
	}
	p, err := prepare(q, d.settings, d.now())
	if err == nil {
		err = rewriteLegacy(p, d.settings.API, d.legacy)
	}
	if err != nil {
		return errorResponse(q.RefID, "", err)
	}
	p.req.FromAlert, p.req.Identity = fromAlert, identity
	start := time.Now()
	res, err := d.runner.Run(ctx, p.req)
	// The query text stays out of logs: hunting queries often name users, hosts and hashes.
	logger := backend.Logger.FromContext(ctx).With("refId", q.RefID, "api", d.settings.API, "format", p.format,
		"fromAlert", fromAlert, "asUser", identity != "", "duration", time.Since(start))
	if err != nil {
		resp := errorResponse(q.RefID, p.req.Query, err)
		logger.Debug("hunting query failed", "status", resp.Status, "errorSource", resp.ErrorSource)
		return resp
	}
	logger.Debug("hunting query done", "rows", resultRows(res), "cache", res.Cache)
	return backend.DataResponse{Frames: []*data.Frame{buildFrame(p, res, d.settings)}}
}
