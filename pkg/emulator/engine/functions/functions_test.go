package functions

import (
	"math"
	"testing"
	"time"
)

func TestDateTimeFunctions(t *testing.T) {
	ts := time.Date(2024, 5, 8, 13, 45, 30, 0, time.UTC) // a Wednesday
	runScalarCases(t, []scalarCase{
		{"ago", "ago", cols(spans(time.Hour, nil)), []any{testNow.Add(-time.Hour), nil}, ""},
		{"now offset", "now", cols(spans(-time.Hour)), []any{testNow.Add(-time.Hour)}, ""},
		{"ago rejects string", "ago", cols(strs("1d")), nil, "ago(): argument #1 expected to be a timespan expression"},
		{"startofday", "startofday", cols(dts(ts, nil)), []any{day(8), nil}, ""},
		{"startofday offset", "startofday", cols(dts(ts), longs(-1)), []any{day(7)}, ""},
		{"startofweek is Sunday", "startofweek", cols(dts(ts)), []any{day(5)}, ""},
		{"startofmonth", "startofmonth", cols(dts(ts)), []any{day(1)}, ""},
		{"endofday", "endofday", cols(dts(ts)), []any{day(9).Add(-100 * time.Nanosecond)}, ""},
		{"dayofweek", "dayofweek", cols(dts(ts)), []any{3 * 24 * time.Hour}, ""},
		{"hourofday", "hourofday", cols(dts(ts)), []any{int64(13)}, ""},
		{"getmonth", "getmonth", cols(dts(ts)), []any{int64(5)}, ""},
		{"getyear", "getyear", cols(dts(ts)), []any{int64(2024)}, ""},
		{"datetime_add", "datetime_add", cols(strs("month"), longs(1), dts(ts)), []any{ts.AddDate(0, 1, 0)}, ""},
		{"datetime_add bad part", "datetime_add", cols(strs("fortnight"), longs(1), dts(ts)), nil, "unknown period"},
		{"datetime_diff day", "datetime_diff", cols(strs("day"), dts(ts), dts(day(1))), []any{int64(7)}, ""},
		{"datetime_diff hour", "datetime_diff", cols(strs("hour"), dts(ts), dts(day(8))), []any{int64(13)}, ""},
		{"format_datetime", "format_datetime", cols(dts(ts), strs("yyyy-MM-dd HH:mm:ss")), []any{"2024-05-08 13:45:30"}, ""},
		{"format_datetime 12h", "format_datetime", cols(dts(ts), strs("M/d/yy h:mm tt")), []any{"5/8/24 1:45 PM"}, ""},
		{"format_timespan", "format_timespan", cols(spans(26*time.Hour+3*time.Minute), strs("d.hh:mm:ss")), []any{"1.02:03:00"}, ""},
		{"todatetime", "todatetime", cols(strs("2024-05-08T13:45:30Z", "2024-05-08 13:45:30", "nope", "")), []any{ts, ts, nil, nil}, ""},
		{"totimespan", "totimespan", cols(strs("1.02:00:00", "00:30:00", "1d", "x")), []any{26 * time.Hour, 30 * time.Minute, 24 * time.Hour, nil}, ""},
	})
}

func TestBinFunction(t *testing.T) {
	ts := time.Date(2024, 5, 8, 13, 45, 30, 0, time.UTC)
	runScalarCases(t, []scalarCase{
		{"datetime by hour", "bin", cols(dts(ts, nil), spans(time.Hour, time.Hour)), []any{time.Date(2024, 5, 8, 13, 0, 0, 0, time.UTC), nil}, ""},
		{"datetime by day", "bin", cols(dts(ts), spans(24*time.Hour)), []any{day(8)}, ""},
		{"datetime by 7d starts Monday", "bin", cols(dts(ts), spans(7*24*time.Hour)), []any{day(6)}, ""},
		{"long", "bin", cols(longs(17, -3), longs(5, 5)), []any{int64(15), int64(-5)}, ""},
		{"real", "bin", cols(reals(7.5), reals(2.0)), []any{6.0}, ""},
		{"timespan", "bin", cols(spans(95*time.Minute), spans(time.Hour)), []any{time.Hour}, ""},
		{"zero size is null", "bin", cols(longs(17), longs(0)), []any{nil}, ""},
		{"floor alias", "floor", cols(longs(17), longs(5)), []any{int64(15)}, ""},
		{"bin_at", "bin_at", cols(longs(17), longs(5), longs(1)), []any{int64(16)}, ""},
		{"string rejected", "bin", cols(strs("x"), longs(5)), nil, "bin(): argument #1"},
	})
}

