package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/defenderschema"
)

// schemaResponse is the GET /schema body the query editor codes against.
type schemaResponse struct {
	Tables []defenderschema.Table `json:"tables"`
	Legacy struct {
		Tables  map[string]string `json:"tables"`
		Columns map[string]string `json:"columns"`
	} `json:"legacy"`
}

// schemaBody is the GET /schema body. It depends on nothing but the embedded schema, so it is built
// once per process, on the first request, and shared by every instance.
var schemaBody = sync.OnceValues(func() ([]byte, error) {
	s, err := defenderschema.Load()
	if err != nil {
		return nil, err
	}
	var r schemaResponse
	r.Tables = s.Tables
	r.Legacy.Tables, r.Legacy.Columns = s.Legacy.Tables, s.Legacy.Columns
	return json.Marshal(r)
})

// CallResource serves GET /schema: the advanced hunting schema and the legacy names. It needs no
// valid settings (the editor completes table names while the data source is still being set up) and
// returns nothing from the settings, so never a secret.
func (d *Datasource) CallResource(_ context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	if req.Path != "schema" && req.Path != "/schema" {
		return sendJSON(sender, http.StatusNotFound, []byte(`{"error":"unknown resource: use GET /schema"}`))
	}
	if req.Method != http.MethodGet {
		return sendJSON(sender, http.StatusMethodNotAllowed, []byte(`{"error":"use GET /schema"}`))
	}
	body, err := schemaBody()
	if err != nil {
		return sendJSON(sender, http.StatusInternalServerError, []byte(`{"error":"the embedded schema cannot be read"}`))
	}
	return sendJSON(sender, http.StatusOK, body)
}

func sendJSON(sender backend.CallResourceResponseSender, status int, body []byte) error {
	return sender.Send(&backend.CallResourceResponse{Status: status, Body: body,
		Headers: map[string][]string{"Content-Type": {"application/json"}}})
}
