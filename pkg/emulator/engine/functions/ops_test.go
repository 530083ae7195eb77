package functions

import (
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func TestArithmetic(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"long+long", "op:+", in2(longs(1, nil), longs(2, 3)), []any{int64(3), nil}, ""},
		{"int+real promotes", "op:+", in2(ints(1), reals(0.5)), []any{1.5}, ""},
		{"integer division", "op:/", in2(longs(7, -7), longs(2, 2)), []any{int64(3), int64(-3)}, ""},
		{"division by zero is null", "op:/", in2(longs(7), longs(0)), []any{nil}, ""},
		{"modulo", "op:%", in2(longs(7), longs(3)), []any{int64(1)}, ""},
		{"datetime-datetime", "op:-", in2(dts(day(3)), dts(day(1))), []any{48 * time.Hour}, ""},
		{"datetime+timespan", "op:+", in2(dts(day(1)), spans(time.Hour)), []any{day(1).Add(time.Hour)}, ""},
		{"timespan+datetime", "op:+", in2(spans(time.Hour), dts(day(1))), []any{day(1).Add(time.Hour)}, ""},
		{"datetime-timespan", "op:-", in2(dts(day(2)), spans(24*time.Hour)), []any{day(1)}, ""},
		{"timespan*long", "op:*", in2(spans(time.Hour), longs(3)), []any{3 * time.Hour}, ""},
		{"timespan*real", "op:*", in2(spans(time.Hour), reals(0.5)), []any{30 * time.Minute}, ""},
		{"timespan/timespan", "op:/", in2(spans(time.Hour), spans(30*time.Minute)), []any{2.0}, ""},
		{"dynamic+long", "op:+", in2(dyns(int64(2), "x"), longs(1, 1)), []any{int64(3), nil}, ""},
		{"string+long rejected", "op:+", in2(strs("a"), longs(1)), nil, "cannot be applied to operands of types string and long"},
		{"datetime+datetime rejected", "op:+", in2(dts(day(1)), dts(day(1))), nil, "datetime and datetime"},
		{"neg", "op:neg", cols(longs(5, nil)), []any{int64(-5), nil}, ""},
	})
}

func TestComparison(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"== case-sensitive", "op:==", in2(strs("a", "A"), strs("a", "a")), []any{true, false}, ""},
		{"!= strings", "op:!=", in2(strs("a", "A"), strs("a", "a")), []any{false, true}, ""},
		{"<> alias", "op:<>", in2(longs(1), longs(2)), []any{true}, ""},
		{"long vs real", "op:<", in2(longs(1, 2), reals(1.5, 1.5)), []any{true, false}, ""},
		{"null == value is false", "op:==", in2(longs(nil, nil), longs(1, nil)), []any{false, nil}, ""},
		{"null != value is true", "op:!=", in2(longs(nil, nil, 2), longs(1, nil, 1)), []any{true, nil, true}, ""},
		{"null < value is null", "op:<", in2(longs(nil), longs(1)), []any{nil}, ""},
		{"datetime null != value", "op:!=", in2(dts(nil), dts(day(1))), []any{true}, ""},
		{"datetimes", "op:>", in2(dts(day(2)), dts(day(1))), []any{true}, ""},
		{"timespans", "op:<=", in2(spans(time.Hour), spans(time.Hour)), []any{true}, ""},
		{"guid vs string ignores case", "op:==", in2(guids("AB-CD"), strs("ab-cd")), []any{true}, ""},
		{"dynamic string vs string", "op:==", in2(dyns("x", int64(1), nil), strs("x", "x", "x")), []any{true, false, false}, ""},
		{"dynamic nulls", "op:!=", in2(dyns(nil, nil), dyns(nil, "x")), []any{nil, true}, ""},
		{"dynamic number vs long", "op:>", in2(dyns(int64(5), 2.5), longs(3, 3)), []any{true, false}, ""},
		{"bools", "op:==", in2(bools(true, false), bools(true, true)), []any{true, false}, ""},
		{"text vs long reads the text as a number", "op:==", in2(strs("1", "x", "2"), longs(1, 1, 1)), []any{true, false, false}, ""},
		{"long vs text", "op:<", in2(longs(1), strs("1.5")), []any{true}, ""},
		{"datetime vs long rejected", "op:==", in2(dts(day(1)), longs(1)), nil, "Cannot compare values of types datetime and long"},
	})
}

func TestLogic(t *testing.T) {
	a := bools(true, true, false, nil, nil, false)
	b := bools(true, nil, nil, false, true, false)
	runScalarCases(t, []scalarCase{
		{"and", "op:and", in2(a, b), []any{true, nil, false, false, nil, false}, ""},
		{"or", "op:or", in2(a, b), []any{true, true, nil, nil, true, false}, ""},
		{"not", "not", cols(bools(true, nil)), []any{false, nil}, ""},
		{"and rejects strings", "op:and", in2(strs("x"), bools(true)), nil, "must be bool"},
	})
}

