//go:build corpus

// The corpus check runs a file of hunting queries through the engine and tallies the errors, the way the
// held-out set of public queries is judged. It is behind the corpus build tag because it needs that file:
//
//	QUARRY_KQL_CORPUS=/path/queries.json [QUARRY_KQL_CORPUS_DATA=1] go test -tags corpus -run TestCorpus -v ./pkg/emulator/engine
//
// queries.json is a JSON array of {"file": name, "q": query text}. With QUARRY_KQL_CORPUS_DATA the queries
// run over the default telemetry catalog instead of empty tables with the hunting schema.

package engine

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/telemetry"
)

func schemaCatalog(t *testing.T) *dataset.Catalog {
	s, err := defenderschema.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat := &dataset.Catalog{Tables: map[string]*dataset.Table{}}
	for _, tb := range s.Tables {
		out := &dataset.Table{Name: tb.Name}
		for _, c := range tb.Columns {
			ty, err := dataset.ParseType(c.Type)
			if err != nil {
				t.Fatal(err)
			}
			out.Columns = append(out.Columns, dataset.NewColumn(c.Name, ty, 0))
		}
		cat.Tables[tb.Name] = out
	}
	inv := map[string]string{}
	for old, nw := range s.Legacy.Columns {
		inv[nw] = old
	}
	for old, nw := range s.Legacy.Tables {
		src := cat.Tables[nw]
		if src == nil {
			continue
		}
		out := &dataset.Table{Name: old}
		for _, c := range src.Columns {
			name := c.Name
			if o, ok := inv[name]; ok {
				name = o
			}
			out.Columns = append(out.Columns, named(c, name))
		}
		cat.Tables[old] = out
	}
	return cat
}

func TestCorpus(t *testing.T) {
	// The corpus is a public collection kept outside the repository: read only the file named here, and
	// nothing at all when the variable is unset.
	path := os.Getenv("QUARRY_KQL_CORPUS")
	if path == "" {
		t.Skip("QUARRY_KQL_CORPUS is not set; set it to a queries.json file to run the corpus check")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read the corpus QUARRY_KQL_CORPUS names: %v", err)
	}
	var qs []struct {
		File string `json:"file"`
		Q    string `json:"q"`
	}
	if err := json.Unmarshal(raw, &qs); err != nil {
		t.Fatal(err)
	}
	cat := schemaCatalog(t)
	if os.Getenv("QUARRY_KQL_CORPUS_DATA") != "" {
		start := time.Now()
		var err error
		cat, err = telemetry.Generate(telemetry.Options{Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("generated in %v", time.Since(start))
	}
	e := New(cat)
	ok := 0
	byMsg := map[string][]string{}
	for _, q := range qs {
		if f := os.Getenv("QUARRY_KQL_CORPUS_FILTER"); f != "" && !strings.Contains(q.File, f) {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		start := time.Now()
		_, err := e.Run(ctx, dataset.Query{Text: q.Q, Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
		if d := time.Since(start); d > 300*time.Millisecond {
			t.Logf("slow %v %s", d, q.File)
		}
		cancel()
		if err == nil {
			ok++
			continue
		}
		msg := err.Error()
		if i := strings.Index(msg, " (line"); i > 0 {
			msg = msg[:i]
		}
		byMsg[msg] = append(byMsg[msg], q.File)
	}
	var keys []string
	for k := range byMsg {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return len(byMsg[keys[i]]) > len(byMsg[keys[j]]) })
	for _, k := range keys {
		t.Logf("%3d %s   [%s]", len(byMsg[k]), k, byMsg[k][0])
	}
	t.Logf("OK %d of %d", ok, len(qs))
}
