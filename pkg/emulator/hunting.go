package emulator

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// huntingHandler serves one of the hunting APIs: authorize, apply a scheduled fault, admit against the
// tenant's budgets, run the query, answer.
func (s *Server) huntingHandler(api apiKind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		clock := s.cfg.Clock
		id, aerr := s.authorize(r, api)
		if aerr != nil {
			writeAPIError(w, r, api, aerr, clock.Now())
			return
		}
		count := func(f func(*Counters)) { s.stats.add(id, api.family(), f) }
		count(func(c *Counters) { c.Calls++ })
		fault := s.faults.take(api.family(), id.tenant)
		if fault != nil {
			count(func(c *Counters) { c.Faults++ })
			if done := s.applyEarlyFault(w, r, api, fault); done {
				return
			}
		}
		ex, aerr := s.runQuery(r, api, id)
		if aerr != nil {
			count(func(c *Counters) {
				if aerr.Status == http.StatusTooManyRequests {
					c.Throttled++
				} else {
					c.Errors++
				}
			})
			writeAPIError(w, r, api, aerr, clock.Now())
			return
		}
		count(func(c *Counters) { c.Rows += int64(ex.rows) })
		s.writeResult(w, r, api, ex, fault)
	})
}

// runQuery admits the call, parses the request and runs it with the profile's limits.
func (s *Server) runQuery(r *http.Request, api apiKind, id *identity) (*execution, *apiError) {
	clock, lim := s.cfg.Clock, s.cfg.Limits
	now := clock.Now()
	if aerr := s.quota.admit(id.tenant, now); aerr != nil {
		return nil, aerr
	}
	req, aerr := parseHuntingRequest(r, api, lim, now)
	if aerr != nil {
		return nil, aerr
	}
	q := dataset.Query{Text: req.Query, Now: now, From: now.AddDate(0, 0, -s.cfg.Days), To: req.To, MaxRows: lim.MaxRows,
		Hidden: s.hiddenTables(api)}
	if req.From.After(q.From) {
		q.From = req.From
	}
	if id.user != nil {
		q.DeviceGroups = append([]string{}, id.user.DeviceGroups...)
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	timedOut := make(chan struct{})
	if d := lim.timeout(api); d > 0 {
		stop := clock.AfterFunc(d, func() { close(timedOut); cancel() })
		defer stop()
	}
	start := clock.Now()
	table, err := s.cfg.Engine.Run(ctx, q)
	elapsed := clock.Now().Sub(start)
	cpu := time.Duration(float64(elapsed) * s.cfg.CPUScale)
	s.quota.charge(id.tenant, clock.Now(), cpu)
	s.stats.add(id, api.family(), func(c *Counters) { c.CPUSeconds += cpu.Seconds() })
	select {
	case <-timedOut:
		return nil, errTimeout(api, lim.timeout(api))
	default:
	}
	if err != nil {
		var qe *dataset.QueryError
		if errors.As(err, &qe) {
			return nil, errBadQuery(qe.Error())
		}
		if r.Context().Err() != nil {
			return nil, &apiError{Status: 499, Code: "ClientClosedRequest", Message: "the client went away"}
		}
		s.cfg.Logger.Error("engine failed", "err", err)
		return nil, &apiError{Status: http.StatusInternalServerError, Code: "UnknownError", Message: "Internal error while running the query."}
	}
	if aerr := checkTable(table); aerr != nil {
		s.cfg.Logger.Error("engine returned an unusable table", "err", aerr.Message)
		return nil, aerr
	}
	rows := table.Rows()
	if lim.MaxRows > 0 && rows > lim.MaxRows {
		rows = lim.MaxRows // the engine should have capped it; the service never sends more
	}
	return &execution{table: table, rows: rows, elapsed: elapsed, cpu: cpu}, nil
}

// checkTable guards the serializer against an engine bug (a nil table, columns of different lengths) so
// that it becomes a 500 rather than a panic.
func checkTable(t *dataset.Table) *apiError {
	if t == nil {
		return &apiError{Status: http.StatusInternalServerError, Code: "UnknownError", Message: "the engine returned no table"}
	}
	for _, c := range t.Columns {
		if c == nil || c.Len() != t.Rows() || (c.Null != nil && len(c.Null) != c.Len()) {
			return &apiError{Status: http.StatusInternalServerError, Code: "UnknownError", Message: "the engine returned columns of different lengths"}
		}
	}
	return nil
}

func errTimeout(api apiKind, d time.Duration) *apiError {
	if api.isGraph() {
		return &apiError{Status: http.StatusGatewayTimeout, Code: "UnknownError", Message: ""}
	}
	return &apiError{Status: http.StatusBadRequest, Code: "BadRequest",
		Message: "Query execution has exceeded the allowed limits: the query ran longer than " + clockText(d) + ". Optimize your query and try again."}
}

// writeResult streams a 200 answer, or applies a late fault to it.
func (s *Server) writeResult(w http.ResponseWriter, r *http.Request, api apiKind, ex *execution, fault *Fault) {
	mismatch := fault != nil && fault.Kind == FaultMismatch
	body, err := newResultBody(api, ex, mismatch)
	if err != nil {
		s.cfg.Logger.Error("encode result", "err", err)
		writeAPIError(w, r, api, &apiError{Status: http.StatusInternalServerError, Code: "UnknownError"}, s.cfg.Clock.Now())
		return
	}
	if max := s.cfg.Limits.MaxResultBytes; max > 0 && body.size() > max {
		writeAPIError(w, r, api, errResultTooLarge(), s.cfg.Clock.Now())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if fault != nil && (fault.Kind == FaultTruncate || fault.Kind == FaultInvalidJSON) {
		s.writeBrokenResult(w, body, fault.Kind)
		return
	}
	w.Header().Set("Content-Length", strconv.FormatInt(body.size(), 10))
	w.WriteHeader(http.StatusOK)
	if err := body.writeTo(w); err != nil {
		s.cfg.Logger.Debug("client stopped reading", "err", err)
	}
}
