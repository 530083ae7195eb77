package hunting

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// body builds {"Schema":[{"Name":n,"Type":t}...],"Results":rows}.
func body(cols [][2]string, rows string) string {
	var b strings.Builder
	b.WriteString(`{"Schema":[`)
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"Name":"` + c[0] + `","Type":"` + c[1] + `"}`)
	}
	b.WriteString(`],"Results":` + rows + `}`)
	return b.String()
}

func TestDecodeTypes(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	tests := []struct {
		name     string
		typ      string
		in       string // the JSON value
		wantType data.FieldType
		want     any // nil = null
	}{
		{"String", "String", `"cmd.exe"`, data.FieldTypeNullableString, "cmd.exe"},
		{"String escapes", "String", `"C:\\Users\\ada \"q\" \u00e9\ud83d\ude00\n"`, data.FieldTypeNullableString, "C:\\Users\\ada \"q\" é😀\n"},
		{"String holding JSON stays a string", "String", `"{\"IsLocalLogon\":true}"`, data.FieldTypeNullableString, `{"IsLocalLogon":true}`},
		{"String keeps a number as text", "String", `42`, data.FieldTypeNullableString, "42"},
		{"String null", "String", `null`, data.FieldTypeNullableString, nil},
		{"Guid", "Guid", `"1fa66c0f-18bd-4133-b378-36d76f3a2ba0"`, data.FieldTypeNullableString, "1fa66c0f-18bd-4133-b378-36d76f3a2ba0"},
		{"DateTime 7 digits Z", "DateTime", `"2024-03-26T09:39:50.7688641Z"`, data.FieldTypeNullableTime, utc("2024-03-26T09:39:50.7688641Z")},
		{"DateTime 3 digits", "DateTime", `"2026-03-10T06:38:35.766Z"`, data.FieldTypeNullableTime, utc("2026-03-10T06:38:35.766Z")},
		{"DateTime 0 digits", "DateTime", `"2024-02-28T04:45:11Z"`, data.FieldTypeNullableTime, utc("2024-02-28T04:45:11Z")},
		{"DateTime 1 digit", "DateTime", `"2024-02-28T04:45:11.5Z"`, data.FieldTypeNullableTime, utc("2024-02-28T04:45:11.5Z")},
		{"DateTime no zone is UTC", "DateTime", `"2018-07-09T07:16:26.8017265"`, data.FieldTypeNullableTime, utc("2018-07-09T07:16:26.8017265Z")},
		{"DateTime with offset", "DateTime", `"2024-01-01T02:00:00+02:00"`, data.FieldTypeNullableTime, utc("2024-01-01T00:00:00Z")},
		{"DateTime leap day", "DateTime", `"2024-02-29T00:00:00Z"`, data.FieldTypeNullableTime, utc("2024-02-29T00:00:00Z")},
		{"DateTime empty string is null", "DateTime", `""`, data.FieldTypeNullableTime, nil},
		{"DateTime null", "DateTime", `null`, data.FieldTypeNullableTime, nil},
		{"Int64", "Int64", `9007199254740993`, data.FieldTypeNullableInt64, int64(9007199254740993)},
		{"Int64 negative", "Int64", `-42`, data.FieldTypeNullableInt64, int64(-42)},
		{"Int64 as string", "Int64", `"123"`, data.FieldTypeNullableInt64, int64(123)},
		{"Int64 integral float", "Int64", `1e3`, data.FieldTypeNullableInt64, int64(1000)},
		{"UInt32", "UInt32", `4294967295`, data.FieldTypeNullableInt64, int64(4294967295)},
		{"UInt64", "UInt64", `7`, data.FieldTypeNullableInt64, int64(7)},
		{"Int32", "Int32", `2147483647`, data.FieldTypeNullableInt32, int32(2147483647)},
		{"Int16", "Int16", `-3`, data.FieldTypeNullableInt32, int32(-3)},
		{"Byte", "Byte", `255`, data.FieldTypeNullableInt32, int32(255)},
		{"UInt16", "UInt16", `65535`, data.FieldTypeNullableInt32, int32(65535)},
		{"Int32 null", "Int32", `null`, data.FieldTypeNullableInt32, nil},
		{"Double", "Double", `0.25`, data.FieldTypeNullableFloat64, 0.25},
		{"Double exponent", "Double", `-1.5E-3`, data.FieldTypeNullableFloat64, -0.0015},
		{"Double Infinity", "Double", `"Infinity"`, data.FieldTypeNullableFloat64, math.Inf(1)},
		{"Single", "Single", `1`, data.FieldTypeNullableFloat64, 1.0},
		{"Decimal as string", "Decimal", `"12.50"`, data.FieldTypeNullableFloat64, 12.5},
		{"Boolean true", "Boolean", `true`, data.FieldTypeNullableBool, true},
		{"Boolean false", "Boolean", `false`, data.FieldTypeNullableBool, false},
		{"Boolean 1", "Boolean", `1`, data.FieldTypeNullableBool, true},
		{"SByte 0", "SByte", `0`, data.FieldTypeNullableBool, false},
		{"SByte string", "SByte", `"1"`, data.FieldTypeNullableBool, true},
		{"Boolean null", "Boolean", `null`, data.FieldTypeNullableBool, nil},
		{"TimeSpan", "TimeSpan", `"00:00:19.0468750"`, data.FieldTypeNullableFloat64, 19.046875},
		{"TimeSpan days", "TimeSpan", `"1.02:03:04"`, data.FieldTypeNullableFloat64, 93784.0},
		{"TimeSpan negative", "TimeSpan", `"-00:00:01.5"`, data.FieldTypeNullableFloat64, -1.5},
		{"TimeSpan null", "TimeSpan", `null`, data.FieldTypeNullableFloat64, nil},
		{"Object", "Object", `{"b": [1, 2.5, "x"], "a": null}`, data.FieldTypeNullableJSON, json.RawMessage(`{"b": [1, 2.5, "x"], "a": null}`)},
		{"Dynamic array", "Dynamic", `["a","b"]`, data.FieldTypeNullableJSON, json.RawMessage(`["a","b"]`)},
		{"Dynamic scalar", "Dynamic", `3`, data.FieldTypeNullableJSON, json.RawMessage(`3`)},
		{"Object null", "Object", `null`, data.FieldTypeNullableJSON, nil},
		{"unknown type is JSON", "Whatever", `{"x":1}`, data.FieldTypeNullableJSON, json.RawMessage(`{"x":1}`)},
		{"System. prefix", "System.Int64", `5`, data.FieldTypeNullableInt64, int64(5)},
		{"KQL type name", "long", `5`, data.FieldTypeNullableInt64, int64(5)},
		{"lower-case .NET name", "datetime", `"2024-02-28T04:45:11Z"`, data.FieldTypeNullableTime, utc("2024-02-28T04:45:11Z")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := body([][2]string{{"C", tt.typ}}, `[{"C":`+tt.in+`}]`)
			res, err := Decode(strings.NewReader(in))
			if err != nil {
				t.Fatalf("Decode(%s): %v", in, err)
			}
			f := res.Frame.Fields[0]
			if f.Type() != tt.wantType {
				t.Fatalf("field type %s, want %s", f.Type(), tt.wantType)
			}
			got, ok := f.ConcreteAt(0)
			switch {
			case tt.want == nil && ok:
				t.Fatalf("got %#v, want null", got)
			case tt.want == nil:
			case !ok:
				t.Fatalf("got null, want %#v", tt.want)
			default:
				assertValue(t, got, tt.want)
			}
		})
	}
}

func assertValue(t *testing.T, got, want any) {
	t.Helper()
	switch w := want.(type) {
	case time.Time:
		if g, ok := got.(time.Time); !ok || !g.Equal(w) || g.Location() != time.UTC {
			t.Fatalf("got %#v, want %v (UTC)", got, w)
		}
	case json.RawMessage:
		if g, ok := got.(json.RawMessage); !ok || string(g) != string(w) {
			t.Fatalf("got %s, want %s", got, w)
		}
	default:
		if got != want {
			t.Fatalf("got %#v, want %#v", got, want)
		}
	}
}

func TestDecodeTimeSpanUnit(t *testing.T) {
	res, err := Decode(strings.NewReader(body([][2]string{{"D", "TimeSpan"}}, `[]`)))
	if err != nil {
		t.Fatal(err)
	}
	if cfg := res.Frame.Fields[0].Config; cfg == nil || cfg.Unit != "s" {
		t.Fatalf("TimeSpan field config %+v, want unit s", cfg)
	}
}

func TestDecodeShapes(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		wantFields []string
		wantRows   int
		// cells are checked as "field:row" -> value (nil = null)
		cells     map[string]any
		wantStats string
	}{
		{
			name:       "union rows: missing keys are null",
			in:         body([][2]string{{"A", "String"}, {"B", "Int64"}, {"C", "Boolean"}}, `[{"A":"x","B":1},{"C":true},{}]`),
			wantFields: []string{"A", "B", "C"}, wantRows: 3,
			cells: map[string]any{"A:0": "x", "B:0": int64(1), "C:0": nil, "A:1": nil, "B:1": nil, "C:1": true, "A:2": nil},
		},
		{
			name:       "rows in another key order",
			in:         body([][2]string{{"A", "String"}, {"B", "Int64"}}, `[{"B":2,"A":"y"},{"A":"z","B":3}]`),
			wantFields: []string{"A", "B"}, wantRows: 2,
			cells: map[string]any{"A:0": "y", "B:0": int64(2), "A:1": "z", "B:1": int64(3)},
		},
		{
			name:       "camelCase row keys match PascalCase schema",
			in:         `{"schema":[{"name":"FileName","type":"String"},{"name":"Timestamp","type":"DateTime"}],"results":[{"fileName":"a.exe","TIMESTAMP":"2024-01-01T00:00:00Z"}]}`,
			wantFields: []string{"FileName", "Timestamp"}, wantRows: 1,
			cells: map[string]any{"FileName:0": "a.exe", "Timestamp:0": time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		},
		{
			name:       "columns differing only in case match exactly",
			in:         body([][2]string{{"a", "Int64"}, {"A", "Int64"}}, `[{"A":2,"a":1}]`),
			wantFields: []string{"a", "A"}, wantRows: 1,
			cells: map[string]any{"a:0": int64(1), "A:0": int64(2)},
		},
		{
			name:       "a second spelling of a key: the first wins",
			in:         body([][2]string{{"A", "Int64"}}, `[{"A":1,"a":2}]`),
			wantFields: []string{"A"}, wantRows: 1,
			cells: map[string]any{"A:0": int64(1)},
		},
		{
			name:       "unknown row keys and top-level keys are ignored",
			in:         `{"@odata.context":"x","Extra":{"deep":[1,{"x":null}]},"Schema":[{"Name":"A","Type":"String","Ordinal":0}],"Results":[{"A":"v","Other":[1,2]}]}`,
			wantFields: []string{"A"}, wantRows: 1,
			cells: map[string]any{"A:0": "v"},
		},
		{
			name:       "schema after results",
			in:         `{"Results":[{"A":"v","B":7},{"B":8}],"Stats":{"x":1},"Schema":[{"Name":"A","Type":"String"},{"Name":"B","Type":"Int32"}]}`,
			wantFields: []string{"A", "B"}, wantRows: 2,
			cells:     map[string]any{"A:0": "v", "B:0": int32(7), "A:1": nil, "B:1": int32(8)},
			wantStats: `{"x":1}`,
		},
		{
			name:       "empty result keeps typed fields",
			in:         body([][2]string{{"T", "DateTime"}, {"N", "Int64"}}, `[]`),
			wantFields: []string{"T", "N"}, wantRows: 0,
		},
		{
			name:       "no results key at all",
			in:         `{"Schema":[{"Name":"T","Type":"DateTime"}]}`,
			wantFields: []string{"T"}, wantRows: 0,
		},
		{
			name:       "null results are empty",
			in:         `{"Schema":[{"Name":"T","Type":"DateTime"}],"Results":null}`,
			wantFields: []string{"T"}, wantRows: 0,
		},
		{
			name:       "empty schema",
			in:         `{"Schema":[],"Results":[]}`,
			wantFields: []string{}, wantRows: 0,
		},
		{
			name:       "stats null is absent, stats is compacted",
			in:         `{"Stats":null,"Schema":[],"Results":[]}`,
			wantFields: []string{}, wantRows: 0,
		},
		{
			name:       "schema keys in any case, whitespace everywhere",
			in:         " \n{ \"SCHEMA\" : [ { \"NAME\" : \"A\" , \"TYPE\" : \"Int64\" } ] ,\r\n\t\"RESULTS\" : [ { \"A\" : 1 } , { \"A\" : null } ] } \n",
			wantFields: []string{"A"}, wantRows: 2,
			cells: map[string]any{"A:0": int64(1), "A:1": nil},
		},
		{
			name:       "non-ASCII names and values",
			in:         body([][2]string{{"Név", "String"}}, `[{"Név":"✓ é"}]`),
			wantFields: []string{"Név"}, wantRows: 1,
			cells: map[string]any{"Név:0": "✓ é"},
		},
		{
			name:       "invalid UTF-8 becomes U+FFFD",
			in:         body([][2]string{{"A", "String"}}, "[{\"A\":\"a\xffb\"}]"),
			wantFields: []string{"A"}, wantRows: 1,
			cells: map[string]any{"A:0": "a\uFFFDb"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A one-byte reader splits every token across reads: the buffer refill paths run on every byte.
			for _, r := range []io.Reader{strings.NewReader(tt.in), &oneByteReader{s: tt.in}} {
				res, err := Decode(r)
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				var names []string
				for _, f := range res.Frame.Fields {
					names = append(names, f.Name)
				}
				if strings.Join(names, ",") != strings.Join(tt.wantFields, ",") {
					t.Fatalf("fields %v, want %v", names, tt.wantFields)
				}
				if len(names) > 0 && res.Frame.Rows() != tt.wantRows {
					t.Fatalf("rows %d, want %d", res.Frame.Rows(), tt.wantRows)
				}
				for _, f := range res.Frame.Fields {
					if !f.Nullable() {
						t.Errorf("field %s is not nullable", f.Name)
					}
				}
				for cell, want := range tt.cells {
					name, row, _ := strings.Cut(cell, ":")
					checkCell(t, res.Frame, name, int(row[0]-'0'), want)
				}
				if string(res.Stats) != tt.wantStats {
					t.Errorf("stats %q, want %q", res.Stats, tt.wantStats)
				}
			}
		})
	}
}

type oneByteReader struct {
	s string
	i int
}

func (r *oneByteReader) Read(p []byte) (int, error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.s[r.i]
	r.i++
	return 1, nil
}

func TestDecodeErrors(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	tests := []struct {
		name       string
		in         string
		wantColumn string // set for value errors
		wantRow    int
		want       []string
	}{
		{"empty body", "", "", -1, []string{"empty"}},
		{"whitespace body", "  \n", "", -1, []string{"empty"}},
		{"HTML from a proxy", "<html><body>Gateway</body></html>", "", -1, []string{"HTML", "proxy"}},
		{"bare array", `[{"A":1}]`, "", -1, []string{"JSON array"}},
		{"a string", `"hello"`, "", -1, []string{"not a JSON object"}},
		{"no schema", `{"Results":[{"A":1}]}`, "", -1, []string{`no "Schema"`}},
		{"an error object with 200", `{"error":{"code":"x","message":"y"}}`, "", -1, []string{`no "Schema"`}},
		{"truncated in a row", body([][2]string{{"A", "String"}}, `[{"A":"abc`), "", -1, []string{"truncated"}},
		{"truncated after a row", body([][2]string{{"A", "String"}}, `[{"A":"abc"},`)[:40], "", -1, []string{"truncated"}},
		{"trailing garbage", body([][2]string{{"A", "String"}}, `[]`) + "xyz", "", -1, []string{"after the response object"}},
		{"duplicate Results", `{"Schema":[],"Results":[],"results":[]}`, "", -1, []string{"twice"}},
		{"schema not an array", `{"Schema":{"Name":"A"}}`, "", -1, []string{"schema is not an array"}},
		{"schema column without name", `{"Schema":[{"Type":"String"}]}`, "", -1, []string{"schema column 0 has no name"}},
		{"schema name not a string", `{"Schema":[{"Name":1}]}`, "", -1, []string{"must be strings"}},
		{"results not an array", `{"Schema":[],"Results":{}}`, "", -1, []string{"results are not an array"}},
		{"row not an object", body([][2]string{{"A", "String"}}, `[1]`), "", -1, []string{"start of row 0"}},
		{"missing comma between rows", body([][2]string{{"A", "String"}}, `[{"A":"x"} {"A":"y"}]`), "", -1, []string{"after row 0"}},
		{"invalid literal", body([][2]string{{"A", "Int64"}}, `[{"A":nope}]`), "", -1, []string{"invalid JSON value"}},
		{"bad number in skipped value", body([][2]string{{"A", "Int64"}}, `[{"X":01}]`), "", -1, []string{"invalid JSON value"}},
		{"control character in a string", body([][2]string{{"A", "String"}}, "[{\"A\":\"a\nb\"}]"), "", -1, []string{"control character"}},
		{"control character after non-ASCII", body([][2]string{{"A", "String"}}, "[{\"A\":\"é\x01\"}]"), "", -1, []string{"control character"}},
		{"invalid escape", body([][2]string{{"A", "String"}}, `[{"A":"a\qb"}]`), "", -1, []string{"invalid escape"}},
		{"nesting bomb", body([][2]string{{"A", "Object"}}, `[{"A":`+deep+`}]`), "", -1, []string{"nested deeper"}},
		{"Int64 not a number", body([][2]string{{"A", "String"}, {"N", "Int64"}}, `[{"N":1},{"A":"x","N":"abc"}]`), "N", 1, []string{`row 1, column "N" (type Int64)`, "abc"}},
		{"Int32 overflow", body([][2]string{{"N", "Int32"}}, `[{"N":2147483648}]`), "N", 0, []string{"Int32", "not an integer in range"}},
		{"Int64 fraction", body([][2]string{{"N", "Int64"}}, `[{"N":1.5}]`), "N", 0, []string{"not an integer"}},
		{"Int64 object", body([][2]string{{"N", "Int64"}}, `[{"N":{"a":1}}]`), "N", 0, []string{"expected an integer"}},
		{"DateTime garbage", body([][2]string{{"T", "DateTime"}}, `[{"T":"yesterday"}]`), "T", 0, []string{"not a date-time", "yesterday"}},
		{"DateTime Feb 30", body([][2]string{{"T", "DateTime"}}, `[{"T":"2023-02-30T00:00:00Z"}]`), "T", 0, []string{"not a date-time"}},
		{"DateTime number", body([][2]string{{"T", "DateTime"}}, `[{"T":1700000000}]`), "T", 0, []string{"expected a date-time string"}},
		{"Boolean 2", body([][2]string{{"B", "Boolean"}}, `[{"B":2}]`), "B", 0, []string{"true, false, 0 or 1"}},
		{"Double word", body([][2]string{{"D", "Double"}}, `[{"D":"high"}]`), "D", 0, []string{"expected a number"}},
		{"TimeSpan garbage", body([][2]string{{"S", "TimeSpan"}}, `[{"S":"5 minutes"}]`), "S", 0, []string{"not a timespan"}},
		{"TimeSpan number", body([][2]string{{"S", "TimeSpan"}}, `[{"S":300}]`), "S", 0, []string{"not a timespan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Decode(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error; frame has %d rows", res.Frame.Rows())
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %T (%v) is not a *DecodeError", err, err)
			}
			eq(t, de.Column, tt.wantColumn)
			eq(t, de.Row, tt.wantRow)
			contains(t, err.Error(), tt.want...)
			if IsDownstream(err) != (tt.wantColumn == "") {
				t.Errorf("IsDownstream = %v for %v", IsDownstream(err), err)
			}
			// Reading one byte at a time exercises every refill path: the error must be the same.
			if _, err2 := Decode(&oneByteReader{s: tt.in}); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("one byte at a time: %v\nall at once:        %v", err2, err)
			}
		})
	}
}

