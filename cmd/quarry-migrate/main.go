// Command quarry-migrate rewrites the Quarry queries of Grafana dashboards and alert-rule provisioning
// files from Defender's retired 2018-2019 names (ProcessCreationEvents, EventTime, MachineId, ...) to the
// current ones, before the legacy hunting APIs stop on 2027-02-01. See pkg/migrate and the README.
//
//	go run ./cmd/quarry-migrate [-dry-run | -check] [-out DIR] [-datasources FILE,...] PATH...
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/kql"
	"github.com/quarry-defender/quarry/pkg/migrate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command; it returns the exit status: 0 done, 1 failed, 2 bad usage, 3 (-check) something
// would change.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("quarry-migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dry := fs.Bool("dry-run", false, "report what would change; write nothing")
	check := fs.Bool("check", false, "like -dry-run, and exit with status 3 if any query would change (for CI)")
	out := fs.String("out", "", "write every input file, rewritten or not, under this folder instead of in place")
	dsFiles := fs.String("datasources", "", "comma-separated datasource provisioning files that declare the Quarry data sources (uid, name, isDefault); those among PATH are read anyway")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: quarry-migrate [-dry-run | -check] [-out DIR] [-datasources FILE,...] PATH...")
		fmt.Fprintln(stderr, "Rewrites the retired Defender table and column names in the Quarry queries of dashboard JSON and alert-rule YAML/JSON files.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	names, err := defenderschema.Legacy()
	if err != nil {
		fmt.Fprintln(stderr, "quarry-migrate:", err)
		return 1
	}
	o := migrate.Options{Paths: fs.Args(), OutDir: *out, DryRun: *dry || *check, Renames: kql.Renames(names), Out: stdout}
	if *dsFiles != "" {
		o.DatasourceFiles = strings.Split(*dsFiles, ",")
	}
	sum, err := migrate.Run(o)
	if err != nil {
		fmt.Fprintln(stderr, "quarry-migrate:", err)
		return 1
	}
	if *check && sum.Rewritten > 0 {
		return 3
	}
	return 0
}
