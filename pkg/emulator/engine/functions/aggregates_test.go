package functions

import (
	"reflect"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// aggCase aggregates rows into groups and checks the per-group cells and the default column name.
type aggCase struct {
	name     string
	fn       string
	in       []*dataset.Column
	groups   []int32
	ngroups  int
	argNames []string
	want     []any
	wantName string
	wantErr  string
}

func TestAggregates(t *testing.T) {
	g := []int32{0, 0, 1, 1, 1}
	cases := []aggCase{
		{"count", "count", nil, g, 2, nil, []any{int64(2), int64(3)}, "count_", ""},
		{"count empty group", "count", nil, []int32{0}, 2, nil, []any{int64(1), int64(0)}, "count_", ""},
		{"countif", "countif", cols(bools(true, false, true, nil, true)), g, 2, []string{""}, []any{int64(1), int64(2)}, "countif_", ""},
		{"dcount strings", "dcount", cols(strs("a", "a", "x", "y", "x")), g, 2, []string{"DeviceId"}, []any{int64(1), int64(2)}, "dcount_DeviceId", ""},
		{"dcount skips nulls", "dcount", cols(longs(1, nil, nil, 2, 2)), g, 2, []string{"N"}, []any{int64(1), int64(1)}, "dcount_N", ""},
		{"dcountif", "dcountif", cols(strs("a", "b", "x", "y", "z"), bools(true, true, false, true, true)), g, 2, []string{"U", ""}, []any{int64(2), int64(2)}, "dcountif_U", ""},
		{"sum long", "sum", cols(longs(1, 2, 3, nil, 4)), g, 2, []string{"B"}, []any{int64(3), int64(7)}, "sum_B", ""},
		{"sum all null", "sum", cols(longs(nil, nil, 1, 1, 1)), g, 2, []string{"B"}, []any{nil, int64(3)}, "sum_B", ""},
		{"sum real", "sum", cols(reals(0.5, 0.5, 1.0, 1.0, 1.0)), g, 2, []string{"R"}, []any{1.0, 3.0}, "sum_R", ""},
		{"sum int widens", "sum", cols(ints(1, 1, 1, 1, 1)), g, 2, []string{"I"}, []any{int64(2), int64(3)}, "sum_I", ""},
		{"sumif", "sumif", cols(longs(1, 2, 3, 4, 5), bools(true, false, true, true, false)), g, 2, []string{"B", ""}, []any{int64(1), int64(7)}, "sumif_B", ""},
		{"avg", "avg", cols(longs(1, 2, 3, 4, 5)), g, 2, []string{"B"}, []any{1.5, 4.0}, "avg_B", ""},
		{"avgif", "avgif", cols(longs(1, 2, 3, 4, 5), bools(true, true, false, false, true)), g, 2, []string{"B", ""}, []any{1.5, 5.0}, "avgif_B", ""},
		{"stdev", "stdev", cols(reals(2.0, 4.0, 1.0, 1.0, 1.0)), g, 2, []string{"X"}, []any{1.4142135623730951, 0.0}, "stdev_X", ""},
		{"variance", "variance", cols(reals(2.0, 4.0, 1.0, 1.0, 1.0)), g, 2, []string{"X"}, []any{2.0, 0.0}, "variance_X", ""},
		{"min datetime", "min", cols(dts(day(2), day(1), nil, day(5), day(4))), g, 2, []string{"Timestamp"}, []any{day(1), day(4)}, "min_Timestamp", ""},
		{"max string", "max", cols(strs("a", "b", "c", "z", "y")), g, 2, []string{"S"}, []any{"b", "z"}, "max_S", ""},
		{"max all null", "max", cols(longs(nil, nil, 1, 2, 3)), g, 2, []string{"L"}, []any{nil, int64(3)}, "max_L", ""},
		{"maxif", "maxif", cols(longs(1, 9, 3, 4, 5), bools(true, false, true, true, false)), g, 2, []string{"L", ""}, []any{int64(1), int64(4)}, "maxif_L", ""},
		{"minif", "minif", cols(longs(1, 9, 3, 4, 5), bools(false, true, false, true, true)), g, 2, []string{"L", ""}, []any{int64(9), int64(4)}, "minif_L", ""},
		{"arg_max value and name", "arg_max", cols(longs(1, 9, 3, 4, 5)), g, 2, []string{"Timestamp", ""}, []any{int64(9), int64(5)}, "Timestamp", ""},
		{"any skips empty", "any", cols(strs("", "b", "c", "", "")), g, 2, []string{"S"}, []any{"b", "c"}, "any_S", ""},
		{"take_any", "take_any", cols(longs(nil, 2, 3, 4, 5)), g, 2, []string{"L"}, []any{int64(2), int64(3)}, "any_L", ""},
		{"make_set distinct in order", "make_set", cols(strs("b", "b", "x", "y", "x")), g, 2, []string{"F"}, []any{[]any{"b"}, []any{"x", "y"}}, "set_F", ""},
		{"makeset alias with cap", "makeset", cols(strs("b", "c", "x", "y", "z"), longs(1, 1, 1, 1, 1)), g, 2, []string{"F", ""}, []any{[]any{"b"}, []any{"x"}}, "set_F", ""},
		{"make_set flattens arrays", "make_set", cols(dyns([]any{"a", "b"}, []any{"b"}, nil, []any{"c"}, "d")), g, 2, []string{"T"}, []any{[]any{"a", "b"}, []any{"c", "d"}}, "set_T", ""},
		{"make_set_if", "make_set_if", cols(longs(1, 2, 3, 3, 4), bools(true, false, true, true, true)), g, 2, []string{"L", ""}, []any{[]any{int64(1)}, []any{int64(3), int64(4)}}, "set_L", ""},
		{"make_list keeps duplicates", "make_list", cols(strs("b", "b", "x", "y", "x")), g, 2, []string{"F"}, []any{[]any{"b", "b"}, []any{"x", "y", "x"}}, "list_F", ""},
		{"makelist alias", "makelist", cols(longs(1, 2, 3, 4, 5)), []int32{0, 0, 0, 0, 0}, 1, []string{"L"}, []any{[]any{int64(1), int64(2), int64(3), int64(4), int64(5)}}, "list_L", ""},
		{"make_list_if", "make_list_if", cols(longs(1, 2, 3, 4, 5), bools(true, true, false, false, true)), g, 2, []string{"L", ""}, []any{[]any{int64(1), int64(2)}, []any{int64(5)}}, "list_L", ""},
		{"make_list_with_nulls", "make_list_with_nulls", cols(longs(1, nil, 3, 4, nil)), g, 2, []string{"L"}, []any{[]any{int64(1), nil}, []any{int64(3), int64(4), nil}}, "list_L", ""},
		{"make_bag", "make_bag", cols(dyns(map[string]any{"a": int64(1)}, map[string]any{"b": int64(2)}, nil, nil, map[string]any{"a": int64(3)})), g, 2, []string{"P"}, []any{map[string]any{"a": int64(1), "b": int64(2)}, map[string]any{"a": int64(3)}}, "bag_P", ""},
		{"percentile", "percentile", cols(longs(1, 2, 3, 4, 5), longs(50, 50, 50, 50, 50)), []int32{0, 0, 0, 0, 0}, 1, []string{"L", ""}, []any{int64(3)}, "percentile_L_50", ""},
		{"percentile 90", "percentiles", cols(reals(1.0, 2.0, 3.0, 4.0, 5.0), longs(90, 90, 90, 90, 90)), []int32{0, 0, 0, 0, 0}, 1, []string{"R", "90"}, []any{5.0}, "percentile_R_90", ""},
		{"percentile out of range", "percentile", cols(longs(1), longs(150)), []int32{0}, 1, nil, nil, "", "between 0 and 100"},
		{"sum rejects strings", "sum", cols(strs("a")), []int32{0}, 1, nil, nil, "", "sum(): argument #1 expected to be a numeric or timespan expression"},
		{"avg timespans", "avg", cols(spans(time.Hour, 3*time.Hour, time.Minute, nil, nil)), g, 2, []string{"D"}, []any{2 * time.Hour, time.Minute}, "avg_D", ""},
		{"variance rejects timespans", "variance", cols(spans(time.Hour)), []int32{0}, 1, nil, nil, "", "variance(): argument #1 expected to be a numeric expression"},
		{"sum timespans", "sum", cols(spans(time.Hour, time.Hour, time.Minute, nil, nil)), g, 2, []string{"D"}, []any{2 * time.Hour, time.Minute}, "sum_D", ""},
	}
	reg := NewRegistry()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := reg.Aggregate(tc.fn)
			if !ok {
				t.Fatalf("aggregate %q not registered", tc.fn)
			}
			types := make([]dataset.Type, len(tc.in))
			for i, c := range tc.in {
				types[i] = c.Type
			}
			rt, err := f.Result(types)
			var out *dataset.Column
			if err == nil {
				out, err = f.Eval(testCtx(), tc.in, tc.groups, tc.ngroups)
			}
			if tc.wantErr != "" {
				if err == nil || !contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if out.Type != rt {
				t.Fatalf("Eval type %s, Result said %s", out.Type, rt)
			}
			got := make([]any, out.Len())
			for i := range got {
				got[i] = cellValue(out, i)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v\nwant %#v", got, tc.want)
			}
			if name := f.ResultName(tc.argNames); name != tc.wantName {
				t.Fatalf("ResultName = %q, want %q", name, tc.wantName)
			}
		})
	}
}