func TestConversionFunctions(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"tostring", "tostring", cols(longs(5, nil)), []any{"5", ""}, ""},
		{"tostring real", "tostring", cols(reals(1.0, 0.25)), []any{"1", "0.25"}, ""},
		{"tostring datetime", "tostring", cols(dts(day(1))), []any{"2024-05-01T00:00:00Z"}, ""},
		{"tostring timespan", "tostring", cols(spans(26*time.Hour + 1500*time.Millisecond)), []any{"1.02:00:01.5000000"}, ""},
		{"tostring dynamic", "tostring", cols(dyns("a", []any{int64(1), "b"}, nil)), []any{"a", `[1,"b"]`, ""}, ""},
		{"toint", "toint", cols(strs("42", "4.7", "x", "")), []any{int64(42), int64(4), nil, nil}, ""},
		{"tolong dynamic", "tolong", cols(dyns(int64(7), "8", nil)), []any{int64(7), int64(8), nil}, ""},
		{"todouble", "todouble", cols(strs("1.5")), []any{1.5}, ""},
		{"toreal alias", "toreal", cols(longs(2)), []any{2.0}, ""},
		{"tobool", "tobool", cols(strs("true", "FALSE", "x")), []any{true, false, nil}, ""},
		{"toguid", "toguid", cols(strs("{0D2B12F0-0000-4000-8000-000000000001}", "x")), []any{"0d2b12f0-0000-4000-8000-000000000001", ""}, ""},
		{"parse_json", "parse_json", cols(strs(`{"a":{"b":[1,2.5]}}`, "plain", "")), []any{map[string]any{"a": map[string]any{"b": []any{int64(1), 2.5}}}, "plain", nil}, ""},
		{"parsejson alias", "parsejson", cols(strs(`[1]`)), []any{[]any{int64(1)}}, ""},
		{"gettype", "gettype", cols(dyns([]any{}, map[string]any{}, "s", nil)), []any{"array", "dictionary", "string", "null"}, ""},
	})
}

func TestStringFunctions(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"tolower", "tolower", cols(strs("AbC")), []any{"abc"}, ""},
		{"tolower rejects long", "tolower", cols(longs(1)), nil, "tolower(): argument #1 expected to be a string expression"},
		{"toupper", "toupper", cols(strs("AbC")), []any{"ABC"}, ""},
		{"strlen counts characters", "strlen", cols(strs("abc", "Größe", "")), []any{int64(3), int64(5), int64(0)}, ""},
		{"substring", "substring", cols(strs("abcdef", "abc"), longs(2, 5), longs(3, 1)), []any{"cde", ""}, ""},
		{"substring no length", "substring", cols(strs("abcdef"), longs(4)), []any{"ef"}, ""},
		{"substring huge length", "substring", cols(strs("abcdef"), longs(2), longs(math.MaxInt64)), []any{"cdef"}, ""},
		{"indexof huge length", "indexof", cols(strs("abcdef"), strs("e"), longs(1), longs(math.MaxInt64)), []any{int64(4)}, ""},
		{"strcat mixes types", "strcat", cols(strs("a"), longs(1), dyns("x")), []any{"a1x"}, ""},
		{"strcat_delim", "strcat_delim", cols(strs("-"), strs("a"), strs("b")), []any{"a-b"}, ""},
		{"replace (deprecated order)", "replace", cols(strs(`(\w+)@(\w+)`), strs(`\2 at \1`), strs("joe@contoso")), []any{"contoso at joe"}, ""},
		{"replace_regex", "replace_regex", cols(strs("a1b22"), strs(`\d+`), strs("#")), []any{"a#b#"}, ""},
		{"replace_string", "replace_string", cols(strs("a.b.c"), strs("."), strs("/")), []any{"a/b/c"}, ""},
		{"trim", "trim", cols(strs(`\s`), strs("  x  ")), []any{"x"}, ""},
		{"trim_start", "trim_start", cols(strs("-"), strs("--x--")), []any{"x--"}, ""},
		{"trim_end", "trim_end", cols(strs("-"), strs("--x--")), []any{"--x"}, ""},
		{"indexof", "indexof", cols(strs("abcabc"), strs("c")), []any{int64(2)}, ""},
		{"indexof missing", "indexof", cols(strs("abc"), strs("z")), []any{int64(-1)}, ""},
		{"indexof occurrence", "indexof", cols(strs("abcabc"), strs("c"), longs(0), longs(-1), longs(2)), []any{int64(5)}, ""},
		{"countof overlapping", "countof", cols(strs("aaa"), strs("aa")), []any{int64(2)}, ""},
		{"countof regex", "countof", cols(strs("aaa"), strs("aa"), strs("regex")), []any{int64(1)}, ""},
		{"extract group", "extract", cols(strs(`user=(\w+)`), longs(1), strs("x user=bob y", "none")), []any{"bob", ""}, ""},
		{"extract_all", "extract_all", cols(strs(`(\d+)`), strs("a1b22")), []any{[]any{"1", "22"}}, ""},
		{"extractall alias", "extractall", cols(strs(`(\w)(\d)`), strs("a1 b2")), []any{[]any{[]any{"a", "1"}, []any{"b", "2"}}}, ""},
		{"strrep", "strrep", cols(strs("ab"), longs(3), strs(",")), []any{"ab,ab,ab"}, ""},
		{"reverse", "reverse", cols(strs("abc")), []any{"cba"}, ""},
	})
}

