package plugin

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// toTimeSeries turns a long result (one row per time and label combination) into a wide time series:
// the time column, one numeric field per value column and label combination, labels from the string and
// bool columns, rows sorted by time. A result that is no time series is returned as nil with a notice
// saying why and how to fix the query; the caller then shows the table.
func toTimeSeries(src *data.Frame, timeCol string) (*data.Frame, *data.Notice) {
	ti := timeIndex(src, timeCol)
	if ti < 0 {
		return nil, notTimeSeries("it has no datetime column")
	}
	var factors, values []int
	var ignored []string
	for i, f := range src.Fields {
		switch t := f.Type(); {
		case i == ti:
		case t == data.FieldTypeString || t == data.FieldTypeNullableString || t == data.FieldTypeBool || t == data.FieldTypeNullableBool:
			factors = append(factors, i)
		case t.Numeric():
			values = append(values, i)
		default:
			ignored = append(ignored, f.Name)
		}
	}
	if len(values) == 0 {
		return nil, notTimeSeries("it has no numeric column")
	}
	order, times := sortedRows(src.Fields[ti])
	var out *data.Frame
	if len(factors) > 0 && len(order) > 0 {
		wide, err := longToWide(src, ti, factors, values, order, times)
		if err != nil {
			return nil, notTimeSeries(err.Error())
		}
		out = wide
	} else {
		out = data.NewFrame(src.Name, data.NewField(src.Fields[ti].Name, nil, times))
		for _, i := range append(factors, values...) {
			out.Fields = append(out.Fields, copyRows(src.Fields[i], order))
		}
	}
	if out.Meta == nil || out.Meta.Type == "" {
		out.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesWide, TypeVersion: data.FrameTypeVersion{0, 1}}
	}
	var parts []string
	if skipped := src.Rows() - len(order); skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d row(s) with a null time were skipped", skipped))
	}
	if len(ignored) > 0 {
		parts = append(parts, "columns that are neither numbers nor labels were left out: "+strings.Join(ignored, ", "))
	}
	var note *data.Notice
	if len(parts) > 0 {
		note = &data.Notice{Severity: data.NoticeSeverityInfo, Text: "Time series: " + strings.Join(parts, "; ") + "."}
	}
	return out, note
}

func notTimeSeries(why string) *data.Notice {
	return &data.Notice{Severity: data.NoticeSeverityWarning, Text: "The result is not a time series (" + why +
		"), so it is shown as a table. Return a datetime column and numbers, e.g. summarize count() by bin(Timestamp, $__interval), DeviceName."}
}

// sortedRows returns the indexes of the rows with a non-null time, sorted by time (stable), and those
// times in that order. Results that are already in time order (summarize ... by bin() usually is)
// are not sorted again.
func sortedRows(tf *data.Field) ([]int, []time.Time) {
	n := tf.Len()
	rows := byTime{idx: make([]int, 0, n), times: make([]time.Time, 0, n)}
	inOrder := true
	for i := range n {
		t, ok := timeAt(tf, i)
		if !ok {
			continue
		}
		if k := len(rows.times); k > 0 && t.Before(rows.times[k-1]) {
			inOrder = false
		}
		rows.idx, rows.times = append(rows.idx, i), append(rows.times, t)
	}
	if !inOrder {
		sort.Stable(rows)
	}
	return rows.idx, rows.times
}

// byTime sorts row indexes and their times together.
type byTime struct {
	idx   []int
	times []time.Time
}

func (b byTime) Len() int           { return len(b.idx) }
func (b byTime) Less(i, j int) bool { return b.times[i].Before(b.times[j]) }
func (b byTime) Swap(i, j int) {
	b.idx[i], b.idx[j] = b.idx[j], b.idx[i]
	b.times[i], b.times[j] = b.times[j], b.times[i]
}

// timeAt reads a time cell without boxing a copy of it (At of a nullable field returns the pointer).
func timeAt(f *data.Field, i int) (time.Time, bool) {
	switch v := f.At(i).(type) {
	case *time.Time:
		if v != nil {
			return *v, true
		}
	case time.Time:
		return v, true
	}
	return time.Time{}, false
}

// copyRows copies the rows in order into a new field of the same type and name. A nullable cell's
// pointer is shared with the source, whose values nobody modifies (the result may be cached).
func copyRows(f *data.Field, order []int) *data.Field {
	out := data.NewFieldFromFieldType(f.Type(), len(order))
	out.Name = f.Name
	for j, i := range order {
		out.Set(j, f.At(i))
	}
	return out
}
