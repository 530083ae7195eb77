package hunting

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestErrorFixtures sends every error fixture through the error model with the status it was published
// with, and checks the typed error a caller (and the user) sees.
func TestErrorFixtures(t *testing.T) {
	const query = "DeviceProcessEvents | take 1"
	tests := []struct {
		file   string
		flavor Flavor
		status int
		header http.Header
		check  func(t *testing.T, err error)
	}{
		{"error_graph_500_issue19084_unknownerror.json", FlavorGraph, 500, nil, func(t *testing.T, err error) {
			e := as[*ServerError](t, err)
			eq(t, e.Status, 500)
			eq(t, e.Code, "UnknownError")
			eq(t, e.RequestID, "1033a640-1c97-48f2-a1ad-face30df60a6")
			contains(t, err.Error(), "(no message)", "request-id 1033a640")
		}},
		{"error_graph_504_issue19954_unknownerror.json", FlavorGraph, 504, nil, func(t *testing.T, err error) {
			e := as[*ServerError](t, err)
			eq(t, e.Status, 504)
			eq(t, e.RequestID, "b354c428-504f-4544-8c90-49180d42a882")
			contains(t, err.Error(), "narrow the time range")
		}},
		{"error_mde_400_issue10581_missing-query.json", FlavorMDE, 400, nil, func(t *testing.T, err error) {
			e := as[*APIError](t, err)
			eq(t, e.Code, "InvalidRequestBody")
			eq(t, e.Message, "Missing query.")
			eq(t, e.Target, "|8b7d5947-428b0a9cb9bb1600.")
			eq(t, e.Query, query)
			contains(t, err.Error(), "400", "Missing query.")
		}},
		{"error_mde_429_issue4616_per-hour.json", FlavorMDE, 429, http.Header{"Retry-After": {"120"}}, func(t *testing.T, err error) {
			e := as[*QuotaError](t, err)
			eq(t, e.Quota, QuotaCallsPerHour)
			eq(t, e.Limit, 1500)
			eq(t, e.Period, time.Hour)
			eq(t, e.RetryAfter, 2*time.Minute)
			contains(t, err.Error(), "calls per hour", "1500", "retry after 2m0s")
		}},
		{"error_mde_429_issue4616_per-minute.json", FlavorXDR, 429, nil, func(t *testing.T, err error) {
			e := as[*QuotaError](t, err)
			eq(t, e.Quota, QuotaCallsPerMinute)
			eq(t, e.Limit, 45)
			eq(t, e.Period, time.Minute)
			eq(t, e.RetryAfter, time.Duration(0))
			contains(t, err.Error(), "calls per minute", "retry within 1m0s")
		}},
		{"error_mde_common-errors_invalidrequestbody.json", FlavorMDE, 400, nil, func(t *testing.T, err error) {
			e := as[*APIError](t, err)
			eq(t, e.Message, "Request body is incorrect")
			eq(t, e.Target, "1fa66c0f-18bd-4133-b378-36d76f3a2ba0")
		}},
		{"error_mde_common-errors_resourcenotfound.json", FlavorMDE, 404, http.Header{"Request-Id": {"hdr-id"}}, func(t *testing.T, err error) {
			e := as[*APIError](t, err)
			eq(t, e.Status, 404)
			eq(t, e.Code, "ResourceNotFound")
			eq(t, e.RequestID, "hdr-id")
		}},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(fixturesDir, tt.file))
			if err != nil {
				t.Fatalf("fixture: %v", err)
			}
			h := tt.header
			if h == nil {
				h = http.Header{}
			}
			err = ErrorFromResponse(tt.flavor, query, tt.status, h, strings.NewReader(string(body)))
			tt.check(t, err)
			if !IsDownstream(err) {
				t.Errorf("IsDownstream(%v) = false, want true", err)
			}
		})
	}
	for _, f := range fixtures(t, ".json") {
		if name := filepath.Base(f); fixtureKind(name) == "error" && !covered[name] {
			t.Errorf("error fixture %s has no case in TestErrorFixtures", name)
		}
	}
}

