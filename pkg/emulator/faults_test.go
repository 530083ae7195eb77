package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

const graphRun = "/v1.0/security/runHuntingQuery"

func addFault(t *testing.T, emu *emulatortest.Emulator, body string) {
	t.Helper()
	if status, _, b := emu.Call(t, "POST", "/_emulator/faults", "", body); status != 200 {
		t.Fatalf("POST /_emulator/faults %s: %d %s", body, status, b)
	}
}

func TestStatusAndThrottleFaults(t *testing.T) {
	tests := []struct {
		name, fault string
		wantStatus  int
		wantCode    string
	}{
		{"503", `{"kind":"status","status":503,"count":1}`, 503, "UnknownError"},
		{"500", `{"kind":"status","status":500,"count":1,"api":"graph"}`, 500, "UnknownError"},
		{"504", `{"kind":"status","status":504,"count":1,"tenant":"` + emulator.DemoTenantID + `"}`, 504, "UnknownError"},
		{"429 without Retry-After", `{"kind":"throttle","count":1}`, 429, "TooManyRequests"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			emu := emulatortest.Start(t)
			tok := emu.AppToken(t, emulator.DemoReaderAppID, graphScope)
			addFault(t, emu, tc.fault)
			status, hdr, b := emu.Call(t, "POST", graphRun, tok, `{"Query":"DeviceProcessEvents | take 1"}`)
			e := decodeError(t, b)
			if status != tc.wantStatus || hdr.Get("Retry-After") != "" || e.Error.InnerError["request-id"] == "" {
				t.Fatalf("%d %s (Retry-After %q), want %d with a Graph envelope and no Retry-After", status, b, hdr.Get("Retry-After"), tc.wantStatus)
			}
			if e.Error.Code != tc.wantCode {
				t.Errorf("code %q, want %q", e.Error.Code, tc.wantCode)
			}
			if status, _, b := emu.Call(t, "POST", graphRun, tok, `{"Query":"DeviceProcessEvents | take 1"}`); status != 200 {
				t.Fatalf("the fault was for one call, the next got %d %s", status, b)
			}
		})
	}
}

func TestFaultsMatchAPIAndTenant(t *testing.T) {
	emu := emulatortest.Start(t)
	addFault(t, emu, `{"faults":[{"kind":"status","status":503,"count":1,"api":"mde"},{"kind":"status","status":500,"count":1,"tenant":"another-tenant"}]}`)
	graph := emu.AppToken(t, emulator.DemoReaderAppID, graphScope)
	if status, _, b := emu.Call(t, "POST", graphRun, graph, `{"Query":"DeviceProcessEvents | take 1"}`); status != 200 {
		t.Fatalf("a Graph call hit an MDE or other-tenant fault: %d %s", status, b)
	}
	mde := emu.AppToken(t, emulator.DemoReaderAppID, mdeScope)
	if status, _, _ := emu.Call(t, "POST", mdeRun, mde, `{"Query":"DeviceProcessEvents | take 1"}`); status != 503 {
		t.Fatalf("MDE call got %d, want the scheduled 503", status)
	}
	_, _, b := emu.Call(t, "GET", "/_emulator/faults", "", "")
	var list struct{ Faults []emulator.Fault }
	if err := json.Unmarshal(b, &list); err != nil || len(list.Faults) != 1 || list.Faults[0].Tenant != "another-tenant" {
		t.Fatalf("remaining faults %s, want only the other tenant's", b)
	}
	if status, _, b := emu.Call(t, "DELETE", "/_emulator/faults", "", ""); status != 200 || !strings.Contains(string(b), `"faults":[]`) {
		t.Fatalf("DELETE faults: %d %s", status, b)
	}
}

func TestProbabilisticFaultsRepeatAfterReset(t *testing.T) {
	emu := emulatortest.Start(t, emulatortest.WithConfig(func(c *emulator.Config) { c.FaultSeed = 7 }))
	tok := emu.AppToken(t, emulator.DemoReaderAppID, graphScope)
	run := func() string {
		addFault(t, emu, `{"kind":"status","status":503,"probability":0.5}`)
		var pattern strings.Builder
		for i := 0; i < 20; i++ {
			status, _, _ := emu.Call(t, "POST", graphRun, tok, `{"Query":"DeviceProcessEvents | take 1"}`)
			pattern.WriteString(map[int]string{200: ".", 503: "x"}[status])
		}
		return pattern.String()
	}
	first := run()
	if !strings.Contains(first, "x") || !strings.Contains(first, ".") || len(first) != 20 {
		t.Fatalf("pattern %q, want a mix of 200 (.) and 503 (x)", first)
	}
	if status, _, _ := emu.Call(t, "POST", "/_emulator/reset", "", ""); status != 200 {
		t.Fatal("reset failed")
	}
	if second := run(); second != first {
		t.Fatalf("after reset the pattern %q differs from %q: faults are not reproducible", second, first)
	}
}

