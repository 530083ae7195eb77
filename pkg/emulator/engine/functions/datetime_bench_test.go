package functions

import (
	"testing"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// benchTimes is benchRows datetimes 2.6 s apart ending at testNow, as a Timestamp column looks.
func benchTimes() *dataset.Column {
	ts := newOut(dataset.DateTime, benchRows)
	for i := range ts.Int {
		ts.Int[i] = testNow.UnixNano() - int64(i)*2_600_000_000
	}
	return ts
}

// The datetime benchmarks report allocs/op: one Eval over benchRows rows should allocate its result column
// and nothing per row.
func BenchmarkDateTimeAdd(b *testing.B) {
	b.ReportAllocs()
	benchOp(b, "datetime_add", Broadcast(strs("second"), 0, benchRows), Broadcast(longs(5), 0, benchRows), benchTimes())
}

func BenchmarkDateTimeDiff(b *testing.B) {
	b.ReportAllocs()
	benchOp(b, "datetime_diff", Broadcast(strs("minute"), 0, benchRows), benchTimes(), Broadcast(dts(testNow), 0, benchRows))
}

func BenchmarkDateTimePart(b *testing.B) {
	b.ReportAllocs()
	benchOp(b, "datetime_part", Broadcast(strs("hour"), 0, benchRows), benchTimes())
}

func BenchmarkStartOfDay(b *testing.B) {
	b.ReportAllocs()
	benchOp(b, "startofday", benchTimes())
}

func BenchmarkStartOfMonth(b *testing.B) {
	b.ReportAllocs()
	benchOp(b, "startofmonth", benchTimes())
}

func BenchmarkDayOfWeek(b *testing.B) {
	b.ReportAllocs()
	benchOp(b, "dayofweek", benchTimes())
}

func BenchmarkHourOfDay(b *testing.B) {
	b.ReportAllocs()
	benchOp(b, "hourofday", benchTimes())
}

func BenchmarkGetMonth(b *testing.B) {
	b.ReportAllocs()
	benchOp(b, "getmonth", benchTimes())
}
