package emulator_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		in      []string
		want    emulator.Options
		wantErr string
	}{
		{"defaults", nil, emulator.Options{Addr: "127.0.0.1:8443", TLS: true, Limits: "2026", Days: 30, CPUScale: 1, FaultSeed: 1}, ""},
		{"every flag", []string{"-addr", ":0", "-tls=false", "-ca-out", "ca.pem", "-data-dir", "emu", "-limits", "2018", "-devices", "50",
			"-days", "7", "-seed", "9", "-config", "c.json", "-cpu-scale", "60"},
			emulator.Options{Addr: ":0", CAOut: "ca.pem", DataDir: "emu", Limits: "2018", Devices: 50, Days: 7, Seed: 9, ConfigPath: "c.json", CPUScale: 60, FaultSeed: 1}, ""},
		{"unknown profile", []string{"-limits", "2019"}, emulator.Options{}, "unknown limits profile \"2019\""},
		{"no days", []string{"-days", "0"}, emulator.Options{}, "-days 0"},
		{"stray argument", []string{"serve"}, emulator.Options{}, "unexpected argument \"serve\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := emulator.ParseFlags(tc.in, io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestRunPrintsReadyServesAndStops(t *testing.T) {
	tests := []struct {
		name, scheme string
		args         []string
	}{
		{"https with a CA file", "https", []string{"-limits", "2018"}},
		{"plain http", "http", []string{"-tls=false", "-limits", "2018"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			caPath := filepath.Join(t.TempDir(), "ca.pem")
			opts, err := emulator.ParseFlags(append([]string{"-addr", "127.0.0.1:0", "-ca-out", caPath}, tc.args...), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			build := func(o emulator.Options, now time.Time) (dataset.Engine, int, error) {
				return emulatortest.TableEngine{Catalog: emulatortest.SmallCatalog(now)}, 6, nil
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			outR, outW := io.Pipe()
			done := make(chan error, 1)
			go func() { done <- emulator.Run(ctx, opts, build, outW, io.Discard); outW.Close() }()
			lines := bufio.NewScanner(outR)
			if !lines.Scan() {
				t.Fatalf("no ready line; Run returned %v", <-done)
			}
			base, ok := strings.CutPrefix(lines.Text(), "hunting-emulator ready ")
			if !ok || !strings.HasPrefix(base, tc.scheme+"://127.0.0.1:") {
				t.Fatalf("ready line %q, want hunting-emulator ready %s://127.0.0.1:<port>", lines.Text(), tc.scheme)
			}
			client := &http.Client{}
			if tc.scheme == "https" {
				pem, err := os.ReadFile(caPath)
				if err != nil {
					t.Fatal(err)
				}
				client = emulatortest.NewClient(pem)
			}
			resp, err := client.Get(base + "/_emulator/healthz")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(b), `"limits":"2018"`) {
				t.Fatalf("healthz: %d %s", resp.StatusCode, b)
			}
			client.CloseIdleConnections()
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("Run after cancel: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("Run did not stop after its context ended")
			}
			if lines.Scan() {
				t.Fatalf("a second stdout line: %q", lines.Text())
			}
		})
	}
}

func TestRunRejectsABadConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.json")
	if err := os.WriteFile(path, []byte(`{"tenants":[{"id":"t1","apps":[{"secrets":["x"]}]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	opts, err := emulator.ParseFlags([]string{"-addr", "127.0.0.1:0", "-config", path}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	err = emulator.Run(context.Background(), opts, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "an app has no clientId") {
		t.Fatalf("err = %v, want it to name the app without clientId", err)
	}
}
