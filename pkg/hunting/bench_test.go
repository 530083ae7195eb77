package hunting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// BenchmarkDecode compares the streaming decoder with what most data sources do: unmarshal the rows into
// []map[string]any, then convert cell by cell with data.FrameInputConverter. Both produce the same typed,
// nullable frame from the same 100,000 x 20 body. BENCHMARKS.md records the ratios.
func BenchmarkDecode(b *testing.B) {
	body := benchBody(100_000)
	b.Run("streaming", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			res, err := Decode(bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			if res.Frame.Rows() != 100_000 {
				b.Fatalf("rows = %d", res.Frame.Rows())
			}
		}
	})
	b.Run("map-then-convert", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			f, err := mapThenConvert(body)
			if err != nil {
				b.Fatal(err)
			}
			if f.Rows() != 100_000 {
				b.Fatalf("rows = %d", f.Rows())
			}
		}
	})
}

// BenchmarkDecodeRatio alternates the two paths inside one loop and reports the ratios directly, so
// that load from other processes (the team shares two cores) hits both sides alike: "x-faster" is
// baseline time / streaming time, "bytes-ratio" is streaming bytes allocated / baseline bytes allocated.
func BenchmarkDecodeRatio(b *testing.B) {
	body := benchBody(100_000)
	var tStream, tBase time.Duration
	var aStream, aBase uint64
	var ms runtime.MemStats
	measure := func(f func()) (time.Duration, uint64) {
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		start := time.Now()
		f()
		d := time.Since(start)
		runtime.ReadMemStats(&ms)
		return d, ms.TotalAlloc - before
	}
	for b.Loop() {
		d, a := measure(func() {
			if _, err := Decode(bytes.NewReader(body)); err != nil {
				b.Fatal(err)
			}
		})
		tStream, aStream = tStream+d, aStream+a
		d, a = measure(func() {
			if _, err := mapThenConvert(body); err != nil {
				b.Fatal(err)
			}
		})
		tBase, aBase = tBase+d, aBase+a
	}
	b.ReportMetric(float64(tBase)/float64(tStream), "x-faster")
	b.ReportMetric(float64(aStream)/float64(aBase), "bytes-ratio")
}

// mapThenConvert is the baseline: the common, straightforward way to build a frame from this JSON.
func mapThenConvert(body []byte) (*data.Frame, error) {
	var resp struct {
		Schema []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"schema"`
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, err
	}
	convs := make([]data.FieldConverter, len(resp.Schema))
	for i, c := range resp.Schema {
		convs[i] = baselineConverter(c.Type)
	}
	fic, err := data.NewFrameInputConverter(convs, len(resp.Results))
	if err != nil {
		return nil, err
	}
	for r, row := range resp.Results {
		for i, c := range resp.Schema {
			if err := fic.Set(i, r, row[c.Name]); err != nil {
				return nil, fmt.Errorf("row %d column %s: %w", r, c.Name, err)
			}
		}
	}
	for i, c := range resp.Schema {
		fic.Frame.Fields[i].Name = c.Name
	}
	return fic.Frame, nil
}

func baselineConverter(typ string) data.FieldConverter {
	nilOr := func(ft data.FieldType, f func(v any) (any, error)) data.FieldConverter {
		return data.FieldConverter{OutputFieldType: ft, Converter: func(v any) (any, error) {
			if v == nil {
				return nil, nil
			}
			return f(v)
		}}
	}
	switch kindOf(typ) {
	case kindString:
		return nilOr(data.FieldTypeNullableString, func(v any) (any, error) { s := v.(string); return &s, nil })
	case kindTime:
		return nilOr(data.FieldTypeNullableTime, func(v any) (any, error) {
			t, err := time.Parse(time.RFC3339Nano, v.(string))
			return &t, err
		})
	case kindInt64:
		return nilOr(data.FieldTypeNullableInt64, func(v any) (any, error) { n := int64(v.(float64)); return &n, nil })
	case kindInt32:
		return nilOr(data.FieldTypeNullableInt32, func(v any) (any, error) { n := int32(v.(float64)); return &n, nil })
	case kindFloat:
		return nilOr(data.FieldTypeNullableFloat64, func(v any) (any, error) { f := v.(float64); return &f, nil })
	case kindBool:
		return nilOr(data.FieldTypeNullableBool, func(v any) (any, error) { x := v.(bool); return &x, nil })
	case kindTimeSpan:
		return nilOr(data.FieldTypeNullableFloat64, func(v any) (any, error) {
			f, ok := parseTimeSpan([]byte(v.(string)))
			if !ok {
				return nil, fmt.Errorf("bad timespan %v", v)
			}
			return &f, nil
		})
	}
	return nilOr(data.FieldTypeNullableJSON, func(v any) (any, error) {
		raw, err := json.Marshal(v)
		m := json.RawMessage(raw)
		return &m, err
	})
}
