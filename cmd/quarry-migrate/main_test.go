package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommand(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../pkg/migrate/testdata/legacy/seed-era-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "d.json"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	ds := "-datasources=../../pkg/migrate/testdata/legacy/datasources.yaml"
	tests := []struct {
		name     string
		args     []string
		status   int
		stdout   string
		stderr   string
		modified bool
	}{
		{"no paths", nil, 1, "", "no files or folders given", false},
		{"bad flag", []string{"-nope"}, 2, "", "usage: quarry-migrate", false},
		{"check finds work", []string{"-check", ds, dir}, 3, "6 of 7 Quarry queries rewritten", "", false},
		{"rewrite in place", []string{ds, dir}, 0, "panel \"Logons per machine\" target A: LogonEvents -> DeviceLogonEvents", "", true},
		{"check after: nothing left", []string{"-check", ds, dir}, 0, "0 of 7 Quarry queries rewritten", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut strings.Builder
			if got := run(tc.args, &out, &errOut); got != tc.status {
				t.Fatalf("status %d, want %d\nstdout: %s\nstderr: %s", got, tc.status, out.String(), errOut.String())
			}
			if !strings.Contains(out.String(), tc.stdout) || !strings.Contains(errOut.String(), tc.stderr) {
				t.Fatalf("stdout %q (want %q), stderr %q (want %q)", out.String(), tc.stdout, errOut.String(), tc.stderr)
			}
			now, _ := os.ReadFile(filepath.Join(dir, "d.json"))
			if (string(now) != string(src)) != tc.modified {
				t.Fatalf("file modified = %v, want %v", string(now) != string(src), tc.modified)
			}
		})
	}
}
