package hunting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxErrorBody bounds how much of an error answer is read: real error bodies are a few hundred bytes,
// and a proxy's HTML page or a hostile server must not make the plugin buffer megabytes.
const maxErrorBody = 64 << 10

// errorBody is the error shape of all three APIs: MDE/XDR {"error":{"code","message","target"}},
// Graph {"error":{"code","message","innerError":{"request-id",...}}}.
type errorBody struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		Target     string `json:"target"`
		InnerError struct {
			RequestID       string `json:"request-id"`
			ClientRequestID string `json:"client-request-id"`
		} `json:"innerError"`
	} `json:"error"`
}

// parsedError is what could be read from any error answer.
type parsedError struct {
	code, message, target, requestID string
}

// ErrorFromResponse builds the typed error for a non-2xx answer with the given status, headers and body
// (at most maxErrorBody bytes are read). query is the KQL that was sent, kept on 400-class errors.
// It is exported so that tests and the emulator's clients classify answers exactly as the Client does.
func ErrorFromResponse(flavor Flavor, query string, status int, header http.Header, body io.Reader) error {
	return errorFromResponse(flavor, defaultScope(flavor), query, "", status, header, body)
}

// errorFromResponse is ErrorFromResponse for a client that requested tokens for scope and sent token:
// a proxy or a debugging endpoint may echo the request, and the token must never reach an error text.
func errorFromResponse(flavor Flavor, scope, query, token string, status int, header http.Header, body io.Reader) error {
	p := parseErrorBody(header, body, token)
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return newAuthError(flavor, scope, status, p)
	case status == http.StatusTooManyRequests:
		return newQuotaError(flavor, header, p, time.Now())
	case status >= 500:
		return &ServerError{Flavor: flavor, Status: status, Code: p.code, Message: p.message, RequestID: p.requestID}
	}
	return &APIError{Flavor: flavor, Status: status, Code: p.code, Message: p.message, Target: p.target, RequestID: p.requestID, Query: query}
}

func parseErrorBody(header http.Header, body io.Reader, token string) parsedError {
	raw, readErr := io.ReadAll(io.LimitReader(body, maxErrorBody+1))
	truncated := len(raw) > maxErrorBody
	if truncated {
		raw = raw[:maxErrorBody]
	}
	if token != "" {
		raw = bytes.ReplaceAll(raw, []byte(token), []byte("[redacted]"))
	}
	p := parsedError{requestID: firstHeader(header, "request-id", "x-ms-request-id", "client-request-id")}
	var eb errorBody
	if !truncated && json.Unmarshal(raw, &eb) == nil && (eb.Error.Code != "" || eb.Error.Message != "") {
		p.code, p.message, p.target = eb.Error.Code, eb.Error.Message, eb.Error.Target
		if p.requestID == "" {
			p.requestID = eb.Error.InnerError.RequestID
		}
		return p
	}
	// Not the documented shape: a gateway's HTML page, plain text, or garbage. Say so, with a short,
	// printable excerpt so the user can recognise a proxy without the page flooding the panel.
	ct := header.Get("Content-Type")
	switch {
	case readErr != nil:
		p.message = fmt.Sprintf("error body could not be read: %v", readErr)
	case len(bytes.TrimSpace(raw)) == 0:
		p.message = "empty error body"
	default:
		p.message = fmt.Sprintf("unexpected error body (Content-Type %q, not the API's JSON error; a proxy or gateway may have answered): %s",
			ct, excerpt(raw, 200))
	}
	return p
}

func newAuthError(flavor Flavor, scope string, status int, p parsedError) *AuthError {
	app, delegated := Permissions(flavor)
	var cause string
	if status == http.StatusUnauthorized {
		cause = fmt.Sprintf("The token was rejected: most likely a wrong audience (it was requested for %s; the %s API "+
			"expects %s in the global cloud, its own host's resource in government clouds), a token from another "+
			"cloud or tenant, or an expired one; check the cloud, tenant and API settings", scope, flavor, defaultScope(flavor))
	} else {
		cause = fmt.Sprintf("The identity lacks the permission: grant the application permission %s (the data source's own app) "+
			"or the delegated permission %s (queries as the signed-in user) on the %s API, then grant admin consent; "+
			"an application permission added as delegated (or the reverse) does not count", app, delegated, flavorAPIName(flavor))
	}
	return &AuthError{Flavor: flavor, Status: status, Code: p.code, Message: p.message, RequestID: p.requestID,
		Permission: app, DelegatedPermission: delegated, Cause: cause}
}

// quotaPattern matches the documented 429 text "API calls quota exceeded! maximum allowed 45 per 00:01:00";
// cpuPattern a CPU quota text of the same style ("maximum allowed 00:10:00 of query running time per
// 01:00:00"). This is the one place the package reads message text: the limit exists nowhere else.
var (
	quotaPattern = regexp.MustCompile(`(?i)maximum allowed\s+(\d+)\s+per\s+((?:\d+\.)?\d{1,2}:\d{2}:\d{2})`)
	cpuPattern   = regexp.MustCompile(`(?i)maximum allowed\s+((?:\d+\.)?\d{1,2}:\d{2}:\d{2})\b.*?\bper\s+((?:\d+\.)?\d{1,2}:\d{2}:\d{2})`)
)

func newQuotaError(flavor Flavor, header http.Header, p parsedError, now time.Time) *QuotaError {
	q := &QuotaError{Flavor: flavor, Quota: QuotaUnknown, Message: p.message, RequestID: p.requestID,
		RetryAfter: parseRetryAfter(header.Get("Retry-After"), now)}
	if m := quotaPattern.FindStringSubmatch(p.message); m != nil {
		q.Limit, _ = strconv.Atoi(m[1])
		q.Period = clockDuration(m[2])
		switch q.Period {
		case time.Minute:
			q.Quota = QuotaCallsPerMinute
		case time.Hour:
			q.Quota = QuotaCallsPerHour
		default:
			q.Quota = "calls per " + q.Period.String()
		}
		return q
	}
	if strings.Contains(strings.ToLower(p.message), "cpu") {
		q.Quota = QuotaCPU
		if m := cpuPattern.FindStringSubmatch(p.message); m != nil {
			q.CPULimit, q.Period = clockDuration(m[1]), clockDuration(m[2])
		}
	}
	return q
}

// clockDuration reads "[d.]hh:mm:ss" as the APIs write quota windows.
func clockDuration(s string) time.Duration {
	secs, _ := parseTimeSpan([]byte(s))
	return time.Duration(secs * float64(time.Second))
}

// parseRetryAfter reads delay-seconds or an HTTP date; anything else (or a past date) is 0 = unknown.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}

func firstHeader(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}

// excerpt returns at most n runes of b as one printable line.
func excerpt(b []byte, n int) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n]) + "…"
	}
	return s
}

func defaultScope(f Flavor) string {
	ep, _ := ResolveEndpoint(f, CloudGlobal, "")
	return ep.Scope
}

func flavorAPIName(f Flavor) string {
	switch f {
	case FlavorXDR:
		return "Microsoft Threat Protection (Defender XDR)"
	case FlavorMDE:
		return "WindowsDefenderATP (Defender for Endpoint)"
	}
	return "Microsoft Graph"
}
