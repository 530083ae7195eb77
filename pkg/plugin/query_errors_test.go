package plugin

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

func TestQueryDataErrors(t *testing.T) {
	tests := []struct {
		name       string
		settings   string
		model      string
		runErr     error
		wantStatus backend.Status
		wantSource backend.ErrorSource
		wantErr    string
		wantExec   bool
	}{
		{name: "empty query", model: `{"queryText":"  "}`, wantStatus: 400, wantSource: backend.ErrorSourceDownstream, wantErr: "the query is empty"},
		{name: "unknown format", model: `{"queryText":"T","format":"graph"}`, wantStatus: 400, wantSource: backend.ErrorSourceDownstream, wantErr: `unknown format "graph"`},
		{name: "bad macro", model: `{"queryText":"T | where $__timeFiltr()"}`, wantStatus: 400, wantSource: backend.ErrorSourceDownstream, wantErr: "unknown macro $__timeFiltr"},
		{name: "bad settings", settings: `,"api":"nope"`, model: `{"queryText":"T"}`, wantStatus: 400, wantSource: backend.ErrorSourceDownstream, wantErr: "setting api"},
		{name: "403 from the API", model: `{"queryText":"T"}`, runErr: &hunting.AuthError{Flavor: hunting.FlavorGraph, Status: 403, Permission: "ThreatHunting.Read.All"},
			wantStatus: 403, wantSource: backend.ErrorSourceDownstream, wantExec: true},
		{name: "429 from the API", model: `{"queryText":"T"}`, runErr: &hunting.QuotaError{Flavor: hunting.FlavorGraph, Quota: hunting.QuotaCallsPerMinute},
			wantStatus: 429, wantSource: backend.ErrorSourceDownstream, wantErr: "quota exceeded", wantExec: true},
		{name: "400 KQL error", model: `{"queryText":"T"}`, runErr: &hunting.APIError{Flavor: hunting.FlavorGraph, Status: 400, Message: "Query could not be parsed"},
			wantStatus: 400, wantSource: backend.ErrorSourceDownstream, wantErr: "Query could not be parsed", wantExec: true},
		{name: "timeout", model: `{"queryText":"T"}`, runErr: &hunting.TimeoutError{Flavor: hunting.FlavorGraph, Limit: hunting.TimeoutClient},
			wantStatus: backend.StatusTimeout, wantSource: backend.ErrorSourceDownstream, wantExec: true},
		{name: "unknown error is the plugin's", model: `{"queryText":"T"}`, runErr: errors.New("boom"),
			wantStatus: 500, wantSource: backend.ErrorSourcePlugin, wantErr: "boom", wantExec: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newStubbed(t, settingsJSON(tt.settings), &stubRunner{err: tt.runErr, res: longResult()})
			r := queryOne(t, d, dataQuery("B", tt.model, testNow.Add(-time.Hour), testNow))
			if r.Error == nil || r.Status != tt.wantStatus || r.ErrorSource != tt.wantSource {
				t.Fatalf("response error=%v status=%d source=%q; want status %d source %q", r.Error, r.Status, r.ErrorSource, tt.wantStatus, tt.wantSource)
			}
			if !strings.Contains(r.Error.Error(), tt.wantErr) {
				t.Fatalf("error %q does not contain %q", r.Error, tt.wantErr)
			}
			if tt.wantExec && (len(r.Frames) != 1 || r.Frames[0].Meta.ExecutedQueryString != "T") {
				t.Fatalf("frames = %v, want one with executedQueryString", r.Frames)
			}
		})
	}
}

func TestQueryDataRunsQueriesConcurrently(t *testing.T) {
	var mu sync.Mutex
	inFlight, peak := 0, 0
	release := make(chan struct{})
	run := hunting.RunnerFunc(func(ctx context.Context, req hunting.Request) (*hunting.Result, error) {
		mu.Lock()
		inFlight++
		peak = max(peak, inFlight)
		mu.Unlock()
		<-release
		mu.Lock()
		inFlight--
		mu.Unlock()
		return longResult(), nil
	})
	d := newStubbed(t, settingsJSON(""), run)
	var qs []backend.DataQuery
	for _, id := range []string{"A", "B", "C", "D", "E", "F", "G", "H"} {
		qs = append(qs, dataQuery(id, `{"queryText":"T"}`, testNow.Add(-time.Hour), testNow))
	}
	done := make(chan *backend.QueryDataResponse)
	go func() {
		resp, _ := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: qs})
		done <- resp
	}()
	deadline := time.After(5 * time.Second)
	for {
		mu.Lock()
		n := inFlight
		mu.Unlock()
		if n == maxConcurrentQueries {
			break
		}
		select {
		case <-deadline:
			t.Fatalf("only %d queries in flight, want %d", n, maxConcurrentQueries)
		case <-time.After(time.Millisecond):
		}
	}
	close(release)
	resp := <-done
	if len(resp.Responses) != len(qs) || peak != maxConcurrentQueries {
		t.Fatalf("responses = %d, peak concurrency = %d; want %d and %d", len(resp.Responses), peak, len(qs), maxConcurrentQueries)
	}
	for id, r := range resp.Responses {
		if r.Error != nil || r.Frames[0].Name != id {
			t.Fatalf("response %s = %+v", id, r)
		}
	}
}

// A runner may answer without a frame (a decorator's bug, an empty body): the user gets an empty
// frame named after the query, not a crash.
func TestQueryDataResultWithoutFrame(t *testing.T) {
	d := newStubbed(t, settingsJSON(""), &stubRunner{res: &hunting.Result{}})
	r := queryOne(t, d, dataQuery("A", `{"queryText":"T","format":"time_series"}`, testNow.Add(-time.Hour), testNow))
	if r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Name != "A" || len(r.Frames[0].Fields) != 0 {
		t.Fatalf("response = %+v", r)
	}
}