func TestMiscFunctions(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"iff", "iff", cols(bools(true, false, nil), strs("y", "y", "y"), strs("n", "n", "n")), []any{"y", "n", "n"}, ""},
		{"iif promotes numbers", "iif", cols(bools(true, false), longs(1, 1), reals(0.5, 0.5)), []any{1.0, 0.5}, ""},
		{"iff type mismatch", "iff", cols(bools(true), strs("a"), longs(1)), nil, "same type"},
		{"case", "case", cols(bools(true, false, false), strs("a", "a", "a"), bools(false, true, false), strs("b", "b", "b"), strs("c", "c", "c")), []any{"a", "b", "c"}, ""},
		{"case even args", "case", cols(bools(true), strs("a"), bools(true), strs("b")), nil, "pairs"},
		{"coalesce", "coalesce", cols(longs(nil, 2), longs(1, 3)), []any{int64(1), int64(2)}, ""},
		{"coalesce strings skips empty", "coalesce", cols(strs("", "x"), strs("y", "z")), []any{"y", "x"}, ""},
		{"isempty", "isempty", cols(strs("", "a")), []any{true, false}, ""},
		{"isnotempty", "isnotempty", cols(dyns(nil, "", "a")), []any{false, false, true}, ""},
		{"notempty alias", "notempty", cols(longs(nil, 1)), []any{false, true}, ""},
		{"isnull", "isnull", cols(longs(nil, 1)), []any{true, false}, ""},
		{"isnull string never", "isnull", cols(strs("")), []any{false}, ""},
		{"isnotnull", "isnotnull", cols(reals(nil, 1.0)), []any{false, true}, ""},
		{"not", "not", cols(bools(false)), []any{true}, ""},
	})
}

