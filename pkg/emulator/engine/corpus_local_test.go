//go:build corpus

package engine

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
	"syscall"
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
	raw, err := os.ReadFile("/tmp/corpus/queries.json")
	if err != nil {
		t.Skip(err)
	}
	var qs []struct {
		File string `json:"file"`
		Q    string `json:"q"`
	}
	json.Unmarshal(raw, &qs)
	cat := schemaCatalog(t)
	if os.Getenv("CORPUS_DATA") != "" {
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
		if f := os.Getenv("CORPUS_FILTER"); f != "" && !strings.Contains(q.File, f) {
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

func TestCorpusSizes(t *testing.T) {
	cat, err := telemetry.Generate(telemetry.Options{Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for n, tb := range cat.Tables {
		total += tb.Rows()
		if tb.Rows() > 20000 {
			t.Logf("%s %d rows %d cols", n, tb.Rows(), len(tb.Columns))
		}
	}
	t.Logf("total %d", total)
	e := New(cat)
	for _, q := range []string{
		"DeviceProcessEvents | extend S = split(ProcessCommandLine, ' ') | mvexpand S | count",
		"DeviceProcessEvents | where Timestamp > ago(7d) | summarize count() by bin(Timestamp, 1h)",
		"DeviceProcessEvents | where FileName =~ 'powershell.exe' | project Timestamp, DeviceName",
	} {
		start := time.Now()
		out, err := e.Run(context.Background(), dataset.Query{Text: q, Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
		t.Logf("%v %v rows=%d %s", time.Since(start), err, out.Rows(), q)
	}
}

func TestCorpusMem(t *testing.T) {
	cat, err := telemetry.Generate(telemetry.Options{Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	e := New(cat)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	t.Logf("rss before %d MB", ru.Maxrss/1024)
	for _, q := range []string{os.Getenv("Q")} {
		start := time.Now()
		out, err := e.Run(context.Background(), dataset.Query{Text: q, Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		t.Logf("%v %v rows=%d maxrss=%dMB", time.Since(start), err, out.Rows(), ru.Maxrss/1024)
	}
}
