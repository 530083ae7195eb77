package quota

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// recordingLogger keeps every debug line as text.
type recordingLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *recordingLogger) Debug(msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(append([]any{msg}, args...)...))
}

func TestLogsNameDecisionsButNeverUsersOrQueries(t *testing.T) {
	logs := &recordingLogger{}
	clk := newFakeClock(t0)
	reg := NewRegistry(WithClock(clk), WithLogger(logs), WithRegisterer(prometheus.NewRegistry()))
	api := &fakeAPI{clock: clk, script: throttleFirst(1, &hunting.QuotaError{Quota: hunting.QuotaCallsPerMinute, RetryAfter: time.Hour})}
	run := reg.Runner(api, Config{Tenant: "tenant-a", CallsPerMinute: 1})
	defer run.Dispose()
	secret := hunting.Request{Query: `DeviceLogonEvents | where AccountName == "s3cret-admin"`, Identity: "ceo@contoso.example"}
	for range 3 {
		_, _ = run.Run(fakeDeadline{Context: t.Context(), at: clk.Now().Add(30 * time.Second)}, secret)
	}
	logs.mu.Lock()
	defer logs.mu.Unlock()
	all := strings.Join(logs.lines, "\n")
	for _, want := range []string{"quota: cache miss, calling", "quota: throttled by the API", "quota: budget cannot free up"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q decision in the logs:\n%s", want, all)
		}
	}
	for _, never := range []string{"s3cret-admin", "ceo@contoso.example", "DeviceLogonEvents"} {
		if strings.Contains(all, never) {
			t.Errorf("logs contain %q:\n%s", never, all)
		}
	}
}
