package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// dashboardTargets reads the Quarry panel targets of a dashboard, by panel title.
func dashboardTargets(t *testing.T, path string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				QueryText string `json:"queryText"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	out := map[string]string{}
	for _, p := range dash.Panels {
		if len(p.Targets) > 0 {
			out[p.Title] = p.Targets[0].QueryText
		}
	}
	return out
}

// The migrate command, built and run as a user would, over the repository's provisioning and a dashboard
// written with the retired names: the repository's files come out byte for byte, the legacy dashboard's
// migrated queries run on Graph and return the columns its original queries return on Defender for
// Endpoint, and a second run over the output changes nothing.
func TestMigrateCommandOnStoredContent(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "quarry-migrate")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/quarry-defender/quarry/cmd/quarry-migrate").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	outDir := filepath.Join(dir, "migrated")
	fixtures := "../pkg/migrate/testdata/legacy"
	first, err := exec.CommandContext(ctx, bin, "-out", outDir, "../provisioning", fixtures).CombinedOutput()
	if err != nil {
		t.Fatalf("quarry-migrate: %v\n%s", err, first)
	}
	if !strings.Contains(string(first), "10 rewritten") {
		t.Fatalf("summary:\n%s", first)
	}
	second, err := exec.CommandContext(ctx, bin, "-check", outDir).CombinedOutput()
	if err != nil || !strings.Contains(string(second), " 0 rewritten") {
		t.Fatalf("second run over the output (want nothing to change): %v\n%s", err, second)
	}
	for _, name := range []string{"dashboards/hunting-overview.json", "alerting/hunting-alerts.yml", "datasources/datasources.yml"} {
		before, _ := os.ReadFile(filepath.Join("../provisioning", name))
		after, err := os.ReadFile(filepath.Join(outDir, name))
		if err != nil || string(before) != string(after) {
			t.Errorf("%s: not copied byte for byte (%v)", name, err)
		}
	}

	original := dashboardTargets(t, filepath.Join(fixtures, "seed-era-dashboard.json"))
	migrated := dashboardTargets(t, filepath.Join(outDir, "seed-era-dashboard.json"))
	graph, mde := pluginContext(1420, "graph", readerApp, demoSecret), pluginContext(1421, "mde", readerApp, demoSecret)
	// Grafana interpolates template variables before the query reaches the plugin.
	vars := strings.NewReplacer("${machine:singlequote}", "'none'", "$machine", "none")
	for _, title := range []string{"PowerShell (the seed document's query)", "Logons per machine", "Default data source, variable in braces"} {
		t.Run(title, func(t *testing.T) {
			if migrated[title] == original[title] || strings.Contains(migrated[title], "EventTime >") {
				t.Fatalf("not migrated: %q", migrated[title])
			}
			before := queryData(t, mde, query("A", vars.Replace(original[title]), "table")).Responses["A"]
			after := queryData(t, graph, query("A", vars.Replace(migrated[title]), "table")).Responses["A"]
			if before.Error != nil || after.Error != nil {
				t.Fatalf("original on mde: %v; migrated on graph: %v", before.Error, after.Error)
			}
			if a, b := fieldSig(before.Frames[0]), fieldSig(after.Frames[0]); a != b {
				t.Fatalf("migrated query on graph returns %s, the original on mde %s", b, a)
			}
			if n := rewriteNotice(after.Frames[0]); n != nil {
				t.Fatalf("migrated query still needed rewriting: %q", n.Text)
			}
		})
	}
}
