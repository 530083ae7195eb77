package emulator

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// EngineBuilder makes the engine the flags describe, with data ending at now, and reports how many rows it
// holds.
type EngineBuilder func(o Options, now time.Time) (dataset.Engine, int, error)

// Options are the hunting-emulator command line (DESIGN.md section 6).
type Options struct {
	Addr       string
	TLS        bool
	CAOut      string
	DataDir    string
	Limits     string
	Devices    int
	Days       int
	Seed       int64
	ConfigPath string
	CPUScale   float64
	FaultSeed  int64
	Verbose    bool
}

// ParseFlags reads the command line; errors name the bad flag. -h prints usage to stderr and returns
// flag.ErrHelp.
func ParseFlags(args []string, stderr io.Writer) (Options, error) {
	var o Options
	fs := flag.NewFlagSet("hunting-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Addr, "addr", "127.0.0.1:8443", "listen address (port 0 picks a free port; the ready line shows it)")
	fs.BoolVar(&o.TLS, "tls", true, "serve HTTPS with the emulator's own CA (MSAL requires https authorities)")
	fs.StringVar(&o.CAOut, "ca-out", "", "write the generated CA certificate (PEM) to this path")
	fs.StringVar(&o.DataDir, "data-dir", "", "keep the CA and server key in this folder (created if missing) and reuse them at the next start, so clients keep trusting its ca.pem; empty: a new CA at every start")
	fs.StringVar(&o.Limits, "limits", "2026", "service limits profile: 2026, 2018 or off")
	fs.IntVar(&o.Devices, "devices", 0, "number of synthetic devices (0 = the telemetry default)")
	fs.IntVar(&o.Days, "days", 30, "days of history; older data does not exist")
	fs.Int64Var(&o.Seed, "seed", 0, "seed of the synthetic data (0 = the telemetry default)")
	fs.StringVar(&o.ConfigPath, "config", "", "JSON file with more tenants, apps and users (format: README.md, section Emulator, Config file)")
	fs.Float64Var(&o.CPUScale, "cpu-scale", 1, "multiply measured engine time by this before charging CPU budgets")
	fs.Int64Var(&o.FaultSeed, "fault-seed", 1, "seed of probabilistic faults")
	fs.BoolVar(&o.Verbose, "v", false, "log every request to stderr")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q: hunting-emulator takes flags only (see -h)", fs.Arg(0))
	}
	if _, err := LimitsFor(o.Limits); err != nil {
		return o, fmt.Errorf("-limits: %w", err)
	}
	if o.Days <= 0 {
		return o, fmt.Errorf("-days %d: want a positive number of days", o.Days)
	}
	if o.Devices < 0 || o.CPUScale < 0 {
		return o, errors.New("-devices and -cpu-scale must not be negative")
	}
	return o, nil
}

// Run serves until ctx ends (SIGINT/SIGTERM in the binary), then shuts down gracefully. It prints exactly
// one line to stdout, "hunting-emulator ready <base-url>", once it accepts connections; logs go to stderr.
// build makes the engine (the binary passes demodata.Engine).
func Run(ctx context.Context, o Options, build EngineBuilder, stdout, stderr io.Writer) error {
	level := slog.LevelInfo
	if o.Verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	lim, err := LimitsFor(o.Limits)
	if err != nil {
		return err
	}
	dir := DemoDirectory()
	if o.ConfigPath != "" {
		if dir, err = LoadDirectory(o.ConfigPath); err != nil {
			return err
		}
	}
	if build == nil {
		return errors.New("emulator.Run: no EngineBuilder (the binary passes demodata.Engine)")
	}
	started := time.Now()
	eng, rows, err := build(o, started)
	if err != nil {
		return err
	}
	log.Info("synthetic telemetry ready", "rows", rows, "took", time.Since(started).Round(time.Millisecond))
	srv, err := New(Config{Engine: eng, Limits: lim, Directory: dir, Days: o.Days, CPUScale: o.CPUScale,
		FaultSeed: o.FaultSeed, Logger: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen on -addr %s: %w", o.Addr, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelDebug)}
	scheme := "http"
	if o.TLS {
		host, _, _ := net.SplitHostPort(o.Addr)
		name, _ := os.Hostname() // for clients that reach a non-loopback -addr by the machine's name
		ca, err := serverCA(o.DataDir, log, host, name)
		if err != nil {
			return err
		}
		if o.CAOut != "" {
			if err := os.WriteFile(o.CAOut, ca.CertPEM, 0o644); err != nil { //nolint:gosec // a CA certificate is public
				return fmt.Errorf("write -ca-out: %w", err)
			}
		}
		// HTTP/1.1 only, so that the connection-reset fault can hijack the connection.
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{ca.Server}, MinVersion: tls.VersionTLS12, NextProtos: []string{"http/1.1"}}
		ln = tls.NewListener(ln, hs.TLSConfig)
		scheme = "https"
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "hunting-emulator ready %s://%s\n", scheme, ln.Addr().String())
	log.Info("serving", "limits", lim.Profile, "days", o.Days, "tls", o.TLS)
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// serverCA is the CA kept in dataDir, or a new one for this run only when dataDir is empty.
func serverCA(dataDir string, log *slog.Logger, hosts ...string) (*CA, error) {
	if dataDir == "" {
		return NewCA(hosts...)
	}
	ca, created, err := LoadOrCreateCA(dataDir, time.Now(), hosts...)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dataDir, CACertFile)
	if created {
		log.Info("made a new CA: give clients this file", "caCert", path)
	} else {
		log.Info("reusing the CA of -data-dir", "caCert", path)
	}
	return ca, nil
}
