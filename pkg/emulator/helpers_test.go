package emulator_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

// Scopes of the three APIs.
const (
	graphScope = "https://graph.microsoft.com/.default"
	xdrScope   = "https://api.security.microsoft.com/.default"
	mdeScope   = "https://api.securitycenter.microsoft.com/.default"
)

// call sends method path with body and a bearer token ("" for none) and returns status, headers and body.
func call(t *testing.T, emu *emulatortest.Emulator, method, path, token, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, emu.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := emu.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, b
}

// errorBody is the union of the error envelopes.
type errorBody struct {
	Error struct {
		Code       string            `json:"code"`
		Message    string            `json:"message"`
		Target     *string           `json:"target"`
		InnerError map[string]string `json:"innerError"`
	} `json:"error"`
}

func decodeError(t *testing.T, b []byte) errorBody {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, b)
	}
	return e
}

// recordingEngine answers from TableEngine and remembers the last query it was given.
type recordingEngine struct {
	inner emulatortest.TableEngine
	last  chan dataset.Query
}

func newRecordingEngine(now time.Time) *recordingEngine {
	return &recordingEngine{inner: emulatortest.TableEngine{Catalog: emulatortest.SmallCatalog(now)}, last: make(chan dataset.Query, 1000)}
}

func (e *recordingEngine) Run(ctx context.Context, q dataset.Query) (*dataset.Table, error) {
	e.last <- q
	return e.inner.Run(ctx, q)
}

func (e *recordingEngine) lastQuery(t *testing.T) dataset.Query {
	t.Helper()
	select {
	case q := <-e.last:
		return q
	default:
		t.Fatal("the engine was not called")
		return dataset.Query{}
	}
}
