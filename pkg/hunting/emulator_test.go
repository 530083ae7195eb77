package hunting_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/quarry-defender/quarry/pkg/auth"
	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// Integration tests: the real client against the in-process emulator (HTTPS on loopback, real sign-in,
// real audience and permission checks) for all three flavors.

// appTokens signs in as app with client credentials against the emulator, for whatever scope the client
// asks: what MSAL would do, without MSAL.
func appTokens(t *testing.T, e *emulatortest.Emulator, app string) auth.TokenSource {
	return auth.TokenSourceFunc(func(ctx context.Context, scope string) (auth.Token, error) {
		return auth.Token{Value: e.AppToken(t, app, scope), ExpiresOn: time.Now().Add(time.Hour)}, nil
	})
}

func newClient(t *testing.T, e *emulatortest.Emulator, flavor hunting.Flavor, tokens auth.TokenSource, scope string) *hunting.Client {
	t.Helper()
	c, err := hunting.NewClient(hunting.Config{Flavor: flavor, APIBaseURL: e.URL, Scope: scope, HTTPClient: e.Client(), Tokens: tokens, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var flavors = []hunting.Flavor{hunting.FlavorGraph, hunting.FlavorXDR, hunting.FlavorMDE}

func TestEmulatorAllFlavors(t *testing.T) {
	e := emulatortest.Start(t)
	for _, flavor := range flavors {
		t.Run(string(flavor), func(t *testing.T) {
			c := newClient(t, e, flavor, appTokens(t, e, emulator.DemoReaderAppID), "")
			res, err := c.Run(context.Background(), hunting.Request{Query: "DeviceProcessEvents"})
			if err != nil {
				t.Fatal(err)
			}
			f := res.Frame
			if f.Rows() != 6 {
				t.Fatalf("rows = %d, want the catalog's 6", f.Rows())
			}
			wantTypes := map[string]data.FieldType{
				"Timestamp": data.FieldTypeNullableTime, "DeviceId": data.FieldTypeNullableString,
				"ProcessId": data.FieldTypeNullableInt64, "ProcessIntegrityLevel": data.FieldTypeNullableInt32,
				"IsElevated": data.FieldTypeNullableBool, "Score": data.FieldTypeNullableFloat64,
				"ProcessAge": data.FieldTypeNullableFloat64, "ReportId": data.FieldTypeNullableString,
				"AdditionalFields": data.FieldTypeNullableJSON,
			}
			for name, want := range wantTypes {
				field, i := f.FieldByName(name)
				if i < 0 {
					t.Errorf("no field %s", name)
					continue
				}
				if field.Type() != want {
					t.Errorf("%s: type %s, want %s", name, field.Type(), want)
				}
			}
			checkRow(t, f, 1, map[string]any{
				"ProcessId": int64(4001), "ProcessIntegrityLevel": int32(1), "IsElevated": true, "Score": 1.25,
				"ProcessAge": 25*3600 + 1.5, "FileName": "cmd.exe",
				"ProcessCommandLine": `"cmd.exe" /c echo "C:\Users\ada\AppData"` + "\t" + `é✓`,
			})
			checkRow(t, f, 5, map[string]any{"ProcessId": nil, "Score": nil, "AdditionalFields": nil})
			ts, _ := f.FieldByName("Timestamp")
			if v, ok := ts.ConcreteAt(0); !ok || time.Since(v.(time.Time)) > 2*time.Hour || v.(time.Time).Location() != time.UTC {
				t.Errorf("Timestamp[0] = %v, want about an hour ago, UTC", v)
			}
			extra, _ := f.FieldByName("AdditionalFields")
			if v, ok := extra.ConcreteAt(0); ok {
				var m map[string]any
				if err := json.Unmarshal(v.(json.RawMessage), &m); err != nil || m["Tags"] == nil {
					t.Errorf("AdditionalFields[0] = %s", v)
				}
			} else {
				t.Error("AdditionalFields[0] is null")
			}
		})
	}
}

func checkRow(t *testing.T, f *data.Frame, row int, want map[string]any) {
	t.Helper()
	for name, w := range want {
		field, i := f.FieldByName(name)
		if i < 0 {
			t.Errorf("no field %s", name)
			continue
		}
		got, ok := field.ConcreteAt(row)
		switch {
		case w == nil && ok:
			t.Errorf("%s[%d] = %v, want null", name, row, got)
		case w != nil && (!ok || got != w):
			t.Errorf("%s[%d] = %#v (non-null %v), want %#v", name, row, got, ok, w)
		}
	}
}

// Graph sends the range as Timespan and the emulator filters by it: three of the six hourly rows fall in
// the last three and a half hours.
func TestEmulatorGraphTimespan(t *testing.T) {
	e := emulatortest.Start(t)
	c := newClient(t, e, hunting.FlavorGraph, appTokens(t, e, emulator.DemoReaderAppID), "")
	now := time.Now()
	res, err := c.Run(context.Background(), hunting.Request{Query: "DeviceProcessEvents", From: now.Add(-210 * time.Minute), To: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Frame.Rows() != 3 {
		t.Fatalf("rows = %d, want 3", res.Frame.Rows())
	}
}

func TestEmulatorErrors(t *testing.T) {
	e := emulatortest.Start(t)
	reader := appTokens(t, e, emulator.DemoReaderAppID)
	tests := []struct {
		name   string
		flavor hunting.Flavor
		tokens auth.TokenSource
		scope  string
		query  string
		check  func(t *testing.T, err error)
	}{
		{"KQL error is a 400 with the API's message and the query", hunting.FlavorMDE, reader, "", "DeviceProcessEvents | wher x", func(t *testing.T, err error) {
			var e *hunting.APIError
			if !errors.As(err, &e) || e.Status != 400 || e.Message == "" || e.Query != "DeviceProcessEvents | wher x" {
				t.Fatalf("err = %#v", err)
			}
		}},
		{"unknown table", hunting.FlavorGraph, reader, "", "NoSuchTable", func(t *testing.T, err error) {
			var e *hunting.APIError
			if !errors.As(err, &e) || !strings.Contains(e.Message, "NoSuchTable") {
				t.Fatalf("err = %v", err)
			}
		}},
		{"app without permission gets a 403 naming it", hunting.FlavorXDR, appTokens(t, e, emulator.DemoNoPermAppID), "", "DeviceProcessEvents", func(t *testing.T, err error) {
			var e *hunting.AuthError
			if !errors.As(err, &e) || e.Status != 403 || !strings.Contains(err.Error(), "AdvancedHunting.Read.All") {
				t.Fatalf("err = %v", err)
			}
		}},
		{"token for another API is a 401", hunting.FlavorMDE, reader, "https://graph.microsoft.com/.default", "DeviceProcessEvents", func(t *testing.T, err error) {
			var e *hunting.AuthError
			if !errors.As(err, &e) || e.Status != 401 {
				t.Fatalf("err = %v", err)
			}
			for _, want := range []string{"requested for https://graph.microsoft.com/.default", "expects https://api.securitycenter.microsoft.com/.default"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%q does not say %q", err, want)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, e, tt.flavor, tt.tokens, tt.scope)
			_, err := c.Run(context.Background(), hunting.Request{Query: tt.query})
			if err == nil {
				t.Fatal("no error")
			}
			tt.check(t, err)
			if !hunting.IsDownstream(err) {
				t.Errorf("IsDownstream(%v) = false", err)
			}
		})
	}
}

// With the seed document's limits (15 calls a minute), the 16th call is a 429 that says so.
func TestEmulatorQuota(t *testing.T) {
	e := emulatortest.Start(t, emulatortest.WithLimits("2018"))
	c := newClient(t, e, hunting.FlavorMDE, appTokens(t, e, emulator.DemoReaderAppID), "")
	var err error
	for i := 0; i < 40 && err == nil; i++ {
		_, err = c.Run(context.Background(), hunting.Request{Query: "DeviceProcessEvents | take 1"})
	}
	var q *hunting.QuotaError
	if !errors.As(err, &q) {
		t.Fatalf("err = %v, want a *QuotaError", err)
	}
	if q.Quota != hunting.QuotaCallsPerMinute || q.Limit != 15 {
		t.Errorf("quota %q limit %d, want calls per minute, 15 (%v)", q.Quota, q.Limit, err)
	}
}
