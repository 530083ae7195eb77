package hunting

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the decoder's output")

// fixturesDir holds the published response, request and error bodies the tests decode; SOURCES.md there
// says where each was published.
const fixturesDir = "testdata/fixtures"

// fixtures lists the fixture files whose names end with suffix, failing clearly when
// the folder is empty or missing.
func fixtures(t *testing.T, suffix string) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join(fixturesDir, "*.json"))
	if err != nil || len(all) == 0 {
		abs, _ := filepath.Abs(fixturesDir)
		t.Fatalf("no fixtures at %s: the published bodies belong in pkg/hunting/testdata/fixtures (see SOURCES.md there)", abs)
	}
	var out []string
	for _, f := range all {
		if strings.HasSuffix(f, suffix) {
			out = append(out, f)
		}
	}
	return out
}

// fixtureKind sorts every fixture file into exactly one test, so a new fixture cannot go untested.
func fixtureKind(name string) string {
	switch {
	case strings.HasPrefix(name, "error_"):
		return "error"
	case strings.HasSuffix(name, "_request.json"):
		return "request"
	case strings.HasPrefix(name, "thirdparty_m365d-results-array_"):
		return "results-array"
	case strings.Contains(name, "_response"):
		return "response"
	}
	return ""
}

func TestFixturesAllClassified(t *testing.T) {
	for _, f := range fixtures(t, ".json") {
		if fixtureKind(filepath.Base(f)) == "" {
			t.Errorf("fixture %s is not covered by any test: add it to fixtureKind and its test", filepath.Base(f))
		}
	}
}

// TestGoldenResponses decodes every response fixture and compares the frame (with Stats as meta.custom)
// with testdata/<fixture>.jsonc.
func TestGoldenResponses(t *testing.T) {
	n := 0
	for _, f := range fixtures(t, ".json") {
		name := filepath.Base(f)
		if fixtureKind(name) != "response" {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Decode(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if res.Frame.Rows() == 0 || len(res.Frame.Fields) == 0 {
				t.Fatalf("decoded %d rows x %d fields; every response fixture has rows", res.Frame.Rows(), len(res.Frame.Fields))
			}
			experimental.CheckGoldenJSONFrame(t, "testdata", strings.TrimSuffix(name, ".json"), withStats(res), *update)
		})
	}
	if n < 10 {
		t.Fatalf("only %d response fixtures found", n)
	}
}

func withStats(res *Result) *data.Frame {
	f := res.Frame
	if res.Stats != nil {
		f = &data.Frame{Name: f.Name, Fields: f.Fields, Meta: &data.FrameMeta{Custom: map[string]json.RawMessage{"stats": res.Stats}}}
	}
	return f
}

// TestGoldenUnionRow: the third-party fixture is a bare Results array as re-emitted by an integration, so
// Decode rejects it as a body; wrapped with a schema built from the advanced hunting schema (each key's
// most common type across tables), it is a 150-column union row with nulls, "" and a JSON string.
func TestGoldenUnionRow(t *testing.T) {
	files := fixtures(t, ".json")
	var f string
	for _, x := range files {
		if fixtureKind(filepath.Base(x)) == "results-array" {
			f = x
		}
	}
	if f == "" {
		t.Fatal("union-row fixture missing")
	}
	body, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(bytes.NewReader(body)); err == nil || !strings.Contains(err.Error(), "JSON array") {
		t.Fatalf("bare array: want an error naming the JSON array, got %v", err)
	}
	wrapped := wrapWithSchema(t, body)
	res, err := Decode(bytes.NewReader(wrapped))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	fr := res.Frame
	checkCell(t, fr, "FileSize", 0, nil)
	checkCell(t, fr, "FileName", 0, "")
	checkCell(t, fr, "InitiatingProcessId", 0, int64(3020))
	checkCell(t, fr, "IsAzureADJoined", 0, nil)
	// Declared string in most tables: JSON inside a string stays a string (DESIGN.md section 3).
	checkCell(t, fr, "AdditionalFields", 0, `{"IsLocalLogon":true}`)
	experimental.CheckGoldenJSONFrame(t, "testdata", strings.TrimSuffix(filepath.Base(f), ".json"), fr, *update)
}

// wrapWithSchema builds {"Schema": [...], "Results": body} with .NET type names from defenderschema.
func wrapWithSchema(t *testing.T, body []byte) []byte {
	t.Helper()
	sch, err := defenderschema.Load()
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 2 {
				keys = append(keys, v)
				if _, err := dec.Token(); err != nil { // the value
					t.Fatal(err)
				}
			}
		}
	}
	netType := map[string]string{"string": "String", "datetime": "DateTime", "long": "Int64", "int": "Int32",
		"real": "Double", "bool": "Boolean", "timespan": "TimeSpan", "guid": "Guid", "dynamic": "Object"}
	var b bytes.Buffer
	b.WriteString(`{"Schema":[`)
	for i, k := range keys {
		// A column name can have different types in different tables: take the most common one.
		votes := map[string]int{}
		typ := "String"
		for _, tb := range sch.Tables {
			if c, ok := tb.Column(k); ok {
				nt := netType[c.Type]
				votes[nt]++
				if votes[nt] > votes[typ] {
					typ = nt
				}
			}
		}
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Name":%q,"Type":%q}`, k, typ)
	}
	b.WriteString(`],"Results":`)
	b.Write(body)
	b.WriteString(`}`)
	return b.Bytes()
}

// checkCell asserts one cell; want nil means a null cell, otherwise the dereferenced value.
func checkCell(t *testing.T, f *data.Frame, col string, row int, want any) {
	t.Helper()
	field, i := f.FieldByName(col)
	if i < 0 {
		t.Errorf("no field %q", col)
		return
	}
	got, ok := field.ConcreteAt(row)
	if want == nil {
		if ok {
			t.Errorf("%s[%d] = %#v, want null", col, row, got)
		}
		return
	}
	if !ok {
		t.Errorf("%s[%d] is null, want %#v", col, row, want)
		return
	}
	if g, w := fmt.Sprintf("%T %v", got, got), fmt.Sprintf("%T %v", want, want); g != w {
		t.Errorf("%s[%d] = %s, want %s", col, row, g, w)
	}
}
