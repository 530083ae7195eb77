package main

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestRestartKeepsTheCA is the compose stack's case: Grafana read the CA once at start, then only the
// emulator restarts. With the same -data-dir, a client holding the first run's ca.pem still connects.
func TestRestartKeepsTheCA(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "emulator-data")

	logs := startAndStop(t, dir, nil)
	oldCA, err := os.ReadFile(filepath.Join(dir, "ca.pem"))
	if err != nil {
		t.Fatalf("the first run left no ca.pem in -data-dir: %v", err)
	}
	if !strings.Contains(logs(), "made a new CA") {
		t.Errorf("first run's log does not say it made a CA:\n%s", logs())
	}

	logs = startAndStop(t, dir, func(url string) {
		if err := healthz(url, oldCA); err != nil {
			t.Errorf("after a restart with the same -data-dir, the old ca.pem is refused: %v", err)
		}
	})
	if !strings.Contains(logs(), "reusing the CA of -data-dir") {
		t.Errorf("second run's log does not say it reused the CA:\n%s", logs())
	}
	now, _ := os.ReadFile(filepath.Join(dir, "ca.pem"))
	if !bytes.Equal(now, oldCA) {
		t.Error("ca.pem changed across the restart")
	}

	// Without -data-dir every start makes a new CA, which the old ca.pem does not trust: the test above
	// would catch a build that ignored the flag.
	startAndStop(t, "", func(url string) {
		if err := healthz(url, oldCA); err == nil {
			t.Error("a run without -data-dir accepted the old CA; the restart check above proves nothing")
		}
	})
}

// startAndStop runs the emulator binary with dataDir (none when empty), calls during(base URL) while it
// serves, then stops it with SIGTERM. It returns the process's stderr.
func startAndStop(t *testing.T, dataDir string, during func(url string)) func() string {
	t.Helper()
	args := []string{"-addr", "127.0.0.1:0", "-devices", "10", "-days", "2", "-limits", "off"}
	if dataDir != "" {
		args = append(args, "-data-dir", dataDir)
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "HUNTING_EMULATOR_MAIN=1")
	var mu sync.Mutex
	var stderr bytes.Buffer
	cmd.Stderr = writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return stderr.Write(p) })
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	ready := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			if u, ok := strings.CutPrefix(s.Text(), "hunting-emulator ready "); ok {
				ready <- u
			}
		}
		_, _ = io.Copy(io.Discard, out)
	}()
	var url string
	select {
	case url = <-ready:
	case <-time.After(60 * time.Second):
		t.Fatal("no ready line within 60 s")
	}
	if during != nil {
		during(url)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("still running 20 s after SIGTERM")
	}
	return func() string { mu.Lock(); defer mu.Unlock(); return stderr.String() }
}

// healthz calls the admin health route over a new connection that trusts caPEM only.
func healthz(url string, caPEM []byte) error {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, DisableKeepAlives: true}}
	resp, err := c.Get(url + "/_emulator/healthz")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthz answered %s", resp.Status)
	}
	return nil
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
