package hunting

import (
	"fmt"
	"strings"
	"time"
)

// The error model. Every error the Client returns is one of these types (possibly wrapped), or
// context.Canceled when the caller cancelled, or a configuration error from NewClient. IsDownstream
// classifies all of them in one place. None of them ever carries a token or a secret.

// APIError is an error answer of the API other than 401/403/429/5xx: mostly 400, whose Message is the
// API's own text (the KQL syntax or semantic error, "Missing query.", the result-size limit ...).
type APIError struct {
	Flavor    Flavor
	Status    int
	Code      string // the API's error code, e.g. "BadRequest", "InvalidRequestBody"
	Message   string // the API's message, verbatim
	Target    string // MDE/XDR "target" (a correlation id)
	RequestID string // Graph innerError request-id or the request-id response header
	Query     string // the KQL that was sent
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s API answered %d %s: %s", flavorLabel(e.Flavor), e.Status, orDash(e.Code), orText(e.Message, "(no message)")) +
		requestIDSuffix(e.RequestID, e.Target)
}

// Downstream mirrors the SDK's ErrorSourceFromHTTPStatus: a few statuses mean the plugin built a request
// the API cannot accept (a plugin bug); every other 4xx is caused by the query or the configuration.
func (e *APIError) Downstream() bool {
	switch e.Status {
	case 405, 406, 412, 413, 414, 416, 417, 426, 431, 501:
		return false
	}
	return true
}

// AuthError is a 401 or 403: the token was rejected (401) or lacks the flavor's permission (403).
type AuthError struct {
	Flavor    Flavor
	Status    int
	Code      string
	Message   string // the API's message, verbatim
	RequestID string
	// Permission is the application permission the flavor needs; DelegatedPermission its delegated
	// variant (used when queries run as the signed-in user).
	Permission          string
	DelegatedPermission string
	// Cause is the likely cause and what to do, in one or two sentences.
	Cause string
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("%s API answered %d %s: %s. %s", flavorLabel(e.Flavor), e.Status, orDash(e.Code),
		orText(strings.TrimSuffix(e.Message, "."), "access denied"), e.Cause) + requestIDSuffix(e.RequestID, "")
}

// Downstream is true: the permission is granted (or not) in the customer's tenant, not by the plugin.
func (e *AuthError) Downstream() bool { return true }

// Quota names, as parsed from a 429 answer.
const (
	QuotaCallsPerMinute = "calls per minute"
	QuotaCallsPerHour   = "calls per hour"
	QuotaCPU            = "CPU"
	QuotaUnknown        = "unknown"
)

// QuotaError is a 429: a per-tenant call or CPU quota is exhausted.
type QuotaError struct {
	Flavor Flavor
	// Quota is QuotaCallsPerMinute, QuotaCallsPerHour, QuotaCPU, "calls per <period>" or QuotaUnknown.
	Quota string
	// Limit and Period are parsed from "maximum allowed 45 per 00:01:00"; zero when the message has none.
	// For a CPU quota, Period is its window and CPULimit the query running time allowed in it.
	Limit    int
	Period   time.Duration
	CPULimit time.Duration
	// RetryAfter is the Retry-After header; zero when absent (it is documented for MDE only).
	RetryAfter time.Duration
	Message    string
	RequestID  string
}

