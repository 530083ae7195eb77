package functions

import (
	"testing"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// BenchmarkDateTime runs the datetime functions hunting queries use most over benchRows Timestamps 2.6 s
// apart. allocs/op shows the per-row cost: one Eval should allocate its result column and nothing per row.
//
//	go test -run XXX -bench DateTime -benchtime=3x ./pkg/emulator/engine/functions
func BenchmarkDateTime(b *testing.B) {
	ts := newOut(dataset.DateTime, benchRows)
	for i := range ts.Int {
		ts.Int[i] = testNow.UnixNano() - int64(i)*2_600_000_000
	}
	constant := func(c *dataset.Column) *dataset.Column { return Broadcast(c, 0, benchRows) }
	for _, bc := range []struct {
		fn   string
		args []*dataset.Column
	}{
		{"datetime_add", cols(constant(strs("second")), constant(longs(5)), ts)},
		{"datetime_diff", cols(constant(strs("minute")), ts, constant(dts(testNow)))},
		{"datetime_part", cols(constant(strs("hour")), ts)},
		{"startofday", cols(ts)},
		{"startofmonth", cols(ts)},
		{"dayofweek", cols(ts)},
		{"hourofday", cols(ts)},
		{"getmonth", cols(ts)},
	} {
		b.Run(bc.fn, func(b *testing.B) {
			b.ReportAllocs()
			benchOp(b, bc.fn, bc.args...)
		})
	}
}
