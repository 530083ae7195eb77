package plugin

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// customMeta is meta.custom of every frame (DESIGN.md section 5); the frontend reads it.
type customMeta struct {
	API       string          `json:"api"`
	Rows      int             `json:"rows"`
	Truncated bool            `json:"truncated"`
	Cache     string          `json:"cache"`
	Stats     json.RawMessage `json:"stats"`
}

// buildFrame shapes a result for p.format. res.Frame may be shared by the quota cache, so it is never
// modified: every format builds a new frame (the table format reuses the field slice's elements, which
// are only read).
func buildFrame(p *prepared, res *hunting.Result, s *Settings) *data.Frame {
	src := res.Frame
	if src == nil {
		src = data.NewFrame(p.refID)
	}
	rows, _ := src.RowLen()
	notices := append(append([]data.Notice{}, p.notices...), res.Notices...)
	var f *data.Frame
	var note *data.Notice
	switch p.format {
	case formatTimeSeries:
		f, note = toTimeSeries(src, p.timeColumn)
	case formatLogs:
		f, note = toLogs(src, p.timeColumn)
	}
	if f == nil {
		f = data.NewFrame(p.refID, append([]*data.Field{}, src.Fields...)...)
	}
	if note != nil {
		notices = append(notices, *note)
	}
	truncated := rows >= s.RowLimit
	if truncated {
		notices = append(notices, data.Notice{Severity: data.NoticeSeverityWarning,
			Text: fmt.Sprintf("Results may be truncated at %d rows (the row limit). Narrow the time range, or summarize / project / take in the query.", s.RowLimit)})
	}
	cache := res.Cache
	if cache == "" {
		cache = "miss"
	}
	f.Name = p.refID
	meta := &data.FrameMeta{ExecutedQueryString: p.req.Query, Notices: notices,
		Custom: customMeta{API: string(s.API), Rows: rows, Truncated: truncated, Cache: cache, Stats: res.Stats}}
	if f.Meta != nil { // keep the time series type LongToWide set
		meta.Type, meta.TypeVersion = f.Meta.Type, f.Meta.TypeVersion
		meta.PreferredVisualization = f.Meta.PreferredVisualization
	}
	f.Meta = meta
	return f
}

// resultRows is the number of rows in res, 0 when it has no frame.
func resultRows(res *hunting.Result) int {
	if res.Frame == nil {
		return 0
	}
	return res.Frame.Rows()
}

// timeIndex returns the field named col if it holds times, else the first time field, else -1.
func timeIndex(f *data.Frame, col string) int {
	first := -1
	for i, fld := range f.Fields {
		if fld.Type().Time() {
			if fld.Name == col {
				return i
			}
			if first < 0 {
				first = i
			}
		}
	}
	return first
}

// cellString renders one cell for a log line (times in RFC 3339, UTC); ok is false for null.
func cellString(f *data.Field, i int) (string, bool) {
	v, ok := f.ConcreteAt(i)
	if !ok {
		return "", false
	}
	switch x := v.(type) {
	case string:
		return x, true
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano), true
	case json.RawMessage:
		return string(x), true
	case fmt.Stringer:
		return x.String(), true
	}
	return fmt.Sprint(v), true
}
