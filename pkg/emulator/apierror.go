package emulator

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// apiKind is one of the hunting endpoints; family groups them by API for permissions, faults and stats.
type apiKind int

const (
	apiGraph apiKind = iota
	apiGraphBeta
	apiXDR
	apiMDE
	apiMDEGet
)

// The API families as faults, stats and docs name them.
const (
	familyGraph = "graph"
	familyXDR   = "xdr"
	familyMDE   = "mde"
)

func (a apiKind) family() string {
	switch a {
	case apiGraph, apiGraphBeta:
		return familyGraph
	case apiXDR:
		return familyXDR
	default:
		return familyMDE
	}
}

func (a apiKind) isGraph() bool { return a.family() == familyGraph }

// apiError is an answer other than 200, in the envelope of the API that gives it.
type apiError struct {
	Status  int
	Code    string
	Message string
	// RetryAfter, when positive, is sent as Retry-After seconds.
	RetryAfter time.Duration
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// newUUID returns a random version-4 UUID for request ids and activity ids.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// writeAPIError answers with the error envelope of api: Graph's {"error":{code,message,innerError}} or the
// Defender APIs' {"error":{code,message,target}}.
func writeAPIError(w http.ResponseWriter, r *http.Request, api apiKind, e *apiError, now time.Time) {
	reqID := newUUID()
	var body any
	if api.isGraph() {
		if e.Code == "429" {
			// Graph names throttling by its OData code; the Defender APIs put the status in code.
			e = &apiError{Status: e.Status, Code: "TooManyRequests", Message: e.Message, RetryAfter: e.RetryAfter}
		}
		clientReqID := r.Header.Get("client-request-id")
		if clientReqID == "" {
			clientReqID = reqID
		}
		w.Header().Set("request-id", reqID)
		w.Header().Set("client-request-id", clientReqID)
		body = graphEnvelope(e.Code, e.Message, now, reqID, clientReqID)
	} else {
		body = map[string]any{"error": map[string]string{"code": e.Code, "message": e.Message, "target": reqID}}
	}
	if e.RetryAfter > 0 {
		secs := int64((e.RetryAfter + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	}
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	}
	writeJSON(w, e.Status, body)
}

func graphEnvelope(code, message string, now time.Time, reqID, clientReqID string) map[string]any {
	return map[string]any{"error": map[string]any{
		"code":    code,
		"message": message,
		"innerError": map[string]string{
			"date":              now.UTC().Format("2006-01-02T15:04:05"),
			"request-id":        reqID,
			"client-request-id": clientReqID,
		},
	}}
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// Errors shared by the APIs. Messages follow the live services where their wording is known.
func errBadQuery(msg string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "BadRequest", Message: msg}
}

func errResultTooLarge() *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "BadRequest",
		Message: "Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again."}
}