func TestDelayFaultWaitsOnTheClock(t *testing.T) {
	clock := emulatortest.NewFakeClock(start)
	emu := emulatortest.Start(t, emulatortest.WithClock(clock))
	tok := emu.AppToken(t, emulator.DemoReaderAppID, xdrScope)
	addFault(t, emu, `{"kind":"delay","delay":"30s","count":1}`)
	got := make(chan int, 1)
	go func() {
		status, _, _ := emu.Call(t, "POST", "/api/advancedhunting/run", tok, `{"Query":"DeviceProcessEvents | take 1"}`)
		got <- status
	}()
	waitPending(t, clock)
	select {
	case s := <-got:
		t.Fatalf("answered %d before the delay passed", s)
	case <-time.After(50 * time.Millisecond):
	}
	clock.Advance(30 * time.Second)
	select {
	case s := <-got:
		if s != 200 {
			t.Fatalf("after the delay: %d, want 200", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no answer after the delay passed")
	}
}

func TestBrokenBodyFaults(t *testing.T) {
	tests := []struct {
		name, kind string
		check      func(t *testing.T, resp *http.Response, body []byte, readErr error)
	}{
		{"reset", "reset", nil},
		{"truncate", "truncate", func(t *testing.T, resp *http.Response, body []byte, readErr error) {
			if readErr == nil || resp.StatusCode != 200 {
				t.Fatalf("status %d, read error %v; want 200 and a body that ends early", resp.StatusCode, readErr)
			}
		}},
		{"invalid-json", "invalid-json", func(t *testing.T, resp *http.Response, body []byte, readErr error) {
			if readErr != nil || resp.StatusCode != 200 || json.Valid(body) || !bytes.HasPrefix(body, []byte(`{"Schema":`)) {
				t.Fatalf("status %d, err %v, body %s; want 200 with a body that starts right and is not JSON", resp.StatusCode, readErr, body)
			}
		}},
		{"mismatch", "mismatch", func(t *testing.T, resp *http.Response, body []byte, readErr error) {
			var b struct {
				Schema  []struct{ Name string }
				Results []map[string]any
			}
			if err := json.Unmarshal(body, &b); err != nil || resp.StatusCode != 200 {
				t.Fatalf("status %d, %v", resp.StatusCode, err)
			}
			if len(b.Schema) != 12 || len(b.Results) != 1 || len(b.Results[0]) != 13 {
				t.Fatalf("schema has %d columns and the row %d, want 12 and 13", len(b.Schema), len(b.Results[0]))
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			emu := emulatortest.Start(t)
			tok := emu.AppToken(t, emulator.DemoReaderAppID, mdeScope)
			addFault(t, emu, `{"kind":"`+tc.kind+`","count":1}`)
			req, err := http.NewRequestWithContext(context.Background(), "POST", emu.URL+mdeRun, strings.NewReader(`{"Query":"DeviceProcessEvents | take 1"}`))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := emu.Client().Do(req)
			if tc.check == nil {
				if err == nil {
					resp.Body.Close()
					t.Fatalf("got an answer (%d), want the connection reset", resp.StatusCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			body, readErr := io.ReadAll(resp.Body)
			resp.Body.Close()
			tc.check(t, resp, body, readErr)
		})
	}
}

func TestFaultValidation(t *testing.T) {
	emu := emulatortest.Start(t)
	tests := []struct{ name, body, want string }{
		{"unknown kind", `{"kind":"explode","count":1}`, "unknown fault kind"},
		{"status without code", `{"kind":"status","count":1}`, "needs status 500, 503 or 504"},
		{"delay without duration", `{"kind":"delay","count":1}`, "positive Go duration"},
		{"never fires", `{"kind":"reset"}`, "needs count"},
		{"bad api", `{"kind":"reset","count":1,"api":"sentinel"}`, "fault api"},
		{"not JSON", `{`, "fault object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, b := emu.Call(t, "POST", "/_emulator/faults", "", tc.body)
			if status != 400 || !strings.Contains(string(b), tc.want) {
				t.Fatalf("%d %s, want 400 mentioning %q", status, b, tc.want)
			}
		})
	}
}
