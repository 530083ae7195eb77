package plugin

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

var testNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// stubRunner records requests and answers with a fixed result or error.
type stubRunner struct {
	mu   sync.Mutex
	reqs []hunting.Request
	res  *hunting.Result
	err  error
}

func (s *stubRunner) Run(_ context.Context, req hunting.Request) (*hunting.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, req)
	return s.res, s.err
}

// newStubbed builds an instance from jsonData whose API client is replaced by r through the Decorate
// hook, exactly where the quota layer sits in production.
func newStubbed(t *testing.T, jsonData string, r hunting.Runner) *Datasource {
	t.Helper()
	f := NewFactory(Process{Getenv: envOf(nil), Now: func() time.Time { return testNow },
		Decorate: func(hunting.Runner, *Settings) (hunting.Runner, func()) { return r, func() {} }})
	inst, err := f(context.Background(), backend.DataSourceInstanceSettings{
		UID: "quarry-test", Name: "Quarry test", Type: "quarry-defender-datasource",
		JSONData:                []byte(jsonData),
		DecryptedSecureJSONData: map[string]string{"clientSecret": demoSecret},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(inst.(*Datasource).Dispose)
	return inst.(*Datasource)
}

func settingsJSON(extra string) string {
	return `{"tenantId":"` + demoTenant + `","clientId":"` + demoReader + `"` + extra + `}`
}

func ptr[T any](v T) *T { return &v }

func dataQuery(refID, model string, from, to time.Time) backend.DataQuery {
	return backend.DataQuery{RefID: refID, JSON: json.RawMessage(model), Interval: time.Hour,
		TimeRange: backend.TimeRange{From: from, To: to}, MaxDataPoints: 100}
}

// longResult is a typical "summarize count() by bin(Timestamp, 1h), DeviceName" answer, unsorted.
func longResult() *hunting.Result {
	t0 := time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)
	return &hunting.Result{Frame: data.NewFrame("",
		data.NewField("Timestamp", nil, []*time.Time{ptr(t0.Add(time.Hour)), ptr(t0), ptr(t0), nil}),
		data.NewField("DeviceName", nil, []*string{ptr("web-01"), ptr("web-01"), ptr("db-01"), ptr("x")}),
		data.NewField("count_", nil, []*int64{ptr(int64(3)), ptr(int64(1)), ptr(int64(7)), ptr(int64(9))}),
	)}
}

func TestQueryDataFormats(t *testing.T) {
	from, to := testNow.Add(-24*time.Hour), testNow
	tests := []struct {
		name  string
		model string
		res   *hunting.Result
		check func(t *testing.T, f *data.Frame)
	}{
		{name: "table keeps columns and types", model: `{"queryText":"DeviceInfo | take 2"}`, res: longResult(),
			check: func(t *testing.T, f *data.Frame) {
				wantFields(t, f, "Timestamp:*time.Time", "DeviceName:*string", "count_:*int64")
				if f.Rows() != 4 || *f.Fields[1].At(0).(*string) != "web-01" {
					t.Fatalf("rows = %d, first name %v", f.Rows(), f.Fields[1].At(0))
				}
			}},
		{name: "time series long to wide", model: `{"queryText":"T","format":"time_series"}`, res: longResult(),
			check: func(t *testing.T, f *data.Frame) {
				wantFields(t, f, "Timestamp:time.Time", "count_:*int64", "count_:*int64")
				if f.Meta.Type != data.FrameTypeTimeSeriesWide {
					t.Fatalf("meta.type = %q", f.Meta.Type)
				}
				if got := f.Fields[0].At(0).(time.Time); !got.Equal(time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)) || f.Rows() != 2 {
					t.Fatalf("first time %v, rows %d; want sorted, 2 rows", got, f.Rows())
				}
				labels := map[string]int64{}
				for _, fl := range f.Fields[1:] {
					labels[fl.Labels["DeviceName"]] = *fl.At(0).(*int64)
				}
				if labels["db-01"] != 7 || labels["web-01"] != 1 {
					t.Fatalf("values at 06:00 by label = %v", labels)
				}
				wantNotice(t, f, "1 row(s) with a null time were skipped")
			}},
		{name: "time series without time column is a table with a notice", model: `{"queryText":"T","format":"time_series"}`,
			res: &hunting.Result{Frame: data.NewFrame("", data.NewField("n", nil, []*int64{ptr(int64(1))}))},
			check: func(t *testing.T, f *data.Frame) {
				wantFields(t, f, "n:*int64")
				wantNotice(t, f, "not a time series (it has no datetime column)")
			}},
		{name: "time series leaves JSON columns out with a notice", model: `{"queryText":"T","format":"time_series"}`,
			res: &hunting.Result{Frame: data.NewFrame("",
				data.NewField("Timestamp", nil, []*time.Time{ptr(testNow)}),
				data.NewField("Tags", nil, []*json.RawMessage{ptr(json.RawMessage(`["a"]`))}),
				data.NewField("n", nil, []*float64{ptr(2.5)}))},
			check: func(t *testing.T, f *data.Frame) {
				wantFields(t, f, "Timestamp:time.Time", "n:*float64")
				wantNotice(t, f, "Time series: columns that are neither numbers nor labels were left out: Tags.")
			}},
		{name: "logs has time then body", model: `{"queryText":"T","format":"logs"}`, res: longResult(),
			check: func(t *testing.T, f *data.Frame) {
				wantFields(t, f, "Timestamp:*time.Time", "body:string", "DeviceName:*string", "count_:*int64")
				if f.Meta.PreferredVisualization != data.VisTypeLogs {
					t.Fatalf("preferred visualisation = %q", f.Meta.PreferredVisualization)
				}
				if got := f.Fields[1].At(0).(string); got != "DeviceName=web-01 count_=3" {
					t.Fatalf("body = %q", got)
				}
			}},
		{name: "logs uses a Message column as body", model: `{"queryText":"T","format":"logs","timeColumn":"EventTime"}`,
			res: &hunting.Result{Frame: data.NewFrame("",
				data.NewField("Other", nil, []*time.Time{ptr(testNow)}),
				data.NewField("EventTime", nil, []*time.Time{ptr(testNow)}),
				data.NewField("Message", nil, []*string{ptr("hello world")}))},
			check: func(t *testing.T, f *data.Frame) {
				wantFields(t, f, "EventTime:*time.Time", "body:string", "Other:*time.Time")
				if f.Fields[1].At(0).(string) != "hello world" {
					t.Fatalf("body = %v", f.Fields[1].At(0))
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := &stubRunner{res: tt.res}
			before := len(tt.res.Frame.Fields)
			d := newStubbed(t, settingsJSON(""), run)
			resp := queryOne(t, d, dataQuery("A", tt.model, from, to))
			if resp.Error != nil {
				t.Fatalf("error = %v", resp.Error)
			}
			f := resp.Frames[0]
			if f.Name != "A" {
				t.Fatalf("frame name = %q, want the refId", f.Name)
			}
			if f == tt.res.Frame || len(tt.res.Frame.Fields) != before || tt.res.Frame.Meta != nil {
				t.Fatalf("the runner's frame was modified or reused")
			}
			c := f.Meta.Custom.(customMeta)
			if f.Meta.ExecutedQueryString != run.reqs[0].Query || c.API != "graph" || c.Cache != "miss" || c.Rows != tt.res.Frame.Rows() {
				t.Fatalf("meta = %+v custom %+v", f.Meta, c)
			}
			tt.check(t, f)
		})
	}
}

func TestQueryDataRequestAndNotices(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name     string
		settings string
		q        backend.DataQuery
		headers  map[string]string
		check    func(t *testing.T, req hunting.Request, f *data.Frame)
	}{
		{name: "macros expanded with the range and interval", settings: `,"cacheTtlSeconds":0`,
			q: dataQuery("A", `{"queryText":"T | where $__timeFilter() | summarize count() by bin(Timestamp, $__interval)"}`, testNow.Add(-day), testNow),
			check: func(t *testing.T, req hunting.Request, f *data.Frame) {
				want := "T | where Timestamp between (datetime(2026-11-26T09:00:00Z) .. datetime(2026-11-27T09:00:00Z)) | summarize count() by bin(Timestamp, 1h)"
				if req.Query != want || !req.From.Equal(testNow.Add(-day)) || !req.To.Equal(testNow) || req.FromAlert || req.Identity != "" {
					t.Fatalf("request = %+v\nwant query %s", req, want)
				}
			}},
		{name: "applyTimeRange false sends no Timespan", q: dataQuery("A", `{"queryText":"T","applyTimeRange":false}`, testNow.Add(-day), testNow),
			check: func(t *testing.T, req hunting.Request, _ *data.Frame) {
				if !req.From.IsZero() || !req.To.IsZero() {
					t.Fatalf("From/To = %v/%v, want zero", req.From, req.To)
				}
			}},
		{name: "alert header marks the request", headers: map[string]string{"FromAlert": "true"},
			q: dataQuery("A", `{"queryText":"T"}`, testNow.Add(-day), testNow),
			check: func(t *testing.T, req hunting.Request, _ *data.Frame) {
				if !req.FromAlert {
					t.Fatal("FromAlert not set")
				}
			}},
		{name: "range older than 30 days is clamped with a notice", settings: `,"cacheTtlSeconds":0`,
			q: dataQuery("A", `{"queryText":"print $__timeFrom"}`, testNow.Add(-90*day), testNow),
			check: func(t *testing.T, req hunting.Request, f *data.Frame) {
				if req.Query != "print datetime(2026-10-28T09:00:00Z)" || !req.From.Equal(testNow.Add(-30*day)) {
					t.Fatalf("request = %+v", req)
				}
				wantNotice(t, f, "30-day hunting data window")
			}},
		{name: "cache alignment makes refreshes identical", settings: `,"cacheTtlSeconds":300`,
			q: dataQuery("A", `{"queryText":"print $__timeFrom, $__timeTo"}`, testNow.Add(-day+2*time.Minute+7*time.Second), testNow.Add(2*time.Minute+7*time.Second)),
			check: func(t *testing.T, req hunting.Request, _ *data.Frame) {
				// interval 1h > ttl 5m, so both ends align down to the hour.
				if req.Query != "print datetime(2026-11-26T09:00:00Z), datetime(2026-11-27T09:00:00Z)" {
					t.Fatalf("query = %s", req.Query)
				}
			}},
		{name: "a range shorter than the cache step keeps one step", settings: `,"cacheTtlSeconds":60`,
			q: backend.DataQuery{RefID: "A", JSON: []byte(`{"queryText":"print $__timeFrom, $__timeTo"}`), Interval: time.Second,
				TimeRange: backend.TimeRange{From: testNow.Add(10 * time.Second), To: testNow.Add(40 * time.Second)}},
			check: func(t *testing.T, req hunting.Request, _ *data.Frame) {
				if req.Query != "print datetime(2026-11-27T09:00:00Z), datetime(2026-11-27T09:01:00Z)" {
					t.Fatalf("query = %s", req.Query)
				}
			}},
		{name: "rows at the row limit warn about truncation", settings: `,"rowLimit":4`,
			q: dataQuery("A", `{"queryText":"T"}`, testNow.Add(-day), testNow),
			check: func(t *testing.T, _ hunting.Request, f *data.Frame) {
				wantNotice(t, f, "truncated at 4 rows")
				if !f.Meta.Custom.(customMeta).Truncated {
					t.Fatal("meta.custom.truncated is false")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := &stubRunner{res: longResult()}
			d := newStubbed(t, settingsJSON(tt.settings), run)
			req := &backend.QueryDataRequest{Queries: []backend.DataQuery{tt.q}, Headers: tt.headers}
			resp, err := d.QueryData(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			r := resp.Responses[tt.q.RefID]
			if r.Error != nil {
				t.Fatalf("error = %v", r.Error)
			}
			tt.check(t, run.reqs[0], r.Frames[0])
		})
	}
}

func queryOne(t *testing.T, d *Datasource, q backend.DataQuery) backend.DataResponse {
	t.Helper()
	resp, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Responses[q.RefID]
}

func wantFields(t *testing.T, f *data.Frame, want ...string) {
	t.Helper()
	var got []string
	for _, fl := range f.Fields {
		got = append(got, fl.Name+":"+fl.Type().ItemTypeString())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("fields = %v, want %v", got, want)
	}
}

func wantNotice(t *testing.T, f *data.Frame, text string) {
	t.Helper()
	for _, n := range f.Meta.Notices {
		if strings.Contains(n.Text, text) {
			return
		}
	}
	t.Fatalf("no notice containing %q in %+v", text, f.Meta.Notices)
}
