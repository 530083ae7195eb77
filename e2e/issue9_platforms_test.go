package e2e

import (
	"context"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestBackendCrossBuilds builds the backend as mage does (CGO off, the SDK's build tag) for linux/arm64
// and linux/amd64, whatever this machine is, and checks that each is a static executable for that
// processor: Grafana on Apple Silicon or Graviton runs gpx_quarry_linux_arm64 and cannot start the data
// source when the backend does not compile for arm64 (a cgo or amd64-only dependency would do that).
func TestBackendCrossBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles the backend (about a minute with a cold build cache)")
	}
	var meta struct {
		Executable string `json:"executable"`
	}
	b, err := os.ReadFile("../src/plugin.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &meta); err != nil || meta.Executable == "" {
		t.Fatalf("src/plugin.json names no executable (%v)", err)
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		arch    string
		machine elf.Machine
	}{
		{"arm64", elf.EM_AARCH64},
		{"amd64", elf.EM_X86_64},
	} {
		t.Run("linux_"+tt.arch, func(t *testing.T) {
			out := filepath.Join(dir, meta.Executable+"_linux_"+tt.arch)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "go", "build", "-tags", "arrow_json_stdlib", "-ldflags", "-w -s",
				"-o", out, "github.com/quarry-defender/quarry/pkg")
			cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+tt.arch, "CGO_ENABLED=0")
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("GOOS=linux GOARCH=%s go build ./pkg: %v\n%s", tt.arch, err, msg)
			}
			f, err := elf.Open(out)
			if err != nil {
				t.Fatalf("%s is not an ELF executable: %v", out, err)
			}
			defer f.Close()
			if f.Machine != tt.machine || f.Type != elf.ET_EXEC {
				t.Errorf("%s: machine %v, type %v; want %v, %v", filepath.Base(out), f.Machine, f.Type, tt.machine, elf.ET_EXEC)
			}
			// A dynamic loader would tie the binary to the C library of one Grafana image (Alpine's musl or
			// Ubuntu's glibc); the plugin must run in both.
			for _, p := range f.Progs {
				if p.Type == elf.PT_INTERP {
					t.Errorf("%s asks for a dynamic loader; want a static executable", filepath.Base(out))
				}
			}
		})
	}
}
