package functions

import (
	"math"
	"testing"
	"time"
)

func TestRemainingScalars(t *testing.T) {
	ts := time.Date(2024, 5, 8, 13, 45, 30, 500_000_000, time.UTC)
	runScalarCases(t, []scalarCase{
		{"datetime_part", "datetime_part", cols(strs("hour"), dts(ts)), []any{int64(13)}, ""},
		{"datetime_part quarter", "datetime_part", cols(strs("Quarter"), dts(ts)), []any{int64(2)}, ""},
		{"make_datetime", "make_datetime", cols(longs(2024), longs(5), longs(8), longs(13), longs(45), reals(30.5)), []any{ts}, ""},
		{"unixtime_seconds_todatetime", "unixtime_seconds_todatetime", cols(longs(86400)), []any{time.Unix(86400, 0).UTC()}, ""},
		{"unixtime_milliseconds_todatetime", "unixtime_milliseconds_todatetime", cols(longs(1500)), []any{time.Unix(1, 5e8).UTC()}, ""},
		{"startofyear", "startofyear", cols(dts(ts)), []any{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, ""},
		{"endofmonth", "endofmonth", cols(dts(ts)), []any{time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).Add(-100 * time.Nanosecond)}, ""},
		{"endofweek", "endofweek", cols(dts(ts)), []any{day(12).Add(-100 * time.Nanosecond)}, ""},
		{"dayofmonth", "dayofmonth", cols(dts(ts)), []any{int64(8)}, ""},
		{"dayofyear", "dayofyear", cols(dts(ts)), []any{int64(129)}, ""},
		{"weekofyear", "weekofyear", cols(dts(ts)), []any{int64(19)}, ""},
		{"log2", "log2", cols(longs(8)), []any{3.0}, ""},
		{"exp2", "exp2", cols(longs(3)), []any{8.0}, ""},
		{"exp10", "exp10", cols(longs(2)), []any{100.0}, ""},
		{"ceiling", "ceiling", cols(reals(1.2)), []any{2.0}, ""},
		{"sign", "sign", cols(longs(-4, 0)), []any{-1.0, 0.0}, ""},
		{"isnan", "isnan", cols(reals(math.NaN(), 1.0, nil)), []any{true, false, false}, ""},
		{"isinf", "isinf", cols(reals(math.Inf(1), 1.0)), []any{true, false}, ""},
		{"isfinite", "isfinite", cols(reals(math.Inf(1), 1.0)), []any{false, true}, ""},
		{"array_reverse", "array_reverse", cols(dyns([]any{1, 2})), []any{[]any{int64(2), int64(1)}}, ""},
		{"array_sort_asc", "array_sort_asc", cols(dyns([]any{3, 1, 2})), []any{[]any{int64(1), int64(2), int64(3)}}, ""},
		{"array_sort_desc", "array_sort_desc", cols(dyns([]any{"a", "c", "b"})), []any{[]any{"c", "b", "a"}}, ""},
		{"array_sum", "array_sum", cols(dyns([]any{1, 2.5})), []any{3.5}, ""},
		{"set_has_element", "set_has_element", cols(dyns([]any{"a", "b"}, []any{"a"}), strs("b", "b")), []any{true, false}, ""},
		{"bag_remove_keys", "bag_remove_keys", cols(dyns(map[string]any{"a": 1, "b": 2}), dyns([]any{"a"})), []any{map[string]any{"b": int64(2)}}, ""},
		{"bag_has_key", "bag_has_key", cols(dyns(map[string]any{"a": 1}), strs("a")), []any{true}, ""},
		{"string_size counts bytes", "string_size", cols(strs("é")), []any{int64(2)}, ""},
		{"parse_urlquery", "parse_urlquery", cols(strs("a=1&b=x%20y")), []any{map[string]any{"Query Parameters": map[string]any{"a": "1", "b": "x y"}}}, ""},
		{"base64_encode_fromarray", "base64_encode_fromarray", cols(dyns([]any{73, 69, 88})), []any{"SUVY"}, ""},
		{"hash_md5", "hash_md5", cols(strs("abc")), []any{"900150983cd24fb0d6963f7d28e17f72"}, ""},
		{"hash_sha1", "hash_sha1", cols(strs("abc")), []any{"a9993e364706816aba3e25717850c26c9cd0d89d"}, ""},
		{"ipv4_is_in_any_range", "ipv4_is_in_any_range", cols(strs("10.0.0.5", "8.8.8.8"), dyns([]any{"192.168.0.0/16", "10.0.0.0/24"}, []any{"192.168.0.0/16", "10.0.0.0/24"})), []any{true, false}, ""},
		{"todecimal", "todecimal", cols(strs("2.5")), []any{2.5}, ""},
		{"tostring guid", "tostring", cols(guids("0d2b12f0-0000-4000-8000-000000000001")), []any{"0d2b12f0-0000-4000-8000-000000000001"}, ""},
		{"range", "range", cols(longs(1), longs(7), longs(3)), []any{[]any{int64(1), int64(4), int64(7)}}, ""},
		{"range too large", "range", cols(longs(0), longs(1_000_000_000)), nil, "more than 1,000,000"},
	})
}

func TestRandomFunctionsAreSeeded(t *testing.T) {
	a, _, err := call(t, "rand", longs(10, 10, 10, 10))
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := call(t, "rand", longs(10, 10, 10, 10))
	for i := range a {
		if v := a[i].(int64); v < 0 || v >= 10 || a[i] != b[i] {
			t.Fatalf("rand(10) = %v then %v: want values in [0,10) reproducible from the query's seed", a, b)
		}
	}
	f, _ := NewRegistry().Scalar("new_guid")
	out, err := f.Eval(testCtx(), nil, 2)
	if err != nil || !isGUID(out.Str[0]) || out.Str[0] == out.Str[1] {
		t.Fatalf("new_guid() = %v, %v; want two distinct GUIDs", out.Str, err)
	}
}

func TestTrigAndMiscellany(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"cos", "cos", cols(reals(0.0)), []any{1.0}, ""},
		{"degrees", "degrees", cols(reals(math.Pi)), []any{180.0}, ""},
		{"atan2", "atan2", cols(reals(1.0), reals(1.0)), []any{math.Pi / 4}, ""},
		{"repeat", "repeat", cols(strs("a"), longs(3)), []any{[]any{"a", "a", "a"}}, ""},
		{"repeat too many", "repeat", cols(strs("a"), longs(2_000_000)), nil, "more than 1,000,000"},
		{"array_iff", "array_iff", cols(dyns([]any{true, false, true}), dyns([]any{1, 2, 3}), dyns([]any{4, 5, 6})), []any{[]any{int64(1), int64(5), int64(3)}}, ""},
		{"indexof_regex", "indexof_regex", cols(strs("abc123"), strs(`\d`)), []any{int64(3)}, ""},
		{"ipv4_is_match", "ipv4_is_match", cols(strs("10.0.0.1", "10.0.0.1"), strs("10.0.0.9", "10.0.0.1"), longs(24, 32)), []any{true, true}, ""},
		{"parse_ipv4_mask", "parse_ipv4_mask", cols(strs("10.1.2.3"), longs(8)), []any{int64(167772160)}, ""},
		{"format_bytes", "format_bytes", cols(longs(1536), longs(1)), []any{"1.5 KB"}, ""},
		{"format_bytes small", "format_bytes", cols(longs(12)), []any{"12 Bytes"}, ""},
	})
}
