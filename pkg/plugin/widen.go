package plugin

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// longToWide builds the wide time series of src's rows in order (sorted by time, times their times):
// one time field of the distinct times, then one field per value column and label combination,
// labelled with the factor columns' values, sorted by name and labels. It is what data.LongToWide makes
// of the same long frame (TestLongToWideMatchesSDK holds it to that), without its costs per cell: a
// JSON-encoded map key per row, a boxed copy of every value and a field extension per time step.
func longToWide(src *data.Frame, ti int, factors, values, order []int, times []time.Time) (*data.Frame, error) {
	names := map[string]bool{}
	keys := make([]string, len(factors))
	for k, fi := range factors {
		keys[k] = src.Fields[fi].Name
		if names[keys[k]] {
			return nil, fmt.Errorf("two label columns are named %q", keys[k])
		}
		names[keys[k]] = true
	}
	// Wide row of each long row: a new one whenever the time moves on.
	wideRow := make([]int, len(order))
	wideTimes := make([]time.Time, 0, len(order)/4+1)
	for j, t := range times {
		if j == 0 || t.After(times[j-1]) {
			wideTimes = append(wideTimes, t)
		}
		wideRow[j] = len(wideTimes) - 1
	}
	out := data.NewFrame(src.Name, data.NewField(src.Fields[ti].Name, nil, wideTimes))
	series := map[string]int{} // label values -> index of the series' first field in out.Fields
	var key []byte
	labels := make([]string, len(factors))
	for j, row := range order {
		key = key[:0]
		for k, fi := range factors {
			v, ok := labelAt(src.Fields[fi], row)
			if !ok {
				return nil, fmt.Errorf("the label column %s is null in row %d; give it a value, e.g. with coalesce() or isnotempty()", keys[k], row)
			}
			labels[k] = v
			key = binary.AppendUvarint(key, uint64(len(v)))
			key = append(key, v...)
		}
		first, ok := series[string(key)]
		if !ok {
			first = len(out.Fields)
			series[string(key)] = first
			out.Fields = append(out.Fields, newSeries(src, values, keys, labels, len(wideTimes))...)
		}
		for k, vi := range values {
			out.Fields[first+k].Set(wideRow[j], src.Fields[vi].At(row))
		}
	}
	if err := data.SortWideFrameFields(out, keys...); err != nil {
		return nil, err
	}
	out.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesWide, TypeVersion: data.FrameTypeVersion{0, 1}}
	return out, nil
}

// newSeries makes one empty (null) field per value column for one label combination.
func newSeries(src *data.Frame, values []int, keys, labels []string, rows int) []*data.Field {
	fields := make([]*data.Field, len(values))
	for k, vi := range values {
		l := make(data.Labels, len(keys))
		for n, key := range keys {
			l[key] = labels[n]
		}
		f := data.NewFieldFromFieldType(src.Fields[vi].Type(), rows)
		f.Name, f.Labels = src.Fields[vi].Name, l
		fields[k] = f
	}
	return fields
}

// labelAt renders a string or bool cell as a label value; ok is false for null.
func labelAt(f *data.Field, i int) (string, bool) {
	switch v := f.At(i).(type) {
	case *string:
		if v != nil {
			return *v, true
		}
	case string:
		return v, true
	case *bool:
		if v != nil {
			return fmt.Sprint(*v), true
		}
	case bool:
		return fmt.Sprint(v), true
	}
	return "", false
}
