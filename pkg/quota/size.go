package quota

import (
	"encoding/json"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// Per-value estimates of a frame's memory: the cache bounds bytes, not entries, because one hunting
// result can be 100,000 rows and another a single count.
const (
	sliceOverhead   = 24 // a slice or string header
	pointerOverhead = 8  // a nullable value's pointer
)

// estimateSize approximates the memory a Result holds. It reads the frame, never modifies it.
func estimateSize(res *hunting.Result) int64 {
	if res == nil {
		return 0
	}
	n := int64(len(res.Stats))
	for _, ntc := range res.Notices {
		n += int64(len(ntc.Text)) + sliceOverhead
	}
	if res.Frame == nil {
		return n
	}
	for _, f := range res.Frame.Fields {
		n += fieldSize(f)
	}
	return n
}

func fieldSize(f *data.Field) int64 {
	rows := f.Len()
	n := int64(len(f.Name)) + sliceOverhead
	ft := f.Type()
	if ft.Nullable() {
		n += int64(rows) * pointerOverhead
	}
	switch ft.NonNullableType() {
	case data.FieldTypeString:
		n += int64(rows) * sliceOverhead
		for i := 0; i < rows; i++ {
			n += int64(len(stringAt(f, i)))
		}
	case data.FieldTypeJSON:
		n += int64(rows) * sliceOverhead
		for i := 0; i < rows; i++ {
			switch v := f.At(i).(type) {
			case *json.RawMessage:
				if v != nil {
					n += int64(len(*v))
				}
			case json.RawMessage:
				n += int64(len(v))
			}
		}
	case data.FieldTypeTime:
		n += int64(rows) * 24
	case data.FieldTypeInt8, data.FieldTypeUint8, data.FieldTypeBool:
		n += int64(rows)
	case data.FieldTypeInt16, data.FieldTypeUint16:
		n += int64(rows) * 2
	case data.FieldTypeInt32, data.FieldTypeUint32, data.FieldTypeFloat32:
		n += int64(rows) * 4
	default:
		n += int64(rows) * 8
	}
	return n
}

// stringAt reads a cell through At, which hands out a nullable field's pointer as it is (ConcreteAt
// would box a copy of every string: one allocation per cell of every large result).
func stringAt(f *data.Field, i int) string {
	switch v := f.At(i).(type) {
	case *string:
		if v != nil {
			return *v
		}
	case string:
		return v
	}
	return ""
}
