package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as hunting-emulator when re-executed by TestBinaryStopsOnSIGTERM, so
// that the real main (flags, signals, exit codes) is tested without a separate build.
func TestMain(m *testing.M) {
	if os.Getenv("HUNTING_EMULATOR_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestBinaryStopsOnSIGTERM(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-addr", "127.0.0.1:0", "-devices", "10", "-days", "2", "-limits", "2018")
	cmd.Env = append(os.Environ(), "HUNTING_EMULATOR_MAIN=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	ready := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			ready <- s.Text()
		}
		close(ready)
	}()
	select {
	case line := <-ready:
		if !strings.HasPrefix(line, "hunting-emulator ready https://127.0.0.1:") {
			t.Fatalf("first stdout line %q, want the ready line", line)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("no ready line within 60 s")
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v, want status 0", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("still running 20 s after SIGTERM")
	}
	if extra, ok := <-ready; ok {
		t.Fatalf("a second stdout line: %q", extra)
	}
}

func TestBadFlagExitsWithUsageError(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-limits", "2019")
	cmd.Env = append(os.Environ(), "HUNTING_EMULATOR_MAIN=1")
	stderr, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(stderr), "unknown limits profile \"2019\"") {
		t.Fatalf("err %v, output %s; want exit status 2 naming the profile", err, stderr)
	}
}
