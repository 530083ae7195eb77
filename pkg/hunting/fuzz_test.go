package hunting

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode: no input panics or hangs; whatever Decode accepts is valid JSON, and every field has as
// many rows as the frame. Seeds are the response fixtures and a few shapes; run longer with
// go test ./pkg/hunting -run x -fuzz FuzzDecode -fuzztime 60s
func FuzzDecode(f *testing.F) {
	for _, name := range []string{
		"m365d_advancedhunting-run_defender-docs_response.json",
		"graph-v1_runhuntingquery_example2_learn-2026_response_camelcase-rows.json",
		"mde_advancedqueries_windows-itpro-docs-2018_response.json",
	} {
		b, err := os.ReadFile(filepath.Join(fixturesDir, name))
		if err != nil {
			f.Fatalf("seed: %v", err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"Results":[{"a":1,"b":"x\u00e9"}],"Schema":[{"Name":"a","Type":"Int32"},{"Name":"b","Type":"String"},{"Name":"c","Type":"Object"}]}`))
	f.Add([]byte(`{"schema":[{"name":"t","type":"TimeSpan"},{"name":"d","type":"DateTime"},{"name":"x","type":"Boolean"}],"results":[{"t":"1.02:03:04.5","d":"2024-01-01T00:00:00Z","x":1}]}`))
	f.Fuzz(checkDecoded)
}

// checkDecoded decodes in and, when Decode accepts it, checks that it was valid JSON and that the frame
// is rectangular and marshals.
func checkDecoded(t *testing.T, in []byte) {
	t.Helper()
	res, err := Decode(bytes.NewReader(in))
	if err != nil {
		return
	}
	if !json.Valid(in) {
		t.Fatalf("accepted invalid JSON %q", in)
	}
	for _, fl := range res.Frame.Fields {
		if fl.Len() != res.Frame.Fields[0].Len() {
			t.Fatalf("ragged frame from %q: %s has %d rows, %s has %d", in, fl.Name, fl.Len(), res.Frame.Fields[0].Name, res.Frame.Fields[0].Len())
		}
	}
	if _, err := json.Marshal(res.Frame); err != nil {
		t.Fatalf("frame from %q does not marshal: %v", in, err)
	}
}

// TestDecodeMutations is a deterministic, always-on cousin of FuzzDecode: thousands of truncations and
// byte flips of real bodies must each give a frame or an error, never a panic, a hang, a ragged frame
// or one that does not marshal.
func TestDecodeMutations(t *testing.T) {
	var seeds [][]byte
	for _, f := range fixtures(t, "_response.json") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	alphabet := []byte(`{}[]":,\ntfn0-.eE9aZ` + "\x00\xff")
	for i := range 10000 {
		in := bytes.Clone(seeds[i%len(seeds)])
		switch rng.IntN(3) {
		case 0:
			in = in[:rng.IntN(len(in))]
		case 1:
			for range 1 + rng.IntN(3) {
				in[rng.IntN(len(in))] = alphabet[rng.IntN(len(alphabet))]
			}
		default:
			at := rng.IntN(len(in))
			in = append(in[:at:at], append([]byte{alphabet[rng.IntN(len(alphabet))]}, in[at:]...)...)
		}
		checkDecoded(t, in)
	}
}
