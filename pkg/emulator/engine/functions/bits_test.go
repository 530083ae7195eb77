package functions

import (
	"testing"
	"time"
)

func TestBitsAndCommandLines(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"binary_and", "binary_and", cols(longs(0x202, nil), longs(0x2, 2)), []any{int64(2), nil}, ""},
		{"binary_or", "binary_or", cols(longs(1), longs(4)), []any{int64(5)}, ""},
		{"binary_xor", "binary_xor", cols(longs(5), longs(1)), []any{int64(4)}, ""},
		{"binary_not", "binary_not", cols(longs(0)), []any{int64(-1)}, ""},
		{"binary_shift_left", "binary_shift_left", cols(longs(1), longs(4)), []any{int64(16)}, ""},
		{"binary_shift_right", "binary_shift_right", cols(longs(16), longs(4)), []any{int64(1)}, ""},
		{"bitset_count_ones", "bitset_count_ones", cols(longs(7)), []any{int64(3)}, ""},
		{"binary_and rejects strings", "binary_and", cols(strs("a"), longs(1)), nil, "binary_and(): argument #1 expected to be an integer expression"},
		{"parse_command_line", "parse_command_line", cols(strs(`"C:\Program Files\x.exe" -a "b c" d\"e`), strs("windows")),
			[]any{[]any{`C:\Program Files\x.exe`, "-a", "b c", `d"e`}}, ""},
		{"parse_command_line unknown parser", "parse_command_line", cols(strs("a"), strs("bash")), nil, "not supported"},
		{"parse_version orders", "op:<", cols(NewCol("decimal", 1.0), NewCol("decimal", 2.0)), []any{true}, ""},
	})
	a, _, _ := call(t, "parse_version", strs("1.2.10", "1.10.0", "x"))
	if a[2] != nil || a[0].(float64) >= a[1].(float64) {
		t.Fatalf("parse_version should order 1.2.10 before 1.10.0 and reject x, got %v", a)
	}
}

func TestMoreFunctions(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"unicode_codepoints_from_string", "unicode_codepoints_from_string", cols(strs("Aé")), []any{[]any{int64(65), int64(233)}}, ""},
		{"dynamic_to_json sorts keys", "dynamic_to_json", cols(dyns(map[string]any{"b": 1, "a": []any{"x"}})), []any{`{"a":["x"],"b":1}`}, ""},
		{"jaccard_index", "jaccard_index", cols(dyns([]any{1, 2, 3}), dyns([]any{2, 3, 4})), []any{0.5}, ""},
		{"datetime_utc_to_local", "datetime_utc_to_local", cols(dts(day(1)), strs("Europe/Paris")), []any{day(1).Add(2 * time.Hour)}, ""},
		{"datetime_local_to_utc", "datetime_local_to_utc", cols(dts(day(1)), strs("Europe/Paris")), []any{day(1).Add(-2 * time.Hour)}, ""},
		{"unknown zone", "datetime_utc_to_local", cols(dts(day(1)), strs("Mars/Olympus")), nil, "unknown time zone"},
		{"parse_user_agent", "parse_user_agent", cols(strs("Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36")), []any{map[string]any{
			"Browser": map[string]any{"Family": "Chrome"}, "OperatingSystem": map[string]any{"Family": "Windows"}}}, ""},
		{"series_decompose_anomalies", "series_decompose_anomalies", cols(dyns([]any{10, 11, 10, 12, 11, 10, 90, 11, 10, 11})), []any{[]any{
			int64(0), int64(0), int64(0), int64(0), int64(0), int64(0), int64(1), int64(0), int64(0), int64(0)}}, ""},
	})
}

func TestIngestionTimeIsNull(t *testing.T) {
	f, _ := NewRegistry().Scalar("ingestion_time")
	out, err := f.Eval(testCtx(), nil, 2)
	if err != nil || out.Type != "datetime" || !out.IsNull(0) || !out.IsNull(1) {
		t.Fatalf("ingestion_time() = %+v, %v; want two null datetimes", out, err)
	}
}