func TestArgExtreme(t *testing.T) {
	by := longs(5, nil, 9, 9, nil, nil)
	groups := []int32{0, 0, 0, 1, 1, 2}
	tests := []struct {
		name  string
		isMax bool
		want  []int
	}{
		{"max keeps first of ties", true, []int{2, 3, -1}},
		{"min ignores nulls", false, []int{0, 3, -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ArgExtreme(by, groups[:5], 3, tc.isMax)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	if got := ArgExtreme(by, groups, 3, true); got[2] != 5 {
		t.Fatalf("all-null group should fall back to its first row, got %d", got[2])
	}
}

func TestDeprecatedCollectorsCapAt128(t *testing.T) {
	vals := make([]any, 200)
	for i := range vals {
		vals[i] = int64(i)
	}
	groups := make([]int32, len(vals))
	tests := []struct {
		name string
		fn   string
		want int
	}{
		{"makeset", "makeset", 128}, {"makelist", "makelist", 128}, {"make_set", "make_set", 200}, {"make_list", "make_list", 200},
	}
	reg := NewRegistry()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := reg.Aggregate(tc.fn)
			out, err := f.Eval(testCtx(), cols(longs(vals...)), groups, 1)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(out.Dyn[0].([]any)); got != tc.want {
				t.Fatalf("%s kept %d elements, want %d", tc.fn, got, tc.want)
			}
		})
	}
}
