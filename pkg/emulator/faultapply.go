package emulator

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"
)

// applyEarlyFault acts out the faults that replace or precede the answer; it reports whether the call is
// finished. Late faults (truncate, invalid-json, mismatch) are left for writeResult.
func (s *Server) applyEarlyFault(w http.ResponseWriter, r *http.Request, api apiKind, f *Fault) bool {
	now := s.cfg.Clock.Now()
	switch f.Kind {
	case FaultStatus:
		// The services answer gateway and internal failures with Graph's UnknownError shape, empty message
		// (microsoftgraph/microsoft-graph-docs#19084, #19954), whichever API was called.
		reqID := newUUID()
		w.Header().Set("request-id", reqID)
		writeJSON(w, f.Status, graphEnvelope("UnknownError", "", now, reqID, reqID))
		return true
	case FaultThrottle:
		lim := s.cfg.Limits.CallsPerMinute
		if lim <= 0 {
			lim = 45
		}
		writeAPIError(w, r, api, errCallsQuota(lim, time.Minute, 0), now)
		return true
	case FaultReset:
		abortConnection(w, true)
		return true
	case FaultDelay:
		return !sleep(r.Context(), s.cfg.Clock, f.delay)
	}
	return false
}

// sleep waits d on clock; false when ctx ended first.
func sleep(ctx context.Context, clock Clock, d time.Duration) bool {
	done := make(chan struct{})
	stop := clock.AfterFunc(d, func() { close(done) })
	defer stop()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// writeBrokenResult sends a 200 whose body is cut in half (truncate) or stops being JSON near its end
// (invalid-json).
func (s *Server) writeBrokenResult(w http.ResponseWriter, body *resultBody, kind string) {
	var full bytes.Buffer
	if err := body.writeTo(&full); err != nil {
		s.cfg.Logger.Error("encode result", "err", err)
		return
	}
	b := full.Bytes()
	if kind == FaultTruncate {
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(b[:len(b)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		abortConnection(w, false)
		return
	}
	broken := append(b[:len(b)-len(resultSuffix)], `,{"Timestamp": <truncated upstream>]}`...)
	w.Header().Set("Content-Length", strconv.Itoa(len(broken)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(broken)
}
