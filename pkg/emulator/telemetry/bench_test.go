package telemetry

import "testing"

// BenchmarkGenerateDefault measures the default demo size, which every emulator start pays.
func BenchmarkGenerateDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(Options{Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
}
