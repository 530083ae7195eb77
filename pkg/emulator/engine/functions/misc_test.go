package functions

import (
	"reflect"
	"testing"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// Kusto resolves a dynamic branch against scalar branches to the scalar type, converting the dynamic cells.
func TestCommonTypeWithDynamic(t *testing.T) {
	tests := []struct {
		name     string
		fn       string
		in       []*dataset.Column
		want     []any
		wantType dataset.Type
		wantErr  string
	}{
		{"iff dynamic then string", "iff", cols(bools(true, false, true), dyns("a", "b", []any{1}), strs("x", "y", "z")),
			[]any{"a", "y", "[1]"}, dataset.String, ""},
		{"iff string then dynamic", "iff", cols(bools(true, false), strs("x", "y"), dyns("a", nil)), []any{"x", ""}, dataset.String, ""},
		{"iif alias", "iif", cols(bools(false), strs("x"), dyns(int64(7))), []any{"7"}, dataset.String, ""},
		{"iff both dynamic stays dynamic", "iff", cols(bools(true), dyns("a"), dyns("b")), []any{"a"}, dataset.Dynamic, ""},
		{"case dynamic and long", "case", cols(bools(true, false), dyns(int64(5), int64(5)), longs(1, 1)), []any{int64(5), int64(1)}, dataset.Long, ""},
		{"coalesce dynamic null then string", "coalesce", cols(dyns(nil, "d"), strs("s", "s")), []any{"s", "d"}, dataset.String, ""},
		{"max_of dynamic and long", "max_of", cols(dyns(int64(9)), longs(3)), []any{int64(9)}, dataset.Long, ""},
		{"iff string and long still differ", "iff", cols(bools(true), strs("a"), longs(1)), nil, "", "same type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, typ, err := call(t, tc.fn, tc.in...)
			if tc.wantErr != "" {
				if err == nil || !contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if typ != tc.wantType || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %s %#v, want %s %#v", typ, got, tc.wantType, tc.want)
			}
		})
	}
}
