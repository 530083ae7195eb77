package e2e

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
)

// The query-path benchmark (issue 15). For each result shape it runs, interleaved in one loop so that
// load from other processes hits all of them alike:
//
//   - raw: POST the query to the emulator and io.ReadAll the body (the cost of the bytes themselves);
//   - naive: the same plus encoding/json into []map[string]any (what a simple client does);
//   - plugin: QueryData over gRPC into a freshly started gpx_quarry, as Grafana calls it, until the
//     Arrow frames have arrived (the plugin's own sign-in is cached; its cache is off).
//
// It reports each figure in ms/query, the ratios plugin/naive and plugin/raw, and the plugin process's
// peak resident memory during these queries above its resident memory when idle and signed in (VmHWM
// after resetting it through /proc/PID/clear_refs; Linux only), also as a multiple of the response
// size. Each shape gets a fresh plugin process, so no shape inherits another's retained memory.
// Resident memory bounds the heap from above: it counts the heap, its free spans not yet returned to
// the system, stacks and buffers.
//
// Figures are medians over the iterations. Run:
//
//	go test ./e2e/ -run '^$' -bench QueryPath -benchtime 7x -timeout 20m
//
// Set QUARRY_PERF_BASELINE=PATH to a gpx_quarry built from another commit to also run it, interleaved
// in the same loop, and report its time, the ratio to it (x-baseline) and its peak memory.
// Set QUARRY_PERF_PROFILE=DIR to also write CPU and allocation profiles of the plugin process per shape
// (the SDK's GF_PLUGIN_PROFILING_* pprof server, on a
// port that was free on loopback; the SDK listens on every interface while the profile is taken).

// perfColumns are the extend clauses of the mixed-type table results: every common type, low- and
// high-cardinality strings, escapes, nulls. The first 12 make the 12-column shape.
var perfColumns = []string{
	`Timestamp=datetime(2026-11-01) + i*1s`,
	`DeviceName=strcat("ws-", tostring(i % 200), ".contoso.example")`,
	`ActionType=case(i%4==0,"ProcessCreated",i%4==1,"FileCreated",i%4==2,"ConnectionSuccess","LogonSuccess")`,
	`FileName=case(i%3==0,"powershell.exe",i%3==1,"cmd.exe","svchost.exe")`,
	`ProcessCommandLine=strcat("powershell.exe -NoProfile -Command \"Get-Item C:\\Users\\u", tostring(i % 1000), "\" -id ", tostring(i))`,
	`AccountName=strcat("user", tostring(i % 300))`,
	`ReportId=i + 1000000000`,
	`ProcessId=toint(i % 60000)`,
	`IsElevated=(i % 2 == 0)`,
	`RiskScore=i / 7.0`,
	`AdditionalFields=bag_pack("IsLocalLogon", i % 3 == 0, "Port", i % 65536)`,
	`Duration=i * 1ms`,
	`DeviceId=hash_sha1(tostring(i % 200))`,
	`FolderPath=strcat(@"C:\Windows\System32\", tostring(i % 97))`,
	`SHA256=hash_sha256(tostring(i % 5000))`,
	`FileSize=iff(i % 5 == 0, long(null), i * 37)`,
	`AlertId=new_guid()`,
	`ProcessCreationTime=datetime(2026-11-01) + i*1s - 5m`,
	`RemotePort=iff(i % 3 == 0, int(null), toint(i % 65536))`,
	`RemoteIP=strcat("10.0.", tostring(i % 256), ".", tostring(i % 253))`,
}