func TestErrorFromResponseAuth(t *testing.T) {
	tests := []struct {
		name          string
		flavor        Flavor
		status        int
		wantPerm      string
		wantDelegated string
		wantInMessage []string
	}{
		{"graph 403", FlavorGraph, 403, "ThreatHunting.Read.All", "ThreatHunting.Read.All", []string{"ThreatHunting.Read.All", "admin consent", "delegated"}},
		{"xdr 403", FlavorXDR, 403, "AdvancedHunting.Read.All", "AdvancedHunting.Read", []string{"AdvancedHunting.Read.All", "AdvancedHunting.Read ", "admin consent"}},
		{"mde 403", FlavorMDE, 403, "AdvancedQuery.Read.All", "AdvancedQuery.Read", []string{"AdvancedQuery.Read.All", "WindowsDefenderATP"}},
		{"mde 401 names the audience", FlavorMDE, 401, "AdvancedQuery.Read.All", "AdvancedQuery.Read", []string{"wrong audience", "https://api.securitycenter.microsoft.com/.default"}},
		{"graph 401", FlavorGraph, 401, "ThreatHunting.Read.All", "ThreatHunting.Read.All", []string{"https://graph.microsoft.com/.default"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"error":{"code":"Forbidden","message":"The application does not have any of the required application permissions.","target":"x"}}`
			err := ErrorFromResponse(tt.flavor, "q", tt.status, http.Header{}, strings.NewReader(body))
			e := as[*AuthError](t, err)
			eq(t, e.Permission, tt.wantPerm)
			eq(t, e.DelegatedPermission, tt.wantDelegated)
			eq(t, e.Message, "The application does not have any of the required application permissions.")
			contains(t, err.Error(), tt.wantInMessage...)
		})
	}
}

func TestErrorFromResponseHostileBodies(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		ctype   string
		body    string
		want    []string
		notWant string
	}{
		{"html from a proxy", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1>\n\n<p>nginx</p></body></html>", []string{"text/html", "proxy", "502 Bad Gateway"}, "\n"},
		{"empty", 503, "", "", []string{"empty error body"}, ""},
		{"invalid json", 400, "application/json", `{"error": {"code": "x", `, []string{"unexpected error body"}, ""},
		{"huge body is cut", 400, "text/plain", strings.Repeat("A", 10<<20), []string{"…"}, strings.Repeat("A", 300)},
		{"json without error object", 400, "application/json", `{"foo": 1}`, []string{"unexpected error body", `{"foo": 1}`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ErrorFromResponse(FlavorGraph, "q", tt.status, http.Header{"Content-Type": {tt.ctype}}, strings.NewReader(tt.body))
			if err == nil {
				t.Fatal("nil error")
			}
			contains(t, err.Error(), tt.want...)
			if tt.notWant != "" && strings.Contains(err.Error(), tt.notWant) {
				t.Errorf("error %q should not contain %q", excerpt([]byte(err.Error()), 80), excerpt([]byte(tt.notWant), 20))
			}
			if len(err.Error()) > 1000 {
				t.Errorf("error message is %d bytes long", len(err.Error()))
			}
		})
	}
}

func TestQuotaParsing(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		msg        string
		retryAfter string
		wantQuota  string
		wantLimit  int
		wantPeriod time.Duration
		wantRetry  time.Duration
		wantCPU    time.Duration
	}{
		{"seed-era 15 per minute", "API calls quota exceeded! maximum allowed 15 per 00:01:00", "", QuotaCallsPerMinute, 15, time.Minute, 0, 0},
		{"per day", "API calls quota exceeded! maximum allowed 10000 per 1.00:00:00", "", "calls per 24h0m0s", 10000, 24 * time.Hour, 0, 0},
		{"cpu", "Query exceeded the allowed CPU resources quota", "30", QuotaCPU, 0, 0, 30 * time.Second, 0},
		{"cpu with window", "CPU resources quota exceeded! maximum allowed 00:10:00 of query running time per 01:00:00; quota renews in 00:04:10", "", QuotaCPU, 0, time.Hour, 0, 10 * time.Minute},
		{"unknown text", "Too many requests", "", QuotaUnknown, 0, 0, 0, 0},
		{"retry-after http date", "maximum allowed 45 per 00:01:00", now.Add(90 * time.Second).Format(http.TimeFormat), QuotaCallsPerMinute, 45, time.Minute, 90 * time.Second, 0},
		{"retry-after garbage", "maximum allowed 45 per 00:01:00", "soon", QuotaCallsPerMinute, 45, time.Minute, 0, 0},
		{"retry-after negative", "", "-5", QuotaUnknown, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.retryAfter != "" {
				h.Set("Retry-After", tt.retryAfter)
			}
			q := newQuotaError(FlavorMDE, h, parsedError{message: tt.msg}, now)
			eq(t, q.Quota, tt.wantQuota)
			eq(t, q.Limit, tt.wantLimit)
			eq(t, q.Period, tt.wantPeriod)
			eq(t, q.RetryAfter, tt.wantRetry)
			eq(t, q.CPULimit, tt.wantCPU)
		})
	}
}

func TestIsDownstream(t *testing.T) {
	tests := []struct {
		name string
		in   error
		want bool
	}{
		{"nil", nil, false},
		{"400 KQL error", &APIError{Status: 400}, true},
		{"404", &APIError{Status: 404}, true},
		{"405 means the plugin built a bad request", &APIError{Status: 405}, false},
		{"413 wrapped", fmt.Errorf("run: %w", &APIError{Status: 413}), false},
		{"403", &AuthError{Status: 403}, true},
		{"429", &QuotaError{}, true},
		{"5xx", &ServerError{Status: 502}, true},
		{"network", &ServerError{Err: errors.New("connection refused")}, true},
		{"timeout", &TimeoutError{Limit: TimeoutClient}, true},
		{"malformed body", &DecodeError{Row: -1, Msg: "truncated"}, true},
		{"value the decoder cannot map", &DecodeError{Row: 3, Column: "X", Type: "Int64"}, false},
		{"cancelled", fmt.Errorf("x: %w", context.Canceled), true},
		{"foreign error with Downstream()", fmt.Errorf("token: %w", fakeDownstream(true)), true},
		{"config error", errors.New("hunting: Config.Tokens is nil"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsDownstream(tt.in); got != tt.want {
				t.Errorf("IsDownstream(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

type fakeDownstream bool

func (f fakeDownstream) Error() string    { return "fake" }
func (f fakeDownstream) Downstream() bool { return bool(f) }

func as[T error](t *testing.T, err error) T {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Fatalf("error %T (%v) is not a %T", err, err, target)
	}
	return target
}

func eq[T comparable](t *testing.T, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("got %v, want %v", got, want)
	}
}

func contains(t *testing.T, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("%q does not contain %q", excerpt([]byte(s), 400), p)
		}
	}
}
