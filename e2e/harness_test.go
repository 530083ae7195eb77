package e2e

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
)

// buildBinaries compiles the plugin and the emulator into dir with the module's normal build flags, so
// the compiled packages come from the build cache that the unit tests already filled. One go build
// links both at once.
func buildBinaries(ctx context.Context, dir string) (plugin, emu string, err error) {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", dir+string(filepath.Separator),
		"github.com/quarry-defender/quarry/pkg", "github.com/quarry-defender/quarry/cmd/hunting-emulator")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	// go build names a main package after its folder: pkg -> gpx_quarry, as Grafana expects.
	plugin, emu = filepath.Join(dir, "gpx_quarry"), filepath.Join(dir, "hunting-emulator")
	if err := os.Rename(filepath.Join(dir, "pkg"), plugin); err != nil {
		return "", "", err
	}
	return plugin, emu, nil
}

// emulatorProc is a running hunting-emulator binary.
type emulatorProc struct {
	URL   string
	CAPEM string
	cmd   *exec.Cmd
}

// startEmulator starts the binary on a free loopback port with HTTPS and waits for its ready line. Limits
// are off (the tests make more calls a minute than a tenant may) and the data set is small (30 devices,
// 7 days: under a second to generate instead of about ten), which is plenty for every query here.
func startEmulator(bin, dir string, timeout time.Duration) (*emulatorProc, error) {
	caPath := filepath.Join(dir, "ca.pem")
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-tls", "-ca-out", caPath, "-limits", "off", "-devices", "30", "-days", "7")
	dieWithParent(cmd)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	p := &emulatorProc{cmd: cmd}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "hunting-emulator ready "); ok {
				ready <- strings.TrimSpace(u)
				break
			}
		}
		_, _ = io.Copy(io.Discard, out) // keep the pipe drained
	}()
	select {
	case p.URL = <-ready:
	case <-time.After(timeout):
		p.stop()
		return nil, fmt.Errorf("emulator printed no ready line within %s", timeout)
	}
	ca, err := os.ReadFile(caPath)
	if err != nil {
		p.stop()
		return nil, fmt.Errorf("read the emulator's CA: %w", err)
	}
	p.CAPEM = string(ca)
	return p, nil
}

func (p *emulatorProc) stop() {
	if p.cmd.Process != nil {
		_ = p.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = p.cmd.Process.Kill()
			<-done
		}
	}
}

// pluginProc is the plugin executable started the way Grafana starts it.
type pluginProc struct {
	client      *goplugin.Client
	data        grpcplugin.DataClient
	diagnostics grpcplugin.DiagnosticsClient
	resource    grpcplugin.ResourceClient
}

// startPlugin launches bin with hashicorp/go-plugin: Grafana's handshake (protocol version 2, its magic
// cookie) and plugin set, gRPC only. env is added to the process environment.
func startPlugin(bin string, env ...string) (*pluginProc, error) {
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), env...)
	dieWithParent(cmd)
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig: goplugin.HandshakeConfig{ProtocolVersion: grpcplugin.ProtocolVersion,
			MagicCookieKey: grpcplugin.MagicCookieKey, MagicCookieValue: grpcplugin.MagicCookieValue},
		VersionedPlugins: map[int]goplugin.PluginSet{grpcplugin.ProtocolVersion: {
			"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
			"resource":    &grpcplugin.ResourceGRPCPlugin{},
			"data":        &grpcplugin.DataGRPCPlugin{},
			"stream":      &grpcplugin.StreamGRPCPlugin{},
		}},
		Cmd:              cmd,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger:           hclog.New(&hclog.LoggerOptions{Level: hclog.Warn, Output: os.Stderr}),
		StartTimeout:     30 * time.Second,
	})
	rpc, err := client.Client()
	if err != nil {
		client.Kill()
		return nil, fmt.Errorf("start plugin: %w", err)
	}
	p := &pluginProc{client: client}
	var errs [3]error
	p.data, errs[0] = dispense[grpcplugin.DataClient](rpc, "data")
	p.diagnostics, errs[1] = dispense[grpcplugin.DiagnosticsClient](rpc, "diagnostics")
	p.resource, errs[2] = dispense[grpcplugin.ResourceClient](rpc, "resource")
	if err := errors.Join(errs[:]...); err != nil {
		client.Kill()
		return nil, err
	}
	return p, nil
}

func dispense[T any](rpc goplugin.ClientProtocol, name string) (T, error) {
	raw, err := rpc.Dispense(name)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("dispense %s: %w", name, err)
	}
	return raw.(T), nil
}

func (p *pluginProc) stop() { p.client.Kill() }
