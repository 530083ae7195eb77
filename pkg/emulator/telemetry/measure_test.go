package telemetry

import (
	"sort"
	"testing"
	"time"
)

// TestSizeAndSpeed logs what the default demo costs (rows per table, generation time, heap) and checks the
// size stays in the band the emulator's start-up is designed for: the biggest tables are the process, network
// and file events, the total is in the high hundreds of thousands, and the heap stays under 700 MB.
func TestSizeAndSpeed(t *testing.T) {
	g := demoGeneration()
	if g.err != nil {
		t.Fatal(g.err)
	}
	total := 0
	names := make([]string, 0, len(g.cat.Tables))
	for n, tb := range g.cat.Tables {
		names = append(names, n)
		if !legacyNames()[n] {
			total += tb.Rows()
		}
	}
	sort.Slice(names, func(i, j int) bool { return g.cat.Tables[names[i]].Rows() > g.cat.Tables[names[j]].Rows() })
	for _, n := range names {
		if r := g.cat.Tables[n].Rows(); r > 0 && !legacyNames()[n] {
			t.Logf("%-36s %8d", n, r)
		}
	}
	t.Logf("total rows %d (legacy views excluded), generated in %v, heap %d MB", total, g.took.Round(time.Millisecond), g.heapBytes>>20)
	var top []string
	for _, n := range names {
		if !legacyNames()[n] && len(top) < 3 {
			top = append(top, n)
		}
	}
	sort.Strings(top)
	if want := []string{"DeviceFileEvents", "DeviceNetworkEvents", "DeviceProcessEvents"}; len(top) != 3 || top[0] != want[0] || top[1] != want[1] || top[2] != want[2] {
		t.Errorf("biggest tables = %v, want %v", top, want)
	}
	if total < 600_000 || total > 1_200_000 {
		t.Errorf("total rows = %d, want 600k..1.2M for the default demo", total)
	}
	if g.heapBytes > 700<<20 {
		t.Errorf("heap = %d MB, want under 700 MB", g.heapBytes>>20)
	}
}
