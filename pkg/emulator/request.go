package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// maxBodyBytes bounds a request body; hunting queries are text and well under this.
const maxBodyBytes = 1 << 20

// huntingRequest is what a client asked for, before limits are applied.
type huntingRequest struct {
	Query string
	// From and To come from Graph's Timespan (zero when absent).
	From, To time.Time
}

// parseHuntingRequest reads the body (or, for the old GET, the key parameter) the way api does.
func parseHuntingRequest(r *http.Request, api apiKind, lim Limits, now time.Time) (huntingRequest, *apiError) {
	if api == apiMDEGet {
		q := r.URL.Query().Get("key")
		if strings.TrimSpace(q) == "" {
			return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "MissingRequiredParameter",
				Message: "key is a required parameter: pass the KQL query as ?key=<url-encoded query>"}
		}
		return huntingRequest{Query: q}, nil
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "InvalidRequestBody",
			Message: "Request body is incorrect"}
	}
	if len(raw) > maxBodyBytes {
		return huntingRequest{}, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "InvalidRequestBody",
			Message: "Request body is larger than 1 MB"}
	}
	if lim.LenientJSON {
		raw = escapeControlCharsInStrings(raw)
	}
	if api.isGraph() {
		return parseGraphBody(raw, now)
	}
	return parseDefenderBody(raw)
}

// parseDefenderBody reads {"Query": kql}. The Defender APIs match parameter names case-sensitively and,
// since late 2022, answer a body that is not valid JSON (typically raw newlines inside the query string)
// with "Missing query." (MicrosoftDocs/microsoft-365-docs#10581).
func parseDefenderBody(raw []byte) (huntingRequest, *apiError) {
	var body map[string]json.RawMessage
	if err := json.Unmarshal(raw, &body); err != nil {
		return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "InvalidRequestBody", Message: "Missing query."}
	}
	q, ok := body["Query"]
	if !ok {
		return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "MissingRequiredParameter",
			Message: "Query is a required parameter (parameter names are case-sensitive: send \"Query\")"}
	}
	var text string
	if err := json.Unmarshal(q, &text); err != nil {
		return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "InvalidRequestBody", Message: "Request body is incorrect"}
	}
	if strings.TrimSpace(text) == "" {
		return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "InvalidRequestBody", Message: "Missing query."}
	}
	return huntingRequest{Query: text}, nil
}

// parseGraphBody reads {"Query"|"query": kql, "Timespan"|"timespan": iso8601}; Graph binds OData
// parameters case-insensitively.
func parseGraphBody(raw []byte, now time.Time) (huntingRequest, *apiError) {
	var body map[string]json.RawMessage
	if err := json.Unmarshal(raw, &body); err != nil {
		return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "BadRequest",
			Message: "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."}
	}
	var req huntingRequest
	var timespan string
	for k, v := range body {
		var dst *string
		switch strings.ToLower(k) {
		case "query":
			dst = &req.Query
		case "timespan":
			dst = &timespan
		default:
			continue
		}
		if string(v) == "null" {
			continue
		}
		if err := json.Unmarshal(v, dst); err != nil {
			return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "BadRequest",
				Message: "Cannot convert the literal '" + string(v) + "' to the expected type 'Edm.String'."}
		}
	}
	if strings.TrimSpace(req.Query) == "" {
		return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "BadRequest",
			Message: "Query parameter is required: send {\"Query\": \"<KQL>\"}."}
	}
	if timespan != "" {
		from, to, err := parseTimespan(timespan, now)
		if err != nil {
			return huntingRequest{}, &apiError{Status: http.StatusBadRequest, Code: "BadRequest", Message: err.Error()}
		}
		req.From, req.To = from, to
	}
	return req, nil
}

// escapeControlCharsInStrings turns raw control characters inside JSON strings into escapes, the leniency
// the 2018 service had (its own documentation's example body had raw newlines in the query).
func escapeControlCharsInStrings(raw []byte) []byte {
	if bytes.IndexFunc(raw, func(r rune) bool { return r < 0x20 }) < 0 {
		return raw
	}
	out := make([]byte, 0, len(raw)+16)
	in, esc := false, false
	for _, c := range raw {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case in && c < 0x20:
			out = append(out, `\u00`...)
			out = append(out, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
			continue
		}
		out = append(out, c)
	}
	return out
}
