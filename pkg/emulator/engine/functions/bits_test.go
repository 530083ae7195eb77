package functions

import "testing"

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
