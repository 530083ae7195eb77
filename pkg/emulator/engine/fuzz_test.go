package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// FuzzRun checks that no query text, however mangled, panics or hangs the engine: it answers rows or an
// error. `go test` runs the seeds; `go test -fuzz FuzzRun` explores further.
func FuzzRun(f *testing.F) {
	for _, s := range []string{
		`DeviceProcessEvents | where FileName =~ "x" | summarize count() by bin(Timestamp, 1h)`,
		`let a = dynamic([1, "b", {"c": 2}]); print a[2].c, a[-1]`,
		`DeviceProcessEvents | join kind=leftouter (DeviceNetworkEvents) on $left.ProcessId == $right.InitiatingProcessId`,
		`union withsource=T Device*Events | mv-expand AdditionalFields | parse ProcessCommandLine with * "-" x`,
		`datatable(a:long)[1, 2] | top-nested 1 of a by count() | make-series c = count() on a step 1`,
		`range x from 1 to 3 step 1 | serialize | extend p = prev(x, 2, 0) | evaluate pivot(x)`,
		`let f = (t:(*), n:long) { t | take n }; DeviceLogonEvents | invoke f(1) | as X | getschema`,
		`print datetime(2024-13-45), timespan(1.2:3:4), dynamic({"a": [1, 2`,
		`T | where a in (`, `['x`, "```", `| | |`, `let;`, `print (((((1`,
	} {
		f.Add(s)
	}
	cat := testCatalog()
	eng := New(cat, WithRowLimit(100_000))
	f.Fuzz(func(t *testing.T, text string) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		out, err := eng.Run(ctx, dataset.Query{Text: text, Now: testNow})
		if err == nil && out == nil {
			t.Fatalf("no table and no error for %q", text)
		}
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatalf("query %q: %v", text, err)
		}
	})
}