func (e *QuotaError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s API quota exceeded", flavorLabel(e.Flavor))
	switch {
	case e.Limit > 0:
		fmt.Fprintf(&b, " (%s: at most %d per %s)", e.Quota, e.Limit, e.Period)
	case e.CPULimit > 0:
		fmt.Fprintf(&b, " (%s: at most %s of query time per %s)", e.Quota, e.CPULimit, e.Period)
	case e.Quota != QuotaUnknown && e.Quota != "":
		fmt.Fprintf(&b, " (%s)", e.Quota)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; retry after %s", e.RetryAfter)
	} else if e.Period > 0 {
		fmt.Fprintf(&b, "; retry within %s", e.Period)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	return b.String()
}

// Downstream is true: the quota is Microsoft's, shared by everything in the tenant.
func (e *QuotaError) Downstream() bool { return true }

// ServerError is a 5xx answer (Status set) or a network failure (Status 0, Err set): the request may
// succeed later.
type ServerError struct {
	Flavor    Flavor
	Status    int
	Code      string
	Message   string
	RequestID string
	Err       error
}

func (e *ServerError) Error() string {
	if e.Status == 0 {
		return fmt.Sprintf("%s API unreachable: %v", flavorLabel(e.Flavor), e.Err)
	}
	msg := fmt.Sprintf("%s API answered %d %s: %s", flavorLabel(e.Flavor), e.Status, orDash(e.Code), orText(e.Message, "(no message)"))
	if e.Status == 504 {
		msg += "; the query probably ran longer than the API allows: narrow the time range or summarize earlier"
	}
	return msg + requestIDSuffix(e.RequestID, "")
}

func (e *ServerError) Unwrap() error { return e.Err }

// Downstream is true: Microsoft's side or the network between failed.
func (e *ServerError) Downstream() bool { return true }

// Which limit a TimeoutError hit.
const (
	// TimeoutClient is the client's per-request timeout (Config.Timeout or the flavor default).
	TimeoutClient = "client per-request timeout"
	// TimeoutCaller is the deadline of the caller's context (Grafana's query timeout, an alert rule's).
	TimeoutCaller = "caller deadline"
	// TimeoutHTTP is the http.Client's own Timeout or a transport timeout.
	TimeoutHTTP = "HTTP client timeout"
)

// TimeoutError says that no complete answer arrived in time and which limit hit.
type TimeoutError struct {
	Flavor  Flavor
	Limit   string        // TimeoutClient, TimeoutCaller or TimeoutHTTP
	Timeout time.Duration // the configured duration, when known
	Err     error
}

func (e *TimeoutError) Error() string {
	d := ""
	if e.Timeout > 0 {
		d = " of " + e.Timeout.String()
	}
	return fmt.Sprintf("%s API query timed out: the %s%s hit before the answer was complete", flavorLabel(e.Flavor), e.Limit, d)
}

func (e *TimeoutError) Unwrap() error { return e.Err }

// Downstream is true: the API did not answer within the time allowed.
func (e *TimeoutError) Downstream() bool { return true }

// DecodeError is a 2xx body the decoder cannot turn into a frame.
type DecodeError struct {
	// Offset is the byte offset in the body where the problem was found.
	Offset int64
	// Row (0-based), Column and Type are set when one value does not match its column's declared type;
	// Row is -1 otherwise.
	Row    int
	Column string
	Type   string
	// Value is a short excerpt of the offending JSON.
	Value string
	Msg   string
}

func (e *DecodeError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("hunting response: row %d, column %q (type %s): %s (value %s)", e.Row, e.Column, e.Type, e.Msg, e.Value)
	}
	return fmt.Sprintf("hunting response: %s (at byte %d)", e.Msg, e.Offset)
}

// Downstream: a malformed body (not JSON, truncated, no schema) is the API's or a proxy's fault; a value
// the decoder cannot map to its declared type is a gap in this decoder, so a plugin error.
func (e *DecodeError) Downstream() bool { return e.Column == "" }

func flavorLabel(f Flavor) string {
	switch f {
	case FlavorXDR:
		return "Defender XDR advanced hunting"
	case FlavorMDE:
		return "Defender for Endpoint advanced hunting"
	case FlavorGraph:
		return "Microsoft Graph runHuntingQuery"
	}
	return "hunting"
}

func orDash(s string) string { return orText(s, "-") }

func orText(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

func requestIDSuffix(requestID, target string) string {
	switch {
	case requestID != "":
		return " (request-id " + requestID + ")"
	case target != "":
		return " (target " + target + ")"
	}
	return ""
}
