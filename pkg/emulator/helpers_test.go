package emulator_test

import (
	"context"
	"encoding/json"
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
