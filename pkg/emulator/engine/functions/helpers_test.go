package functions

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

var testNow = time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)

func testCtx() *Context { return &Context{Now: testNow, Rand: rand.New(rand.NewPCG(1, 2))} }

// call type-checks and evaluates scalar name over the argument columns, returning boxed cells.
func call(t *testing.T, name string, args ...*dataset.Column) ([]any, dataset.Type, error) {
	t.Helper()
	f, ok := NewRegistry().Scalar(name)
	if !ok {
		t.Fatalf("scalar %q not registered", name)
	}
	if len(args) < f.MinArgs || (f.MaxArgs >= 0 && len(args) > f.MaxArgs) {
		t.Fatalf("%s: %d arguments outside [%d, %d]", name, len(args), f.MinArgs, f.MaxArgs)
	}
	types := make([]dataset.Type, len(args))
	n := 0
	for _, a := range args {
		n = max(n, a.Len())
	}
	// Length-1 columns are constants: broadcast them as the evaluator does.
	for i, a := range args {
		types[i] = a.Type
		if a.Len() == 1 && n > 1 {
			args[i] = Broadcast(a, 0, n)
		}
	}
	rt, err := f.Result(types)
	if err != nil {
		return nil, "", err
	}
	out, err := f.Eval(testCtx(), args, n)
	if err != nil {
		return nil, "", err
	}
	if out.Type != rt {
		t.Fatalf("%s: Eval type %s, Result said %s", name, out.Type, rt)
	}
	vals := make([]any, n)
	for i := range vals {
		vals[i] = cellValue(out, i)
	}
	return vals, rt, nil
}

// scalarCase is one table row: a function applied to columns, with the expected boxed cells.
type scalarCase struct {
	name    string
	fn      string
	in      []*dataset.Column
	want    []any
	wantErr string
}

func runScalarCases(t *testing.T, cases []scalarCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := call(t, tc.fn, tc.in...)
			if tc.wantErr != "" {
				if err == nil || !contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// Column shorthands for tables of cases.
func strs(v ...any) *dataset.Column  { return NewCol(dataset.String, v...) }
func longs(v ...any) *dataset.Column { return NewCol(dataset.Long, v...) }
func ints(v ...any) *dataset.Column  { return NewCol(dataset.Int, v...) }
func reals(v ...any) *dataset.Column { return NewCol(dataset.Real, v...) }
func bools(v ...any) *dataset.Column { return NewCol(dataset.Bool, v...) }
func dts(v ...any) *dataset.Column   { return NewCol(dataset.DateTime, v...) }
func spans(v ...any) *dataset.Column { return NewCol(dataset.TimeSpan, v...) }
func dyns(v ...any) *dataset.Column  { return NewCol(dataset.Dynamic, v...) }
func guids(v ...any) *dataset.Column { return NewCol(dataset.GUID, v...) }

func day(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }

func in2(a, b *dataset.Column) []*dataset.Column  { return []*dataset.Column{a, b} }
func cols(c ...*dataset.Column) []*dataset.Column { return c }
