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
	long := data.NewFrame(src.Name, data.NewField(src.Fields[ti].Name, nil, times))
	for _, i := range append(factors, values...) {
		long.Fields = append(long.Fields, copyRows(src.Fields[i], order))
	}
	out := long
	if len(factors) > 0 && len(order) > 0 {
		wide, err := data.LongToWide(long, nil)
		if err != nil {
			return nil, notTimeSeries(err.Error())
		}
		out = wide
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
// times in that order.
func sortedRows(tf *data.Field) ([]int, []time.Time) {
	idx := make([]int, 0, tf.Len())
	times := make([]time.Time, tf.Len())
	for i := range tf.Len() {
		if v, ok := tf.ConcreteAt(i); ok {
			times[i] = v.(time.Time)
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return times[idx[a]].Before(times[idx[b]]) })
	sorted := make([]time.Time, len(idx))
	for j, i := range idx {
		sorted[j] = times[i]
	}
	return idx, sorted
}

// copyRows copies the rows in order into a new field of the same type (never aliasing the source).
func copyRows(f *data.Field, order []int) *data.Field {
	out := data.NewFieldFromFieldType(f.Type(), len(order))
	out.Name = f.Name
	for j, i := range order {
		out.Set(j, f.CopyAt(i))
	}
	return out
}
