package functions

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

const benchRows = 1_000_000

// benchCommandLines returns n deterministic, realistic process command lines.
func benchCommandLines(n int) *dataset.Column {
	shapes := []string{
		`"C:\Windows\System32\svchost.exe" -k netsvcs -p -s Schedule`,
		`powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBj%d`,
		`C:\Program Files\Google\Chrome\Application\chrome.exe --type=renderer --field-trial-handle=%d`,
		`cmd.exe /c whoami /all > C:\Users\Public\out%d.txt`,
		`"C:\Windows\system32\rundll32.exe" C:\Windows\System32\shell32.dll,Control_RunDLL %d`,
	}
	c := newOut(dataset.String, n)
	for i := range c.Str {
		s := shapes[i%len(shapes)]
		if i%len(shapes) != 0 {
			s = fmt.Sprintf(s, i)
		}
		c.Str[i] = s
	}
	return c
}

func benchOp(b *testing.B, op string, args ...*dataset.Column) {
	f, ok := NewRegistry().Scalar(op)
	if !ok {
		b.Fatalf("%s not registered", op)
	}
	ctx := testCtx()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := f.Eval(ctx, args, benchRows); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time as well as wall time: the shared 2-core machine is often loaded, which inflates wall time.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/benchRows, "cpu-ns/row")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRows, "ns/row")
}

func BenchmarkHas(b *testing.B) {
	benchOp(b, "op:has", benchCommandLines(benchRows), Broadcast(strs("encodedcommand"), 0, benchRows))
}

func BenchmarkContains(b *testing.B) {
	benchOp(b, "op:contains", benchCommandLines(benchRows), Broadcast(strs("WHOAMI"), 0, benchRows))
}

func BenchmarkEqualTilde(b *testing.B) {
	benchOp(b, "op:=~", benchCommandLines(benchRows), Broadcast(strs(`"c:\windows\system32\svchost.exe" -k netsvcs -p -s schedule`), 0, benchRows))
}

func BenchmarkHasAny(b *testing.B) {
	needles := dyns([]any{"mimikatz", "sekurlsa", "-enc", "encodedcommand", "Invoke-Expression", "IEX",
		"DownloadString", "bypass", "vssadmin", "wmic"})
	benchOp(b, "op:has_any", benchCommandLines(benchRows), Broadcast(needles, 0, benchRows))
}

// cpuTime is this process's user+system CPU time in ns (it includes the GC's work on other threads).
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func BenchmarkMatchesRegex(b *testing.B) {
	benchOp(b, "op:matches regex", benchCommandLines(benchRows), Broadcast(strs(`(?i)-enc(odedcommand)?\s+[a-z0-9+/=]{8,}`), 0, benchRows))
}

func BenchmarkBinHour(b *testing.B) {
	ts := newOut(dataset.DateTime, benchRows)
	for i := range ts.Int {
		ts.Int[i] = testNow.UnixNano() - int64(i)*2_600_000_000
	}
	benchOp(b, "bin", ts, Broadcast(spans(time.Hour), 0, benchRows))
}

// BenchmarkEndsWithColumn is `RemoteIP endswith RemoteIP1` after a join: the needle is a column, so it
// changes from row to row.
func BenchmarkEndsWithColumn(b *testing.B) {
	b.ReportAllocs()
	hay, nee := newOut(dataset.String, benchRows), newOut(dataset.String, benchRows)
	for i := range hay.Str {
		hay.Str[i] = fmt.Sprintf("10.%d.%d.%d", i%4, i/256%256, i%256)
		nee.Str[i] = fmt.Sprintf("10.%d.%d.%d", i%3, i/256%256, i%256)
	}
	benchOp(b, "op:endswith", hay, nee)
}
