package functions

import (
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func TestDateTimePeriods(t *testing.T) {
	ts := time.Date(2024, 5, 8, 13, 45, 30, 0, time.UTC)
	pre := time.Date(1969, 12, 27, 23, 59, 59, 0, time.UTC) // a Saturday before the epoch
	runScalarCases(t, []scalarCase{
		{"add seconds, nulls in either operand", "datetime_add", cols(strs("second"), longs(5, nil, 5), dts(ts, ts, nil)),
			[]any{ts.Add(5 * time.Second), nil, nil}, ""},
		{"add negative days before the epoch", "datetime_add", cols(strs("Day"), longs(-3), dts(pre)), []any{pre.AddDate(0, 0, -3)}, ""},
		{"add weeks", "datetime_add", cols(strs("week"), longs(2), dts(ts)), []any{ts.AddDate(0, 0, 14)}, ""},
		{"add quarter", "datetime_add", cols(strs("quarter"), longs(1), dts(ts)), []any{ts.AddDate(0, 3, 0)}, ""},
		{"add a period per row", "datetime_add", cols(strs("hour", "minute"), longs(1, 1), dts(ts, ts)),
			[]any{ts.Add(time.Hour), ts.Add(time.Minute)}, ""},
		{"add to a datetime string", "datetime_add", cols(strs("hour"), longs(1), strs("2024-05-08T13:45:30Z")), []any{ts.Add(time.Hour)}, ""},
		{"add a real count", "datetime_add", cols(strs("second"), reals(2.0), dts(ts)), []any{ts.Add(2 * time.Second)}, ""},
		{"add bad period on one row", "datetime_add", cols(strs("day", "fortnight"), longs(1, 1), dts(ts, ts)), nil, "unknown period"},
		{"diff weeks counts Sundays crossed", "datetime_diff", cols(strs("week"), dts(pre.Add(time.Second)), dts(pre)), []any{int64(1)}, ""},
		{"diff weeks within one week", "datetime_diff", cols(strs("week"), dts(day(11)), dts(day(5))), []any{int64(0)}, ""},
		{"diff seconds before the epoch", "datetime_diff", cols(strs("second"), dts(pre.Add(1500*time.Millisecond)), dts(pre)), []any{int64(1)}, ""},
		{"diff minutes negative", "datetime_diff", cols(strs("minute"), dts(day(8)), dts(ts)), []any{int64(-825)}, ""},
		{"diff years", "datetime_diff", cols(strs("year"), dts(ts), dts(pre)), []any{int64(55)}, ""},
		{"diff quarters", "datetime_diff", cols(strs("quarter"), dts(ts), dts(pre)), []any{int64(54*4 + 2)}, ""},
		{"diff months", "datetime_diff", cols(strs("month"), dts(ts), dts(pre)), []any{int64(54*12 + 5)}, ""},
		{"diff with a null", "datetime_diff", cols(strs("day"), dts(nil), dts(ts)), []any{nil}, ""},
		{"part minute and null", "datetime_part", cols(strs("minute"), dts(ts, nil)), []any{int64(45), nil}, ""},
		{"part of a dynamic period", "datetime_part", cols(dyns("second"), dts(ts)), []any{int64(30)}, ""},
		{"part of a null dynamic period", "datetime_part", cols(dyns(nil), dts(ts)), []any{nil}, ""},
	})
}

// The day and week functions are integer arithmetic on Unix ns: dates before 1970 must floor, not truncate.
func TestCalendarBeforeEpoch(t *testing.T) {
	pre := time.Date(1969, 12, 27, 23, 59, 59, 0, time.UTC) // a Saturday
	sat := time.Date(1969, 12, 27, 0, 0, 0, 0, time.UTC)
	sun := time.Date(1969, 12, 21, 0, 0, 0, 0, time.UTC)
	runScalarCases(t, []scalarCase{
		{"dayofweek Saturday", "dayofweek", cols(dts(pre, nil)), []any{6 * 24 * time.Hour, nil}, ""},
		{"dayofweek Thursday epoch", "dayofweek", cols(dts(time.Unix(0, 0).UTC())), []any{4 * 24 * time.Hour}, ""},
		{"hourofday", "hourofday", cols(dts(pre)), []any{int64(23)}, ""},
		{"startofday", "startofday", cols(dts(pre)), []any{sat}, ""},
		{"startofday offset", "startofday", cols(dts(pre), longs(2)), []any{sat.AddDate(0, 0, 2)}, ""},
		{"startofweek", "startofweek", cols(dts(pre)), []any{sun}, ""},
		{"startofweek next", "startofweek", cols(dts(pre), longs(1)), []any{sun.AddDate(0, 0, 7)}, ""},
		{"endofday", "endofday", cols(dts(pre)), []any{sat.AddDate(0, 0, 1).Add(-100 * time.Nanosecond)}, ""},
		{"endofweek", "endofweek", cols(dts(pre)), []any{sun.AddDate(0, 0, 7).Add(-100 * time.Nanosecond)}, ""},
		{"startofmonth offset", "startofmonth", cols(dts(pre), longs(-1)), []any{time.Date(1969, 11, 1, 0, 0, 0, 0, time.UTC)}, ""},
	})
}

// TestDateTimePeriodsAllocateNoCells guards the hot path of joins filtered on
// `between (Timestamp .. datetime_add('second', 5, Timestamp))`: one call over many rows allocates its
// result column, not a boxed value per cell.
func TestDateTimePeriodsAllocateNoCells(t *testing.T) {
	const rows = 1000
	ts := newOut(dataset.DateTime, rows)
	for i := range ts.Int {
		ts.Int[i] = testNow.UnixNano() - int64(i)*2_600_000_000
	}
	tests := []struct {
		name string
		fn   string
		in   []*dataset.Column
	}{
		{"datetime_add", "datetime_add", cols(Broadcast(strs("second"), 0, rows), Broadcast(longs(5), 0, rows), ts)},
		{"datetime_diff", "datetime_diff", cols(Broadcast(strs("minute"), 0, rows), ts, Broadcast(dts(testNow), 0, rows))},
		{"datetime_part", "datetime_part", cols(Broadcast(strs("hour"), 0, rows), ts)},
		{"startofday", "startofday", cols(ts)},
		{"startofmonth", "startofmonth", cols(ts)},
		{"dayofweek", "dayofweek", cols(ts)},
		{"hourofday", "hourofday", cols(ts)},
		{"getyear", "getyear", cols(ts)},
	}
	reg := NewRegistry()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := reg.Scalar(tc.fn)
			var err error
			allocs := testing.AllocsPerRun(5, func() { _, err = f.Eval(testCtx(), tc.in, rows) })
			if err != nil {
				t.Fatal(err)
			}
			if allocs > rows/10 {
				t.Errorf("%s over %d rows made %.0f allocations, want a few (none per row)", tc.fn, rows, allocs)
			}
		})
	}
}
