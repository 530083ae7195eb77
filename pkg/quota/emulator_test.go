package quota

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/auth"
	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// emulatorClient is the real hunting client signed in to emu as the demo reader app.
func emulatorClient(t testing.TB, emu *emulatortest.Emulator) *hunting.Client {
	t.Helper()
	token := emu.AppToken(t, emulator.DemoReaderAppID, "https://graph.microsoft.com/.default")
	c, err := hunting.NewClient(hunting.Config{
		Flavor: hunting.FlavorGraph, APIBaseURL: emu.URL, HTTPClient: emu.Client(),
		Tokens: auth.TokenSourceFunc(func(context.Context, string) (auth.Token, error) {
			return auth.Token{Value: token, ExpiresOn: time.Now().Add(time.Hour)}, nil
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// On the wall clock, through the real client: the tenant allows 3 calls a minute but the data source
// says 10. The 4th call gets the API's 429; the budget learns the limit from it, and every later request
// gets a clear error (nothing cached) or cached rows, without another 429.
func TestWallClockLearnsTheTenantLimitFromTheEmulator(t *testing.T) {
	emu := emulatortest.Start(t, emulatortest.WithCustomLimits(emulator.Limits{Profile: "test", CallsPerMinute: 3}))
	reg := NewRegistry()
	run := reg.Runner(emulatorClient(t, emu), Config{Tenant: emulator.DemoTenantID, CallsPerMinute: 10})
	defer run.Dispose()
	query := func(n int) (*hunting.Result, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		return run.Run(ctx, hunting.Request{Query: fmt.Sprintf("DeviceProcessEvents | take %d", n+1)})
	}
	for n := range 3 {
		res, err := query(n)
		if err != nil || res.Frame == nil || res.Cache != CacheMiss {
			t.Fatalf("call %d: %+v, %v", n+1, res, err)
		}
	}
	_, err := query(3)
	var be *BudgetError
	var qe *hunting.QuotaError
	if !errors.As(err, &be) || !be.Throttled || !errors.As(err, &qe) || qe.Limit != 3 {
		t.Fatalf("4th call: %v; want a throttled *BudgetError wrapping the API's 429 (limit 3)", err)
	}
	if _, err := query(4); !errors.As(err, &be) {
		t.Fatalf("5th call: %v; want *BudgetError without calling", err)
	}
	if res, err := query(0); err != nil || res.Cache != CacheHit {
		t.Fatalf("repeat of call 1: %+v, %v; want a cache hit", res, err)
	}
	if got := emu.Server.Stats().Tenants[emulator.DemoTenantID]; got.Calls != 4 || got.Throttled != 1 {
		t.Errorf("emulator saw %d calls, %d throttled; want 4 and 1", got.Calls, got.Throttled)
	}
}
