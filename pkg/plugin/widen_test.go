package plugin

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// sdkLongToWide is the reference: the long frame in time order, copied cell by cell, through the
// SDK's own conversion.
func sdkLongToWide(src *data.Frame, ti int, factors, values, order []int, times []time.Time) (*data.Frame, error) {
	long := data.NewFrame(src.Name, data.NewField(src.Fields[ti].Name, nil, times))
	for _, i := range append(append([]int{}, factors...), values...) {
		f := data.NewFieldFromFieldType(src.Fields[i].Type(), len(order))
		f.Name = src.Fields[i].Name
		for j, r := range order {
			f.Set(j, src.Fields[i].CopyAt(r))
		}
		long.Fields = append(long.Fields, f)
	}
	return data.LongToWide(long, nil)
}

func TestLongToWideMatchesSDK(t *testing.T) {
	ptr := func(v any) any {
		switch x := v.(type) {
		case string:
			return &x
		case bool:
			return &x
		case int64:
			return &x
		case int32:
			return &x
		case float64:
			return &x
		}
		return v
	}
	tests := []struct {
		name              string
		rows, times, devs int
		sorted, bools     bool
		nullValues        int // one value in nullValues is null (0 = none)
	}{
		{"sorted, one label", 200, 20, 3, true, false, 0},
		{"unsorted, two labels with a bool, nulls", 500, 37, 4, false, true, 3},
		{"duplicate time and labels: the last row wins", 300, 5, 2, false, false, 5},
		{"one row", 1, 1, 1, true, false, 0},
		{"series that start late and end early", 400, 100, 9, false, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tt.rows), 7))
			t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
			ts := data.NewFieldFromFieldType(data.FieldTypeNullableTime, tt.rows)
			ts.Name = "Timestamp"
			dev := data.NewFieldFromFieldType(data.FieldTypeNullableString, tt.rows)
			dev.Name = "DeviceName"
			up := data.NewFieldFromFieldType(data.FieldTypeNullableBool, tt.rows)
			up.Name = "IsUp"
			n := data.NewFieldFromFieldType(data.FieldTypeNullableInt64, tt.rows)
			n.Name = "count_"
			x := data.NewFieldFromFieldType(data.FieldTypeNullableFloat64, tt.rows)
			x.Name = "avg_"
			p := data.NewFieldFromFieldType(data.FieldTypeNullableInt32, tt.rows)
			p.Name = "Port"
			for r := range tt.rows {
				step := r * tt.times / tt.rows
				if !tt.sorted {
					step = rng.IntN(tt.times)
				}
				tm := t0.Add(time.Duration(step) * time.Minute)
				ts.Set(r, &tm)
				dev.Set(r, ptr(fmt.Sprintf("ws-%d", rng.IntN(tt.devs))))
				up.Set(r, ptr(rng.IntN(2) == 0))
				if tt.nullValues == 0 || rng.IntN(tt.nullValues) != 0 {
					n.Set(r, ptr(rng.Int64N(1000)))
					x.Set(r, ptr(rng.Float64()))
				}
				p.Set(r, ptr(int32(rng.IntN(65536))))
			}
			fields := []*data.Field{ts, dev, n, x, p}
			factors, values := []int{1}, []int{2, 3, 4}
			if tt.bools {
				fields = []*data.Field{ts, n, dev, x, up, p}
				factors, values = []int{2, 4}, []int{1, 3, 5}
			}
			src := data.NewFrame("", fields...)
			order, times := sortedRows(ts)
			got, err := longToWide(src, 0, factors, values, order, times)
			if err != nil {
				t.Fatal(err)
			}
			want, err := sdkLongToWide(src, 0, factors, values, order, times)
			if err != nil {
				t.Fatal(err)
			}
			gj, _ := got.MarshalJSON()
			wj, _ := want.MarshalJSON()
			if !bytes.Equal(gj, wj) {
				t.Fatalf("wide frame differs from data.LongToWide's\n got %.600s\nwant %.600s", gj, wj)
			}
			if len(got.Fields) < 2 || got.Rows() != want.Rows() {
				t.Fatalf("%d fields, %d rows", len(got.Fields), got.Rows())
			}
		})
	}
}

func TestLongToWideNullLabel(t *testing.T) {
	tm := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	one := int64(1)
	src := data.NewFrame("",
		data.NewField("Timestamp", nil, []*time.Time{&tm, &tm}),
		data.NewField("DeviceName", nil, []*string{nil, nil}),
		data.NewField("n", nil, []*int64{&one, &one}))
	order, times := sortedRows(src.Fields[0])
	_, err := longToWide(src, 0, []int{1}, []int{2}, order, times)
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("label column DeviceName is null in row 0")) {
		t.Fatalf("err = %v; want the null label column named", err)
	}
}

func TestSortedRowsKeepsOrderOfEqualTimes(t *testing.T) {
	t1, t2 := time.Unix(100, 0).UTC(), time.Unix(50, 0).UTC()
	f := data.NewField("T", nil, []*time.Time{&t1, nil, &t2, &t1, &t2})
	order, times := sortedRows(f)
	if fmt.Sprint(order) != "[2 4 0 3]" || !times[0].Equal(t2) || !times[3].Equal(t1) {
		t.Fatalf("order %v times %v; want the null dropped and equal times in input order", order, times)
	}
}
