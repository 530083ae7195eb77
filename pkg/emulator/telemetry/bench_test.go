package telemetry

import (
	"runtime"
	"testing"
)

// BenchmarkGenerateDefault measures the default demo size, which every emulator start pays. It reports the
// rows generated and the heap the catalog keeps as extra metrics.
func BenchmarkGenerateDefault(b *testing.B) {
	var rows int
	var heap uint64
	for b.Loop() {
		var before, after runtime.MemStats
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		cat, err := Generate(Options{Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		rows = 0
		for n, t := range cat.Tables {
			if !legacyNames()[n] {
				rows += t.Rows()
			}
		}
		runtime.KeepAlive(cat)
		b.StartTimer()
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}