// perfSeriesColumns are a long time series: 20 label combinations (5 devices x 4 actions) per minute,
// already in time order as a summarize ... by bin() answer is, numbers of every numeric type, one
// dynamic column the series leave out (with a notice).
var perfSeriesColumns = []string{
	`Timestamp=datetime(2026-11-01) + (i / 20) * 1m`,
	`DeviceName=strcat("ws-", tostring(i % 5))`,
	`ActionType=case((i/5)%4==0,"ProcessCreated",(i/5)%4==1,"FileCreated",(i/5)%4==2,"ConnectionSuccess","LogonSuccess")`,
	`Events=i % 1000`,
	`Bytes=i * 37`,
	`ProcessId=toint(i % 60000)`,
	`RemotePort=iff(i % 3 == 0, int(null), toint(i % 65536))`,
	`RiskScore=i / 7.0`,
	`Latency=(i % 97) / 3.0`,
	`Duration=i * 1ms`,
	`AdditionalFields=bag_pack("Port", i % 65536)`,
	`FileSize=iff(i % 5 == 0, long(null), i * 37)`,
	`Retries=toint(i % 7)`,
	`Failures=i % 13`,
	`CpuSeconds=(i % 1000) / 10.0`,
	`QueueMs=toint(i % 500)`,
	`Connections=i % 64`,
	`Megabytes=(i % 4096) / 1024.0`,
	`Wait=(i % 600) * 1s`,
	`Score=(i % 100) / 100.0`,
}

func rangeQuery(rows int, cols []string) string {
	return fmt.Sprintf("range i from 1 to %d step 1 | extend %s | project-away i", rows, strings.Join(cols, ", "))
}

type perfShape struct {
	name, query, format string
	rows                int
}

func perfShapes() []perfShape {
	return []perfShape{
		{"5rows", "DeviceInfo | project Timestamp, DeviceName, OSPlatform | take 5", "table", 5},
		{"100kx12-table", rangeQuery(100_000, perfColumns[:12]), "table", 100_000},
		{"100kx12-series", rangeQuery(100_000, perfSeriesColumns[:12]), "time_series", 5_001},
		{"100kx20-table", rangeQuery(100_000, perfColumns), "table", 100_000},
		{"100kx20-series", rangeQuery(100_000, perfSeriesColumns), "time_series", 5_001},
	}
}

func BenchmarkQueryPath(b *testing.B) {
	profileDir := os.Getenv("QUARRY_PERF_PROFILE")
	penv := []string{"GF_PLUGIN_ALLOW_CUSTOM_ENDPOINTS=true"}
	var pprofURL string
	if profileDir != "" {
		port := freePort(b)
		penv = append(penv, "GF_PLUGIN_PROFILING_ENABLED=true", "GF_PLUGIN_PROFILING_PORT="+port)
		pprofURL = "http://127.0.0.1:" + port + "/debug/pprof/"
	}
	baselineBin := os.Getenv("QUARRY_PERF_BASELINE")
	raw := newRawClient(b)
	pc := perfPluginContext()
	for _, sh := range perfShapes() {
		b.Run(sh.name, func(b *testing.B) {
			q := perfQuery(sh.query, sh.format)
			p := startPerfPlugin(b, env.pluginBin, pc, sh, q, penv...)
			defer p.stop()
			var old *perfPlugin
			if baselineBin != "" {
				old = startPerfPlugin(b, baselineBin, pc, sh, q, "GF_PLUGIN_ALLOW_CUSTOM_ENDPOINTS=true")
				defer old.stop()
			}
			body := raw.read(b, sh.query)
			var tRaw, tNaive, tPlugin, tOld []time.Duration
			timed := func(into *[]time.Duration, f func()) func() {
				return func() { start := time.Now(); f(); *into = append(*into, time.Since(start)) }
			}
			steps := []func(){
				timed(&tRaw, func() { raw.read(b, sh.query) }),
				timed(&tNaive, func() { raw.naive(b, sh.query) }),
				timed(&tPlugin, func() { pluginQuery(b, p.proc, pc, q) }),
			}
			if old != nil {
				steps = append(steps, timed(&tOld, func() { pluginQuery(b, old.proc, pc, q) }))
			}
			n := 0
			for b.Loop() {
				for i := range steps { // rotate the order: no side always runs on a warm cache
					steps[(i+n)%len(steps)]()
				}
				n++
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(len(body))/1e6, "body-MB")
			b.ReportMetric(ms(median(tRaw)), "raw-ms")
			b.ReportMetric(ms(median(tNaive)), "naive-ms")
			b.ReportMetric(ms(median(tPlugin)), "plugin-ms")
			b.ReportMetric(float64(median(tPlugin))/float64(median(tNaive)), "x-naive")
			b.ReportMetric(float64(median(tPlugin))/float64(median(tRaw)), "x-raw")
			peak := p.peak(b)
			b.ReportMetric(float64(peak)/1e6, "peakRSS-MB")
			b.ReportMetric(float64(peak)/float64(len(body)), "peakRSS-x-body")
			if old != nil {
				b.ReportMetric(ms(median(tOld)), "baseline-ms")
				b.ReportMetric(float64(median(tPlugin))/float64(median(tOld)), "x-baseline")
				b.ReportMetric(float64(old.peak(b))/1e6, "baseline-peakRSS-MB")
			}
			if profileDir != "" && sh.rows > 5 {
				profilePlugin(b, p.proc, pc, q, pprofURL, filepath.Join(profileDir, sh.name))
			}
		})
	}
}

