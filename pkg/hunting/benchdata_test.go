package hunting

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// benchSchema is a 20-column result with every common type, shaped like a DeviceProcessEvents /
// DeviceNetworkEvents projection: low-cardinality strings, unique strings, 7-digit timestamps, nulls.
var benchSchema = []struct{ Name, Type string }{
	{"Timestamp", "DateTime"},
	{"DeviceId", "String"},
	{"DeviceName", "String"},
	{"ActionType", "String"},
	{"FileName", "String"},
	{"FolderPath", "String"},
	{"SHA256", "String"},
	{"ProcessCommandLine", "String"},
	{"AccountName", "String"},
	{"ReportId", "Int64"},
	{"ProcessId", "Int32"},
	{"FileSize", "Int64"},
	{"IsElevated", "Boolean"},
	{"RiskScore", "Double"},
	{"AdditionalFields", "Object"},
	{"AlertId", "Guid"},
	{"Duration", "TimeSpan"},
	{"ProcessCreationTime", "DateTime"},
	{"RemotePort", "Int32"},
	{"RemoteIP", "String"},
}

// benchBody builds a deterministic Graph-style body with rows rows of benchSchema.
func benchBody(rows int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.Grow(rows * 900)
	b.WriteString(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults","schema":[`)
	for i, c := range benchSchema {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":%q,"type":%q}`, c.Name, c.Type)
	}
	b.WriteString(`],"results":[`)
	actions := []string{"ProcessCreated", "ConnectionSuccess", "FileCreated", "LogonSuccess", "RegistryValueSet", "ImageLoaded"}
	files := []string{"powershell.exe", "cmd.exe", "svchost.exe", "conhost.exe", "explorer.exe", "rundll32.exe", "msedge.exe", "csc.exe"}
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		dev := rng.IntN(200)
		ts := t0.Add(time.Duration(rng.Int64N(int64(30*24*time.Hour/100)))*100 + time.Duration(r))
		file := files[rng.IntN(len(files))]
		b.WriteString(`{"Timestamp":"`)
		b.WriteString(ts.Format("2006-01-02T15:04:05.0000000Z"))
		fmt.Fprintf(&b, `","DeviceId":"%040x","DeviceName":"ws-%04d.contoso.example","ActionType":%q,"FileName":%q,`,
			uint64(dev)*0x9e3779b97f4a7c15, dev, actions[rng.IntN(len(actions))], file)
		fmt.Fprintf(&b, `"FolderPath":"C:\\Windows\\System32\\%s","SHA256":"%064x",`, file, rng.Uint64()%5000)
		fmt.Fprintf(&b, `"ProcessCommandLine":"%s -NoProfile -Command \"Get-Item 'C:\\Users\\u%d\\AppData'\" -id %d",`, file, rng.IntN(1000), r)
		fmt.Fprintf(&b, `"AccountName":"user%03d","ReportId":%d,"ProcessId":%d,`, rng.IntN(300), 1_000_000_000+int64(r), rng.IntN(60000))
		if rng.IntN(5) == 0 {
			b.WriteString(`"FileSize":null,`)
		} else {
			fmt.Fprintf(&b, `"FileSize":%d,`, rng.Int64N(50_000_000))
		}
		fmt.Fprintf(&b, `"IsElevated":%t,"RiskScore":%s,`, rng.IntN(2) == 0, strconv.FormatFloat(rng.Float64()*100, 'f', -1, 64))
		fmt.Fprintf(&b, `"AdditionalFields":{"IsLocalLogon":%t,"Port":%d,"Tags":["a","b"]},`, rng.IntN(2) == 0, rng.IntN(65536))
		fmt.Fprintf(&b, `"AlertId":"%08x-%04x-4%03x-8%03x-%012x",`, rng.Uint32(), rng.IntN(65536), rng.IntN(4096), rng.IntN(4096), rng.Int64N(1<<48))
		fmt.Fprintf(&b, `"Duration":"%02d:%02d:%02d.%07d",`, rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(10_000_000))
		b.WriteString(`"ProcessCreationTime":"`)
		b.WriteString(ts.Add(-time.Duration(rng.Int64N(int64(time.Hour)))).Format("2006-01-02T15:04:05.0000000Z"))
		b.WriteString(`",`)
		if rng.IntN(3) == 0 {
			b.WriteString(`"RemotePort":null,"RemoteIP":null}`)
		} else {
			fmt.Fprintf(&b, `"RemotePort":%d,"RemoteIP":"10.%d.%d.%d"}`, rng.IntN(65536), rng.IntN(4), rng.IntN(256), rng.IntN(256))
		}
	}
	b.WriteString(`]}`)
	return b.Bytes()
}
