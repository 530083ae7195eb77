package plugin

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/hunting"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// Query formats (DESIGN.md section 5).
const (
	formatTable      = "table"
	formatTimeSeries = "time_series"
	formatLogs       = "logs"
)

// dataWindow is how far back the hunting APIs keep data.
const dataWindow = 30 * 24 * time.Hour

// queryModel is the frontend's query JSON.
type queryModel struct {
	QueryText      string `json:"queryText"`
	Format         string `json:"format"`
	TimeColumn     string `json:"timeColumn"`
	ApplyTimeRange *bool  `json:"applyTimeRange"`
}

// prepared is one query ready to run: the final KQL and the request for the runner.
type prepared struct {
	refID      string
	format     string
	timeColumn string
	req        hunting.Request
	notices    []data.Notice
}

// queryError is a problem with the query itself (empty, bad JSON, bad macro): the user fixes it.
type queryError struct{ msg string }

func (e *queryError) Error() string    { return e.msg }
func (e *queryError) Downstream() bool { return true }

func badQuery(format string, args ...any) error {
	return &queryError{msg: fmt.Sprintf(format, args...)}
}

// prepare parses q, clamps and aligns its time range and expands the macros.
func prepare(q backend.DataQuery, s *Settings, now time.Time) (*prepared, error) {
	var m queryModel
	if err := json.Unmarshal(q.JSON, &m); err != nil {
		return nil, badQuery("the query is not valid JSON: %v", err)
	}
	p := &prepared{refID: q.RefID, format: strings.TrimSpace(m.Format), timeColumn: strings.TrimSpace(m.TimeColumn)}
	switch p.format {
	case "":
		p.format = formatTable
	case formatTable, formatTimeSeries, formatLogs:
	default:
		return nil, badQuery("unknown format %q: use %q, %q or %q", m.Format, formatTable, formatTimeSeries, formatLogs)
	}
	if p.timeColumn == "" {
		p.timeColumn = "Timestamp"
	}
	if strings.TrimSpace(m.QueryText) == "" {
		return nil, badQuery("the query is empty: write a KQL query, e.g. DeviceInfo | where $__timeFilter() | take 10")
	}
	interval := queryInterval(q)
	from, to, notices := effectiveRange(q.TimeRange, interval, s.CacheTTL, now)
	p.notices = notices
	text, err := kql.ExpandMacros(m.QueryText, kql.MacroContext{From: from, To: to, Interval: interval, TimeColumn: p.timeColumn})
	if err != nil {
		return nil, badQuery("%v", err)
	}
	p.req = hunting.Request{Query: text}
	if m.ApplyTimeRange == nil || *m.ApplyTimeRange {
		p.req.From, p.req.To = from, to
	}
	return p, nil
}

// queryInterval is Grafana's interval for the panel, or range/maxDataPoints when Grafana sent none
// (alert rules), never below one second.
func queryInterval(q backend.DataQuery) time.Duration {
	iv := q.Interval
	if iv <= 0 {
		points := q.MaxDataPoints
		if points <= 0 {
			points = 1000
		}
		iv = q.TimeRange.Duration() / time.Duration(points)
	}
	return max(iv.Truncate(time.Millisecond), time.Second)
}

// effectiveRange returns the range the macros and Timespan use.
//
// With a cache (ttl > 0) both ends are aligned down to a step of max(interval, ttl), so that a dashboard
// refreshing a relative range ("last 24 hours") sends byte-identical KQL within one step and the quota
// layer's cache, which keys on the KQL, can answer it. The cost: the newest partial step is left out.
//
// The start is then clamped to the 30-day data window (rounded up to the step) with a notice, since the
// APIs return nothing older.
func effectiveRange(tr backend.TimeRange, interval, ttl time.Duration, now time.Time) (from, to time.Time, notices []data.Notice) {
	from, to = tr.From.UTC(), tr.To.UTC()
	windowStart := now.Add(-dataWindow).UTC()
	if ttl > 0 {
		step := max(interval, ttl)
		from, to = from.Truncate(step), to.Truncate(step)
		if !to.After(from) { // a range shorter than one step must not collapse to nothing
			to = from.Add(step)
		}
		if ws := windowStart.Truncate(step); ws.Before(windowStart) {
			windowStart = ws.Add(step)
		}
	}
	if !from.IsZero() && from.Before(windowStart) {
		notices = append(notices, data.Notice{Severity: data.NoticeSeverityInfo,
			Text: fmt.Sprintf("Time range starts before the 30-day hunting data window: queried from %s instead of %s.", windowStart.Format(time.RFC3339), from.Format(time.RFC3339))})
		from = windowStart
		if to.Before(from) {
			to = from
		}
	}
	return from, to, notices
}
