package emulator

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseHuntingRequest(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	l2026, l2018 := mustLimitsFor(t, "2026"), mustLimitsFor(t, "2018")
	// The 2018 documentation's example body: raw newlines inside the query string.
	seedBody := "{\n\t\"Query\":\"ProcessCreationEvents\n| where InitiatingProcessFileName =~ \\\"powershell.exe\\\"\n| project EventTime, FileName, InitiatingProcessFileName\n| limit 2\"\n}"
	tests := []struct {
		name     string
		api      apiKind
		limits   Limits
		body     string
		want     string
		wantCode string
	}{
		{"mde", apiMDE, l2026, `{"Query":"T | take 1"}`, "T | take 1", ""},
		{"mde ignores unknown keys", apiMDE, l2026, `{"Query":"T","Other":1}`, "T", ""},
		{"mde is case-sensitive", apiMDE, l2026, `{"query":"T"}`, "", "MissingRequiredParameter"},
		{"xdr raw newline", apiXDR, l2026, seedBody, "", "InvalidRequestBody"},
		{"2018 accepts raw newlines", apiMDE, l2018, seedBody,
			"ProcessCreationEvents\n| where InitiatingProcessFileName =~ \"powershell.exe\"\n| project EventTime, FileName, InitiatingProcessFileName\n| limit 2", ""},
		{"2018 still rejects broken JSON", apiMDE, l2018, `{"Query":`, "", "InvalidRequestBody"},
		{"graph either case", apiGraph, l2026, `{"qUeRy":"T"}`, "T", ""},
		{"graph null timespan", apiGraphBeta, l2026, `{"query":"T","timespan":null}`, "T", ""},
		{"graph query not a string", apiGraph, l2026, `{"Query":["T"]}`, "", "BadRequest"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.body))
			got, aerr := parseHuntingRequest(r, tc.api, tc.limits, now)
			if tc.wantCode != "" {
				if aerr == nil || aerr.Code != tc.wantCode || aerr.Status != http.StatusBadRequest {
					t.Fatalf("got %+v, %v; want 400 %s", got, aerr, tc.wantCode)
				}
				return
			}
			if aerr != nil || got.Query != tc.want {
				t.Fatalf("got %q, %v; want %q", got.Query, aerr, tc.want)
			}
		})
	}
}

func TestParseHuntingRequestRejectsHugeBodies(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"Query":"`+strings.Repeat("x", maxBodyBytes)+`"}`))
	if _, aerr := parseHuntingRequest(r, apiMDE, Limits{Profile: "off"}, time.Now()); aerr == nil || aerr.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("got %v, want 413", aerr)
	}
}

func mustLimitsFor(t *testing.T, p string) Limits {
	t.Helper()
	l, err := LimitsFor(p)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
