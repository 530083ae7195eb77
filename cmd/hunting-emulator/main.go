// Command hunting-emulator serves a local stand-in for Microsoft's advanced hunting APIs and Entra ID
// sign-in over synthetic Defender telemetry. README.md, section Emulator, documents its flags and routes.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/demodata"
)

func main() {
	opts, err := emulator.ParseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hunting-emulator:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := emulator.Run(ctx, opts, demodata.Engine, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "hunting-emulator:", err)
		os.Exit(1)
	}
}