func TestDynamicFunctions(t *testing.T) {
	obj := map[string]any{"a": map[string]any{"b": []any{int64(1), int64(2)}}}
	runScalarCases(t, []scalarCase{
		{"index property", "op:index", in2(dyns(obj, nil), strs("a", "a")), []any{obj["a"], nil}, ""},
		{"index array negative", "op:index", in2(dyns([]any{"x", "y"}), longs(-1)), []any{"y"}, ""},
		{"index JSON string", "op:index", in2(strs(`{"k":"v"}`, "plain"), strs("k", "k")), []any{"v", nil}, ""},
		{"split", "split", cols(strs("a,b,c"), strs(",")), []any{[]any{"a", "b", "c"}}, ""},
		{"split index", "split", cols(strs("a,b,c", "a"), strs(",", ","), longs(1, 3)), []any{[]any{"b"}, []any{}}, ""},
		{"pack_array", "pack_array", cols(strs("a"), longs(1), dts(day(1))), []any{[]any{"a", int64(1), "2024-05-01T00:00:00Z"}}, ""},
		{"pack", "pack", cols(strs("k"), longs(1)), []any{map[string]any{"k": int64(1)}}, ""},
		{"bag_pack alias", "bag_pack", cols(strs("k"), strs("v")), []any{map[string]any{"k": "v"}}, ""},
		{"pack odd args", "pack", cols(strs("k")), nil, "even number"},
		{"array_length", "array_length", cols(dyns([]any{1, 2}, "x", nil)), []any{int64(2), nil, nil}, ""},
		{"array_index_of", "array_index_of", cols(dyns([]any{"a", "b"}), strs("b")), []any{int64(1)}, ""},
		{"array_slice", "array_slice", cols(dyns([]any{1, 2, 3, 4}), longs(1), longs(-2)), []any{[]any{int64(2), int64(3)}}, ""},
		{"array_concat", "array_concat", cols(dyns([]any{1}), dyns([]any{2})), []any{[]any{int64(1), int64(2)}}, ""},
		{"set_difference", "set_difference", cols(dyns([]any{1, 2, 3}), dyns([]any{2})), []any{[]any{int64(1), int64(3)}}, ""},
		{"set_union", "set_union", cols(dyns([]any{1, 2}), dyns([]any{2, 3})), []any{[]any{int64(1), int64(2), int64(3)}}, ""},
		{"set_intersect", "set_intersect", cols(dyns([]any{1, 2}), dyns([]any{2, 3})), []any{[]any{int64(2)}}, ""},
		{"bag_keys", "bag_keys", cols(dyns(map[string]any{"b": 1, "a": 2})), []any{[]any{"a", "b"}}, ""},
		{"bag_merge first wins", "bag_merge", cols(dyns(map[string]any{"a": 1}), dyns(map[string]any{"a": 2, "b": 3})), []any{map[string]any{"a": int64(1), "b": int64(3)}}, ""},
		{"strcat_array", "strcat_array", cols(dyns([]any{"a", 1}), strs(";")), []any{"a;1"}, ""},
		{"extractjson", "extractjson", cols(strs("$.a.b[1]"), strs(`{"a":{"b":[1,2]}}`)), []any{"2"}, ""},
		{"extract_json bracket", "extract_json", cols(strs("$['a']"), strs(`{"a":"x"}`)), []any{"x"}, ""},
		{"extractjson bad path", "extractjson", cols(strs("a.b"), strs(`{}`)), nil, "must start with '$'"},
	})
}

func TestMathFunctions(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"abs", "abs", cols(longs(-3, nil)), []any{int64(3), nil}, ""},
		{"abs real", "abs", cols(reals(-1.5)), []any{1.5}, ""},
		{"round", "round", cols(reals(2.345), longs(2)), []any{2.35}, ""},
		{"round default", "round", cols(reals(2.5)), []any{3.0}, ""},
		{"pow", "pow", cols(longs(2), longs(10)), []any{1024.0}, ""},
		{"sqrt", "sqrt", cols(reals(9.0)), []any{3.0}, ""},
		{"log10", "log10", cols(longs(1000)), []any{3.0}, ""},
		{"exp of null", "exp", cols(reals(nil)), []any{nil}, ""},
		{"max_of", "max_of", cols(longs(1, nil), longs(5, 2)), []any{int64(5), int64(2)}, ""},
		{"min_of", "min_of", cols(longs(1), longs(5)), []any{int64(1)}, ""},
		{"log rejects string", "log", cols(strs("x")), nil, "log(): argument #1 expected to be a numeric expression"},
	})
}

func TestNumericConversionOfTimes(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"tolong of timespan is ticks", "tolong", cols(spans(24 * time.Hour)), []any{int64(864000000000)}, ""},
		{"tolong of datetime is ticks", "tolong", cols(dts(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC))), []any{int64(621355968000000000)}, ""},
		{"todouble of timespan", "todouble", cols(spans(time.Second)), []any{1e7}, ""},
	})
}