// A failing reader (connection reset mid-body) is reported as such, not as a syntax error.
func TestDecodeReaderError(t *testing.T) {
	reset := errors.New("connection reset by peer")
	r := io.MultiReader(strings.NewReader(`{"Schema":[{"Name":"A","Type":"String"}],"Results":[{"A":"x"},`), &failingReader{err: reset})
	_, err := Decode(r)
	if !errors.Is(err, reset) {
		t.Fatalf("err = %v, want it to wrap %v", err, reset)
	}
	var de *DecodeError
	if errors.As(err, &de) {
		t.Fatalf("a read failure must not be a *DecodeError: %v", err)
	}
}

type failingReader struct{ err error }

func (f *failingReader) Read([]byte) (int, error) { return 0, f.err }

// TestDecode100kRows decodes the benchmark body (100,000 rows x 20 columns) and checks it cell by cell
// against the map-then-convert baseline, so the fast path is also the correct one.
func TestDecode100kRows(t *testing.T) {
	in := benchBody(100_000)
	res, err := Decode(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	f := res.Frame
	if f.Rows() != 100_000 || len(f.Fields) != 20 {
		t.Fatalf("frame is %d x %d, want 100000 x 20", f.Rows(), len(f.Fields))
	}
	// The baseline is slow; compare a prefix of the same body cell by cell.
	const n = 3000
	prefix := benchBody(n)
	base, err := mapThenConvert(prefix)
	if err != nil {
		t.Fatal(err)
	}
	for i, bf := range base.Fields {
		ff := f.Fields[i]
		if ff.Name != bf.Name || ff.Type() != bf.Type() {
			t.Fatalf("field %d: %s %s, baseline %s %s", i, ff.Name, ff.Type(), bf.Name, bf.Type())
		}
		for r := range n {
			got, gok := ff.ConcreteAt(r)
			want, wok := bf.ConcreteAt(r)
			if gok != wok {
				t.Fatalf("%s[%d]: null %v, baseline null %v", ff.Name, r, !gok, !wok)
			}
			if !gok {
				continue
			}
			if !sameValue(got, want) {
				t.Fatalf("%s[%d] = %v, baseline %v", ff.Name, r, got, want)
			}
		}
	}
}

func sameValue(a, b any) bool {
	switch av := a.(type) {
	case time.Time:
		return av.Equal(b.(time.Time))
	case json.RawMessage:
		var x, y any
		return json.Unmarshal(av, &x) == nil && json.Unmarshal(b.(json.RawMessage), &y) == nil && jsonEqual(x, y)
	}
	return a == b
}

func jsonEqual(x, y any) bool {
	bx, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	return bytes.Equal(bx, by)
}

func TestDecodeNotices(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // one substring per notice, in order; none = no notice
	}{
		{"clean result", body([][2]string{{"A", "String"}}, `[{"A":"x"}]`), nil},
		{"camelCase keys are the schema's columns", `{"schema":[{"name":"FileName","type":"String"}],"results":[{"fileName":"a"}]}`, nil},
		{"a second spelling of a key is no extra key", body([][2]string{{"A", "Int64"}}, `[{"A":1,"a":2}]`), nil},
		{"keys the schema lacks", body([][2]string{{"A", "String"}}, `[{"A":"x"},{"A":"y","Other":[1],"More":2},{"Other":3}]`),
			[]string{`2 row(s), the first row 1, have keys the response's schema does not list ("More", "Other")`}},
		{"columns differing only in case", body([][2]string{{"a", "Int64"}, {"A", "Int64"}, {"B", "String"}}, `[{"A":2,"a":1}]`),
			[]string{`Columns "a"/"A" differ only in case`}},
		{"both", body([][2]string{{"Name", "String"}, {"NAME", "String"}}, `[{"x":1}]`),
			[]string{`have keys the response's schema does not list ("x")`, `"Name"/"NAME"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Decode(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Notices) != len(tt.want) {
				t.Fatalf("notices %+v, want %d", res.Notices, len(tt.want))
			}
			for i, w := range tt.want {
				contains(t, res.Notices[i].Text, w)
			}
		})
	}
}
