package telemetry

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

var fixedNow = time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)

// generation is the default demo data with what it cost to make, generated once for all tests that read it.
type generation struct {
	cat       *dataset.Catalog
	took      time.Duration
	heapBytes uint64
	err       error
}

var demoGeneration = sync.OnceValue(func() generation {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	cat, err := Generate(Options{Now: fixedNow})
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	return generation{cat: cat, took: took, heapBytes: after.HeapAlloc - before.HeapAlloc, err: err}
})

func demo(t *testing.T) *dataset.Catalog {
	t.Helper()
	g := demoGeneration()
	if g.err != nil {
		t.Fatalf("Generate: %v", g.err)
	}
	return g.cat
}

func legacyNames() map[string]bool {
	return map[string]bool{"ProcessCreationEvents": true, "NetworkCommunicationEvents": true, "FileCreationEvents": true,
		"RegistryEvents": true, "LogonEvents": true, "ImageLoadEvents": true, "MiscEvents": true, "MachineInfo": true,
		"MachineNetworkInfo": true, "AlertEvents": true, "DeviceAlertEvents": true, "DeviceTvmSoftwareInventoryVulnerabilities": true, "AppFileEvents": true}
}

// view gives by-name access to a table's cells for the story checks (the slow path, like a reader would).
type view struct {
	t    *testing.T
	tb   *dataset.Table
	cols map[string]*dataset.Column
}

func tableView(t *testing.T, cat *dataset.Catalog, name string) view {
	t.Helper()
	tb, ok := cat.Tables[name]
	if !ok {
		t.Fatalf("table %s missing", name)
	}
	v := view{t: t, tb: tb, cols: map[string]*dataset.Column{}}
	for _, c := range tb.Columns {
		v.cols[c.Name] = c
	}
	return v
}

func (v view) col(name string) *dataset.Column {
	c, ok := v.cols[name]
	if !ok {
		v.t.Fatalf("%s.%s missing", v.tb.Name, name)
	}
	return c
}

func (v view) s(name string, i int) string { return v.col(name).Str[i] }

func (v view) n(name string, i int) int64 { return v.col(name).Int[i] }

// where returns the row indexes for which keep holds.
func (v view) where(keep func(i int) bool) []int {
	var out []int
	for i := 0; i < v.tb.Rows(); i++ {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

func eqFold(a, b string) bool { return strings.EqualFold(a, b) }
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
