package emulator

import (
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// benchTable is n rows shaped like a projected DeviceProcessEvents result.
func benchTable(n int) *dataset.Table {
	ts := dataset.NewColumn("Timestamp", dataset.DateTime, n)
	dev := dataset.NewColumn("DeviceName", dataset.String, n)
	file := dataset.NewColumn("FileName", dataset.String, n)
	cmd := dataset.NewColumn("ProcessCommandLine", dataset.String, n)
	pid := dataset.NewColumn("ProcessId", dataset.Long, n)
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		ts.Int = append(ts.Int, t0.Add(time.Duration(i)*time.Second+1234567*time.Nanosecond).UnixNano())
		dev.Str = append(dev.Str, "ws-"+strconv.Itoa(i%500)+".contoso.example")
		file.Str = append(file.Str, "powershell.exe")
		cmd.Str = append(cmd.Str, `powershell.exe -NoProfile -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA "C:\Users\ada\AppData"`)
		pid.Int = append(pid.Int, int64(1000+i))
	}
	return &dataset.Table{Name: "r", Columns: []*dataset.Column{ts, dev, file, cmd, pid}}
}

// BenchmarkResultBody measures serializing 100,000 rows: the sizing pass plus the streamed write.
func BenchmarkResultBody(b *testing.B) {
	t := benchTable(100_000)
	ex := &execution{table: t, rows: t.Rows()}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		body, err := newResultBody(apiXDR, ex, false)
		if err != nil {
			b.Fatal(err)
		}
		if err := body.writeTo(io.Discard); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(body.size())
	}
}
