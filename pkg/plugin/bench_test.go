package plugin

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

// benchRows is the size of the benchmark's answer: a typical "last day of process events" panel.
const benchRows = 20000

// bigCatalog is one table of benchRows rows and seven common column types.
func bigCatalog(now time.Time) *dataset.Catalog {
	add := func(t *dataset.Table, name string, typ dataset.Type) *dataset.Column {
		c := dataset.NewColumn(name, typ, benchRows)
		t.Columns = append(t.Columns, c)
		return c
	}
	t := &dataset.Table{Name: "Big"}
	ts, dev, file := add(t, "Timestamp", dataset.DateTime), add(t, "DeviceName", dataset.String), add(t, "FileName", dataset.String)
	cmd, pid := add(t, "ProcessCommandLine", dataset.String), add(t, "ProcessId", dataset.Long)
	score, elev := add(t, "Score", dataset.Real), add(t, "IsElevated", dataset.Bool)
	for i := range benchRows {
		ts.Int = append(ts.Int, now.Add(-time.Duration(i)*time.Second).UnixNano())
		dev.Str = append(dev.Str, fmt.Sprintf("device-%03d.contoso.example", i%500))
		file.Str = append(file.Str, []string{"powershell.exe", "cmd.exe", "svchost.exe"}[i%3])
		cmd.Str = append(cmd.Str, fmt.Sprintf(`"C:\Windows\System32\cmd.exe" /c echo %d`, i))
		pid.Int = append(pid.Int, int64(1000+i))
		score.Real = append(score.Real, float64(i)/7)
		elev.Int = append(elev.Int, int64(i%2))
	}
	return &dataset.Catalog{Tables: map[string]*dataset.Table{"Big": t}}
}

// BenchmarkPluginOverhead measures one table query through QueryData (sign-in cached, quota layer,
// request, streaming decode, frame, Arrow encoding as the gRPC layer does) against the baseline of a
// raw HTTP POST of the same query with io.ReadAll of the same answer, in the same run. It reports
// ns/op of the plugin path and "x-raw", the ratio to the baseline.
func BenchmarkPluginOverhead(b *testing.B) {
	emu := emulatortest.Start(b, emulatortest.WithEngine(emulatortest.TableEngine{Catalog: bigCatalog(time.Now())}), emulatortest.WithLimits("off"))
	d := emulatorInstanceWith(b, emu, map[string]any{"api": "mde", "clientId": emulator.DemoReaderAppID, "cacheTtlSeconds": 0,
		"maxCallsPerMinute": 1 << 30, "maxCallsPerHour": 1 << 30}, map[string]string{"clientSecret": emulator.DemoSecret}, nil)
	token := emu.AppToken(b, emulator.DemoReaderAppID, "https://api.securitycenter.microsoft.com/.default")
	raw := emu.Client()
	q := dataQuery("A", `{"queryText":"Big","applyTimeRange":false}`, time.Now().Add(-24*time.Hour), time.Now())
	req := &backend.QueryDataRequest{Queries: []backend.DataQuery{q}}

	rawRead := func() int {
		r, _ := http.NewRequest(http.MethodPost, emu.URL+"/api/advancedqueries/run", strings.NewReader(`{"Query":"Big"}`))
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Content-Type", "application/json; charset=utf-8")
		resp, err := raw.Do(r)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("raw read: status %d, %v", resp.StatusCode, err)
		}
		return len(body)
	}
	viaPlugin := func() {
		resp, err := d.QueryData(context.Background(), req)
		if err != nil || resp.Responses["A"].Error != nil {
			b.Fatalf("QueryData: %v %v", err, resp.Responses["A"].Error)
		}
		f := resp.Responses["A"].Frames[0]
		if f.Rows() != benchRows {
			b.Fatalf("rows = %d", f.Rows())
		}
		if _, err := resp.Responses["A"].Frames.MarshalArrow(); err != nil {
			b.Fatal(err)
		}
	}
	bytes := rawRead()
	viaPlugin() // sign in once, warm connections
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	var rawTotal, pluginTotal time.Duration
	for range b.N {
		start := time.Now()
		rawRead()
		rawTotal += time.Since(start)
		start = time.Now()
		viaPlugin()
		pluginTotal += time.Since(start)
	}
	b.ReportMetric(float64(pluginTotal.Nanoseconds())/float64(b.N), "plugin-ns/op")
	b.ReportMetric(float64(rawTotal.Nanoseconds())/float64(b.N), "raw-ns/op")
	b.ReportMetric(float64(pluginTotal)/float64(rawTotal), "x-raw")
}
