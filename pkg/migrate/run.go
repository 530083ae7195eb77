package migrate

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/quarry-defender/quarry/pkg/kql"
)

// Options are the quarry-migrate command line.
type Options struct {
	// Paths are files or folders; folders are walked for .json, .yaml and .yml files.
	Paths []string
	// OutDir, when set, receives a copy of every input (rewritten or not) at its path relative to the input
	// it was found under; the inputs stay untouched. Empty means rewrite in place.
	OutDir string
	// DryRun reports what would change and writes nothing.
	DryRun bool
	// DatasourceFiles are extra datasource provisioning files naming Quarry data sources by uid and name
	// (those found among Paths are read too).
	DatasourceFiles []string
	Renames         kql.Renames
	// Out receives the summary.
	Out io.Writer
}

// Summary counts what a run found and did.
type Summary struct {
	Files, Queries, Rewritten, Problems int
	Reports                             []FileReport
}

type input struct{ path, root string }

// Run rewrites the Quarry queries of every file under o.Paths and prints a summary of each change.
func Run(o Options) (Summary, error) {
	var sum Summary
	files, err := collect(o.Paths)
	if err != nil {
		return sum, err
	}
	ds, err := datasourcesOf(files, o.DatasourceFiles)
	if err != nil {
		return sum, err
	}
	for _, f := range files {
		src, err := os.ReadFile(f.path)
		if err != nil {
			return sum, err
		}
		out, rep, err := Rewrite(f.path, src, ds, o.Renames)
		if err != nil {
			return sum, fmt.Errorf("%s: %w", f.path, err)
		}
		sum.Files++
		sum.Queries += rep.Queries
		sum.Rewritten += len(rep.Changes)
		sum.Problems += len(rep.Problems)
		sum.Reports = append(sum.Reports, rep)
		printReport(o.Out, rep)
		if o.DryRun {
			continue
		}
		if err := write(f, out, len(rep.Changes) > 0, o.OutDir); err != nil {
			return sum, err
		}
	}
	fmt.Fprintf(o.Out, "%d file(s), %d Quarry quer%s, %d rewritten, %d left alone with a problem%s.\n", sum.Files, sum.Queries,
		plural(sum.Queries, "y", "ies"), sum.Rewritten, sum.Problems, dryRunNote(o.DryRun))
	return sum, nil
}

func dryRunNote(dry bool) string {
	if dry {
		return " (dry run: nothing written)"
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// collect lists the files under paths, each with the input it was found under.
func collect(paths []string) ([]input, error) {
	if len(paths) == 0 {
		return nil, errors.New("no files or folders given: name the dashboards and alert rules to migrate, e.g. provisioning/")
	}
	var out []input
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, input{p, filepath.Dir(p)})
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			out = append(out, input{path, p})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// datasourcesOf reads the Quarry data sources declared in the inputs and the extra files.
func datasourcesOf(files []input, extra []string) (*Datasources, error) {
	ds := NewDatasources()
	paths := append([]string{}, extra...)
	for _, f := range files {
		paths = append(paths, f.path)
	}
	for i, p := range paths {
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".yaml" && ext != ".yml" && ext != ".json" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		docs, err := parse(p, src)
		if err != nil {
			if i < len(extra) {
				return nil, fmt.Errorf("-datasources %s: %w", p, err)
			}
			continue // reported when the file itself is migrated
		}
		for _, d := range docs {
			ds.collect(d)
		}
	}
	return ds, nil
}

// write stores a file's new text: in place only when it changed, or under outDir always (so that the
// folder is a complete copy).
func write(f input, out []byte, changed bool, outDir string) error {
	if outDir == "" {
		if !changed {
			return nil
		}
		st, err := os.Stat(f.path)
		if err != nil {
			return err
		}
		return os.WriteFile(f.path, out, st.Mode().Perm())
	}
	rel, err := filepath.Rel(f.root, f.path)
	if err != nil {
		return err
	}
	dst := filepath.Join(outDir, rel)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, out, 0o644)
}

func printReport(w io.Writer, rep FileReport) {
	if rep.Queries == 0 && len(rep.Problems) == 0 {
		return
	}
	fmt.Fprintf(w, "%s (%s): %d of %d Quarry quer%s rewritten\n", rep.Path, rep.Kind, len(rep.Changes), rep.Queries, plural(rep.Queries, "y", "ies"))
	for _, c := range rep.Changes {
		var parts []string
		for _, r := range c.Rewrites {
			parts = append(parts, r.Old+" -> "+r.New)
		}
		fmt.Fprintf(w, "  %s: %s\n", c.Where, strings.Join(parts, ", "))
		if len(c.Shadowed) > 0 {
			fmt.Fprintf(w, "    left alone (the query defines them): %s\n", strings.Join(c.Shadowed, ", "))
		}
		if c.Note != "" {
			fmt.Fprintf(w, "    note: %s\n", c.Note)
		}
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "  %s\n", p)
	}
}