func TestSetOperators(t *testing.T) {
	list := dyns([]any{"cmd.exe", "PowerShell.exe"}, []any{"cmd.exe", "PowerShell.exe"}, []any{"cmd.exe", "PowerShell.exe"})
	names := strs("cmd.exe", "powershell.exe", "x.exe")
	runScalarCases(t, []scalarCase{
		{"in scalars", "op:in", cols(strs("a", "b", "c"), strs("a", "a", "a"), strs("c", "c", "c")), []any{true, false, true}, ""},
		{"in array", "op:in", cols(names, list), []any{true, false, false}, ""},
		{"in~ array", "op:in~", cols(names, list), []any{true, true, false}, ""},
		{"!in~", "op:!in~", cols(names, list), []any{false, false, true}, ""},
		{"!in", "op:!in", cols(longs(1, 2), longs(1, 1)), []any{false, true}, ""},
		{"in integers fast path", "op:in", cols(ints(4624, 4625, nil, 1), dyns([]any{int64(4624), "4625", 1.5}, []any{int64(4624), "4625", 1.5}, []any{int64(4624), "4625", 1.5}, []any{int64(4624), "4625", 1.5})), []any{true, true, false, false}, ""},
		{"!in integers", "op:!in", cols(longs(1, 2, nil), longs(1, 1, 1)), []any{false, true, true}, ""},
		{"in numbers across types", "op:in", cols(longs(1, 2), reals(1.0, 1.0)), []any{true, false}, ""},
		{"has_any terms", "op:has_any", cols(strs("a -enc b", "Invoke-WebRequest x", "nothing"), strs("enc", "enc", "enc"), strs("invoke-webrequest", "invoke-webrequest", "invoke-webrequest")), []any{true, true, false}, ""},
		{"has_any array", "op:has_any", cols(strs("C:\\cmd.exe /c", "x"), dyns([]any{"cmd.exe"}, []any{"cmd.exe"})), []any{true, false}, ""},
		{"has_all", "op:has_all", cols(strs("a b c", "a c"), dyns([]any{"A", "b"}, []any{"A", "b"})), []any{true, false}, ""},
		{"has_any per-row", "op:has_any", cols(strs("a b", "a b"), strs("b", "z")), []any{true, false}, ""},
	})
}

func TestBetween(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"numbers inclusive", "op:between", cols(longs(1, 5, 10, nil), longs(5, 5, 5, 5), longs(10, 10, 10, 10)), []any{false, true, true, nil}, ""},
		{"reals", "op:between", cols(reals(1.5), longs(1), longs(2)), []any{true}, ""},
		{"datetimes", "op:between", cols(dts(day(2), day(5)), dts(day(1), day(1)), dts(day(3), day(3))), []any{true, false}, ""},
		{"datetime with span high", "op:between", cols(dts(day(2), day(5)), dts(day(1), day(1)), spans(48*time.Hour, 48*time.Hour)), []any{true, false}, ""},
		{"!between", "op:!between", cols(longs(1, 7), longs(5, 5), longs(10, 10)), []any{true, false}, ""},
		{"type mismatch", "op:between", cols(bools(true), dts(day(1)), dts(day(2))), nil, "Cannot compare"},
		{"text read as number", "op:between", cols(strs("5", "x"), longs(1, 1), longs(9, 9)), []any{true, nil}, ""},
	})
}

// A between whose operands do not have one cell per row is a caller's bug: it must fail with an error that
// names the operand, not panic with an index out of range.
func TestBetweenChecksOperands(t *testing.T) {
	shortNulls := longs(1, 2, 3)
	shortNulls.Null = []bool{false}
	tests := []struct {
		name    string
		in      []*dataset.Column
		wantErr string
	}{
		{"short value", cols(longs(1), longs(0, 0, 0), longs(9, 9, 9)), "value has 1 cells for 3 rows"},
		{"short low bound", cols(reals(1, 2, 3), reals(0), reals(9, 9, 9)), "low bound has 1 cells for 3 rows"},
		{"short high bound, datetime and span", cols(dts(day(1), day(2), day(3)), dts(day(1), day(1), day(1)), spans(time.Hour)), "high bound has 1 cells"},
		{"short high bound, generic path", cols(strs("a", "b", "c"), strs("a", "a", "a"), strs("z")), "high bound has 1 cells"},
		{"short null mask", cols(shortNulls, longs(0, 0, 0), longs(9, 9, 9)), "value has 3 cells"},
		{"missing operand", cols(longs(1, 2, 3), nil, longs(9, 9, 9)), "low bound has 0 cells"},
		{"two operands", cols(longs(1, 2, 3), longs(0, 0, 0)), "expects a value and a range"},
	}
	reg := NewRegistry()
	for _, op := range []string{"op:between", "op:!between"} {
		f, _ := reg.Scalar(op)
		for _, tc := range tests {
			t.Run(op+" "+tc.name, func(t *testing.T) {
				out, err := f.Eval(testCtx(), tc.in, 3)
				if err == nil || !contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, %v; want an error containing %q", out, err, tc.wantErr)
				}
			})
		}
	}
	between, _ := reg.Scalar("op:between")
	if _, err := between.Result([]dataset.Type{dataset.Long, dataset.Long}); err == nil {
		t.Error("Result of two operands: want an error")
	}
}

func TestLenientComparisons(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"bool against 1", "op:==", in2(bools(true, false), longs(1, 1)), []any{true, false}, ""},
		{"datetime against text", "op:>", in2(dts(day(2), day(1)), strs("2024-05-01 12:00", "2024-05-01 12:00")), []any{true, false}, ""},
		{"bool against text", "op:==", in2(bools(true, false, true), strs("True", "True", "x")), []any{true, false, false}, ""},
		{"unparseable text is null", "op:>", in2(dts(day(2)), strs("soon")), []any{nil}, ""},
	})
}
