package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// benchCatalog builds process and network events of realistic shape: procs process rows and twice as many
// network rows over 30 days on 500 devices.
func benchCatalog(procs int) *dataset.Catalog {
	rng := rand.New(rand.NewPCG(1, 2))
	files := []string{"svchost.exe", "chrome.exe", "powershell.exe", "cmd.exe", "explorer.exe", "outlook.exe", "teams.exe", "rundll32.exe"}
	lines := []string{"svchost.exe -k netsvcs -p", "chrome.exe --type=renderer --lang=en-US", "powershell.exe -NoProfile -ExecutionPolicy Bypass -File c:\\scripts\\inventory.ps1",
		"cmd.exe /c dir c:\\users", "explorer.exe", "outlook.exe /recycle", "teams.exe --process-start-reason=startup", "rundll32.exe shell32.dll,Control_RunDLL"}
	span := int64(30 * 24 * time.Hour)
	mk := func(n int) (ts, dev, pid *dataset.Column) {
		ts = dataset.NewColumn("Timestamp", dataset.DateTime, n)
		dev = dataset.NewColumn("DeviceId", dataset.String, n)
		pid = dataset.NewColumn("ProcessId", dataset.Long, n)
		for i := 0; i < n; i++ {
			ts.Int = append(ts.Int, testNow.UnixNano()-span+int64(i)*(span/int64(n)))
			dev.Str = append(dev.Str, fmt.Sprintf("device-%03d", rng.IntN(500)))
			pid.Int = append(pid.Int, int64(rng.IntN(5000)))
		}
		return ts, dev, pid
	}
	ts, dev, pid := mk(procs)
	file := dataset.NewColumn("FileName", dataset.String, procs)
	cmd := dataset.NewColumn("ProcessCommandLine", dataset.String, procs)
	acct := dataset.NewColumn("AccountName", dataset.String, procs)
	for i := 0; i < procs; i++ {
		k := rng.IntN(len(files))
		file.Str = append(file.Str, files[k])
		line := lines[k]
		if rng.IntN(1000) == 0 {
			line = "powershell.exe -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA"
		}
		cmd.Str = append(cmd.Str, line)
		acct.Str = append(acct.Str, fmt.Sprintf("user%02d", rng.IntN(60)))
	}
	nts, ndev, npid := mk(2 * procs)
	npid.Name = "InitiatingProcessId"
	ip := dataset.NewColumn("RemoteIP", dataset.String, 2*procs)
	port := dataset.NewColumn("RemotePort", dataset.Long, 2*procs)
	for i := 0; i < 2*procs; i++ {
		ip.Str = append(ip.Str, fmt.Sprintf("10.%d.%d.%d", rng.IntN(4), rng.IntN(256), rng.IntN(256)))
		port.Int = append(port.Int, []int64{443, 80, 53, 445, 3389}[rng.IntN(5)])
	}
	return &dataset.Catalog{Tables: map[string]*dataset.Table{
		"DeviceProcessEvents": {Name: "DeviceProcessEvents", Columns: []*dataset.Column{ts, dev, file, cmd, acct, pid}},
		"DeviceNetworkEvents": {Name: "DeviceNetworkEvents", Columns: []*dataset.Column{nts, ndev, ip, port, npid}},
	}}
}

func benchQuery(b *testing.B, text string) {
	eng := New(benchCatalog(500_000))
	q := dataset.Query{Text: text, Now: testNow}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		out, err := eng.Run(context.Background(), q)
		if err != nil {
			b.Fatal(err)
		}
		if out.Rows() == 0 {
			b.Fatal("no rows")
		}
	}
	// The machine is shared: CPU time per query is steadier than wall time under load.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// cpuTime is the process's user+system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// 1.5 million rows in all: 500k process events, 1M network events.

func BenchmarkFilterSummarizeByHour(b *testing.B) {
	benchQuery(b, `DeviceNetworkEvents | where Timestamp > ago(30d) and RemotePort in (443, 80) | summarize count() by bin(Timestamp, 1h)`)
}

func BenchmarkJoinProcessNetwork(b *testing.B) {
	benchQuery(b, `DeviceProcessEvents | where FileName =~ "powershell.exe" | join kind=inner (DeviceNetworkEvents | where RemotePort == 445) on DeviceId, $left.ProcessId == $right.InitiatingProcessId | summarize count() by DeviceId`)
}

func BenchmarkHasAnyScan(b *testing.B) {
	benchQuery(b, `DeviceProcessEvents | where ProcessCommandLine has_any ("-enc", "downloadstring", "mimikatz") | project Timestamp, DeviceId, ProcessCommandLine`)
}