// perfPlugin is a plugin process of one shape's own, so that its memory and profiles are that shape's
// alone; idle is its resident memory once signed in (after a 5-row query), before the shape's queries.
type perfPlugin struct {
	proc *pluginProc
	pid  int
	idle int64
}

func startPerfPlugin(b *testing.B, bin string, pc backend.PluginContext, sh perfShape, q backend.DataQuery, penv ...string) *perfPlugin {
	b.Helper()
	p, err := startPlugin(bin, penv...)
	if err != nil {
		b.Fatal(err)
	}
	pp := &perfPlugin{proc: p, pid: p.client.ReattachConfig().Pid}
	pluginQuery(b, p, pc, perfQuery(perfShapes()[0].query, "table"))
	pp.idle = resetPeakRSS(b, pp.pid)
	checkPerfFrame(b, pluginQuery(b, p, pc, q), sh)
	return pp
}

// peak is the highest resident memory since start above idle.
func (p *perfPlugin) peak(b *testing.B) int64 { return peakRSS(b, p.pid) - p.idle }

func (p *perfPlugin) stop() { p.proc.stop() }

// median is the middle duration: one iteration slowed by another process's burst does not move it.
func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func perfPluginContext() backend.PluginContext {
	j, _ := json.Marshal(map[string]any{
		"api": "graph", "tenantId": tenantID, "clientId": readerApp, "tlsAuthWithCACert": true,
		"customEndpoints":   map[string]string{"apiUrl": env.emu.URL, "authorityUrl": env.emu.URL},
		"maxCallsPerMinute": 1 << 30, "maxCallsPerHour": 1 << 30, "cacheTtlSeconds": 0,
	})
	return backend.PluginContext{OrgID: 1, PluginID: "quarry-defender-datasource",
		DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
			ID: 1500, UID: "e2e-perf", Name: "Defender perf", Type: "quarry-defender-datasource",
			JSONData: j, Updated: time.Now(),
			DecryptedSecureJSONData: map[string]string{"clientSecret": demoSecret, "tlsCACert": env.emu.CAPEM},
		}}
}

func perfQuery(text, format string) backend.DataQuery {
	m, _ := json.Marshal(map[string]any{"queryText": text, "format": format, "applyTimeRange": false})
	now := time.Now()
	return backend.DataQuery{RefID: "A", JSON: m, Interval: time.Minute, MaxDataPoints: 5000,
		TimeRange: backend.TimeRange{From: now.Add(-24 * time.Hour), To: now}}
}

// pluginQuery runs q through the plugin over gRPC and returns the raw response (frames still Arrow).
func pluginQuery(b *testing.B, p *pluginProc, pc backend.PluginContext, q backend.DataQuery) *pluginv2.QueryDataResponse {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req := backend.ToProto().QueryDataRequest(&backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{q}})
	resp, err := p.data.QueryData(ctx, req)
	if err != nil {
		b.Fatalf("QueryData over gRPC: %v", err)
	}
	if r := resp.Responses["A"]; r == nil || r.Error != "" || len(r.Frames) != 1 {
		b.Fatalf("QueryData answered %v; want one frame", r)
	}
	return resp
}

