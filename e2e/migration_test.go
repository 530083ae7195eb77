package e2e

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// The seed document's query, sent unchanged by the user to a data source on Graph: the plugin moves it to
// the current names, Graph (which knows no ProcessCreationEvents) answers, and the frame keeps the three
// column names the query asked for, with a notice naming each rewrite.
func TestSeedQueryOnGraphKeepsItsColumns(t *testing.T) {
	resp := queryData(t, pluginContext(1401, "graph", readerApp, demoSecret), query("A", seedQuery, "table"))
	f := frameOf(t, resp, "A")
	if got := fieldSig(f); got != "EventTime:*time.Time,FileName:*string,InitiatingProcessFileName:*string" || f.Rows() < 1 || f.Rows() > 2 {
		t.Fatalf("fields %s, rows %d; want the seed document's three columns and 1 or 2 rows", got, f.Rows())
	}
	for r := range f.Rows() {
		if p := f.Fields[2].At(r).(*string); p == nil || !strings.EqualFold(*p, "powershell.exe") {
			t.Fatalf("row %d InitiatingProcessFileName = %v", r, p)
		}
		if ts := f.Fields[0].At(r); ts == nil {
			t.Fatalf("row %d EventTime is null", r)
		}
	}
	sent := f.Meta.ExecutedQueryString
	if !strings.HasPrefix(sent, "DeviceProcessEvents\n") || !strings.Contains(sent, "project EventTime = Timestamp, FileName, InitiatingProcessFileName") {
		t.Fatalf("executedQueryString = %q; want the current table and EventTime kept as an alias", sent)
	}
	n := rewriteNotice(f)
	if n == nil || !strings.Contains(n.Text, "ProcessCreationEvents → DeviceProcessEvents") || !strings.Contains(n.Text, "EventTime → Timestamp") ||
		n.Severity != data.NoticeSeverityWarning {
		t.Fatalf("notices %v; want a warning naming both rewrites", f.Meta.Notices)
	}
}

func TestSeedQueryOnMDEIsSentUnchanged(t *testing.T) {
	resp := queryData(t, pluginContext(1402, "mde", readerApp, demoSecret), query("A", seedQuery, "table"))
	f := frameOf(t, resp, "A")
	if f.Meta.ExecutedQueryString != seedQuery {
		t.Fatalf("executedQueryString = %q, want the query exactly as written", f.Meta.ExecutedQueryString)
	}
	if n := rewriteNotice(f); n != nil {
		t.Fatalf("notice %q on MDE, which still serves the retired names", n.Text)
	}
	if got := fieldSig(f); got != "EventTime:*time.Time,FileName:*string,InitiatingProcessFileName:*string" {
		t.Fatalf("fields %s", got)
	}
}

// A retired name inside a string literal is never rewritten, so table('ProcessCreationEvents') reaches Graph
// as written, and Graph refuses the retired table as Microsoft's does: the rewrite is what makes the seed
// query work there.
func TestGraphRefusesRetiredTables(t *testing.T) {
	r := queryData(t, pluginContext(1403, "graph", readerApp, demoSecret), query("A", "table('ProcessCreationEvents') | take 1", "table")).Responses["A"]
	if r.Error == nil || !strings.Contains(r.Error.Error(), "Failed to resolve table or column expression named 'ProcessCreationEvents'") {
		t.Fatalf("error %v; want Graph's unknown-table error", r.Error)
	}
}

func rewriteNotice(f *data.Frame) *data.Notice {
	if f.Meta == nil {
		return nil
	}
	for i := range f.Meta.Notices {
		if strings.HasPrefix(f.Meta.Notices[i].Text, "Rewrote retired Defender names") {
			return &f.Meta.Notices[i]
		}
	}
	return nil
}

// A data source still on a legacy API learns from its health check whether it can move to Graph today.
func TestHealthSaysWhetherGraphIsReady(t *testing.T) {
	tests := []struct {
		api, app, want string
	}{
		{"mde", readerApp, "\nGraph ready: the app has ThreatHunting.Read.All"},
		{"xdr", readerApp, "\nGraph ready: the app has ThreatHunting.Read.All"},
		{"xdr", noPermApp, "\nGraph not ready: app " + noPermApp + " has no ThreatHunting.Read.All application permission on Microsoft Graph"},
	}
	for i, tc := range tests {
		t.Run(tc.api+" "+tc.app, func(t *testing.T) {
			res := checkHealth(t, env.plugin, pluginContext(int64(1410+i), tc.api, tc.app, demoSecret))
			if !strings.Contains(res.Message, tc.want) || !strings.Contains(res.Message, "until the legacy hunting APIs stop returning data on 2027-02-01") {
				t.Fatalf("CheckHealth message %q; want %q and the days left", res.Message, tc.want)
			}
		})
	}
	res := checkHealth(t, env.plugin, pluginContext(1419, "graph", readerApp, demoSecret))
	if strings.Contains(res.Message, "Graph ready") {
		t.Fatalf("graph data source got a readiness line: %q", res.Message)
	}
}
