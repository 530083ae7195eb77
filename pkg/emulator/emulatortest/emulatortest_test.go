package emulatortest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

func TestStartServesGraphWithAppToken(t *testing.T) {
	emu := emulatortest.Start(t)
	tok := emu.AppToken(t, emulator.DemoReaderAppID, "https://graph.microsoft.com/.default")
	req, err := http.NewRequest(http.MethodPost, emu.URL+"/v1.0/security/runHuntingQuery",
		strings.NewReader(`{"Query":"DeviceProcessEvents | take 2"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := emu.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Schema  []struct{ Name, Type string } `json:"schema"`
		Results []map[string]any              `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || len(body.Results) != 2 || body.Schema[0].Name != "Timestamp" || body.Schema[0].Type != "DateTime" {
		t.Fatalf("status %d, schema %v, %d rows; want 200, Timestamp DateTime first, 2 rows", resp.StatusCode, body.Schema, len(body.Results))
	}
}

func TestFakeClockFiresTimersInOrder(t *testing.T) {
	c := emulatortest.NewFakeClock(time.Unix(0, 0))
	fired := make(chan int, 2)
	c.AfterFunc(2*time.Second, func() { fired <- 2 })
	stop := c.AfterFunc(time.Second, func() { fired <- 1 })
	if !stop() {
		t.Fatal("stop of a pending timer reported false")
	}
	c.Advance(time.Second)
	if c.Pending() != 1 {
		t.Fatalf("Pending = %d after the first second, want 1", c.Pending())
	}
	c.Advance(time.Second)
	if got := <-fired; got != 2 {
		t.Fatalf("fired %d, want the 2s timer", got)
	}
	if !c.Now().Equal(time.Unix(2, 0)) {
		t.Fatalf("Now = %v, want 2s after start", c.Now())
	}
}