// checkPerfFrame decodes the Arrow once (outside the timed loop) and checks the plugin answered the
// whole result in the requested format.
func checkPerfFrame(b *testing.B, resp *pluginv2.QueryDataResponse, sh perfShape) {
	b.Helper()
	f, err := data.UnmarshalArrowFrame(resp.Responses["A"].Frames[0])
	if err != nil {
		b.Fatal(err)
	}
	if f.Rows() != sh.rows {
		b.Fatalf("%s: %d rows; want %d", sh.name, f.Rows(), sh.rows)
	}
	if sh.format == "time_series" {
		if f.Meta == nil || f.Meta.Type != data.FrameTypeTimeSeriesWide || len(f.Fields) < 20 {
			b.Fatalf("%s: %d fields, meta %+v; want a wide series per label combination", sh.name, len(f.Fields), f.Meta)
		}
	} else if len(f.Fields) < 5 && sh.rows > 5 {
		b.Fatalf("%s: %d fields", sh.name, len(f.Fields))
	}
}

// rawClient talks to the emulator's Graph API directly with the reader app's token.
type rawClient struct {
	http  *http.Client
	token string
}

func newRawClient(b *testing.B) *rawClient {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM([]byte(env.emu.CAPEM)) {
		b.Fatal("emulator CA unreadable")
	}
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {readerApp}, "client_secret": {demoSecret},
		"scope": {"https://graph.microsoft.com/.default"}}
	resp, err := c.PostForm(env.emu.URL+"/"+tenantID+"/oauth2/v2.0/token", form)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		b.Fatalf("token: status %d, %v", resp.StatusCode, err)
	}
	return &rawClient{http: c, token: tok.AccessToken}
}

func (c *rawClient) read(b *testing.B, query string) []byte {
	b.Helper()
	q, _ := json.Marshal(map[string]string{"Query": query})
	req, _ := http.NewRequest(http.MethodPost, env.emu.URL+"/v1.0/security/runHuntingQuery", bytes.NewReader(q))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("raw read: status %d, %v: %.300s", resp.StatusCode, err, body)
	}
	return body
}

func (c *rawClient) naive(b *testing.B, query string) {
	b.Helper()
	var doc struct {
		Schema  []map[string]any `json:"schema"`
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal(c.read(b, query), &doc); err != nil || len(doc.Schema) == 0 {
		b.Fatalf("naive decode: %v", err)
	}
}

// resetPeakRSS resets the process's peak resident set size and returns its current one, in bytes.
func resetPeakRSS(b *testing.B, pid int) int64 {
	b.Helper()
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0); err != nil {
		b.Skipf("peak memory needs Linux /proc/PID/clear_refs: %v", err)
	}
	return procStatus(b, pid, "VmRSS:")
}

func peakRSS(b *testing.B, pid int) int64 { return procStatus(b, pid, "VmHWM:") }

func procStatus(b *testing.B, pid int, key string) int64 {
	b.Helper()
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.SplitSeq(string(st), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb << 10
		}
	}
	b.Fatalf("no %s in /proc/%d/status", key, pid)
	return 0
}

func freePort(b *testing.B) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// profilePlugin records a CPU profile of the plugin process while it answers q repeatedly, and the
// allocations of those queries (the allocs profile before and after, for pprof -base).
func profilePlugin(b *testing.B, p *pluginProc, pc backend.PluginContext, q backend.DataQuery, base, prefix string) {
	b.Helper()
	const seconds = 8
	get := func(path, file string) {
		resp, err := http.Get(base + path)
		if err != nil {
			b.Fatalf("pprof %s: %v", path, err)
		}
		defer resp.Body.Close()
		out, err := os.Create(prefix + file)
		if err != nil {
			b.Fatal(err)
		}
		defer out.Close()
		if _, err := io.Copy(out, resp.Body); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(prefix), 0o755); err != nil {
		b.Fatal(err)
	}
	get("allocs", ".allocs-before.pb.gz")
	var wg sync.WaitGroup
	wg.Go(func() { get(fmt.Sprintf("profile?seconds=%d", seconds), ".cpu.pb.gz") })
	for deadline := time.Now().Add(seconds * time.Second); time.Now().Before(deadline); {
		pluginQuery(b, p, pc, q)
	}
	wg.Wait()
	get("allocs", ".allocs.pb.gz")
}
