package engine

import (
	"os"
	"strings"
	"testing"
)

// The corpus check needs a file from outside the repository: it must stay behind its build tag, or every
// CI run would depend on that file.
func TestCorpusCheckStaysBehindItsTag(t *testing.T) {
	src, err := os.ReadFile("corpus_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(string(src), "\n"); first != "//go:build corpus" {
		t.Fatalf("corpus_test.go starts with %q, want the //go:build corpus constraint", first)
	}
	if !strings.Contains(string(src), `os.Getenv("QUARRY_KQL_CORPUS")`) {
		t.Fatal("corpus_test.go no longer takes its file from QUARRY_KQL_CORPUS")
	}
}
