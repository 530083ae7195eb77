package plugin

import (
	"context"
	"errors"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/auth"
	"github.com/quarry-defender/quarry/pkg/hunting"
	"github.com/quarry-defender/quarry/pkg/quota"
)

// errorResponse is the one place errors become responses: the status says what kind of failure it is,
// and hunting.IsDownstream (which also understands this package's settings and query errors and
// pkg/auth's sign-in errors through their Downstream methods) decides the error source. executed is
// the KQL that was (or would have been) sent; it goes into the frame meta so the user can see it.
func errorResponse(refID, executed string, err error) backend.DataResponse {
	source := backend.ErrorSourcePlugin
	if hunting.IsDownstream(err) {
		source = backend.ErrorSourceDownstream
	}
	resp := backend.DataResponse{Error: err, Status: errorStatus(err), ErrorSource: source}
	if executed != "" {
		f := data.NewFrame(refID)
		f.Meta = &data.FrameMeta{ExecutedQueryString: executed}
		resp.Frames = data.Frames{f}
	}
	return resp
}

func errorStatus(err error) backend.Status {
	var (
		fe    *fieldError
		qe    *queryError
		api   *hunting.APIError
		ae    *hunting.AuthError
		qe429 *hunting.QuotaError
		se    *hunting.ServerError
		te    *hunting.TimeoutError
		sie   *auth.SignInError
		be    *quota.BudgetError
	)
	switch {
	case errors.As(err, &fe), errors.As(err, &qe):
		return backend.StatusBadRequest
	case errors.As(err, &ae):
		if ae.Status == 403 {
			return backend.StatusForbidden
		}
		return backend.StatusUnauthorized
	case errors.As(err, &sie):
		return backend.StatusUnauthorized
	case errors.As(err, &be), errors.As(err, &qe429):
		return backend.StatusTooManyRequests
	case errors.As(err, &api):
		return backend.Status(api.Status)
	case errors.As(err, &te), errors.Is(err, context.DeadlineExceeded):
		return backend.StatusTimeout
	case errors.As(err, &se):
		return backend.StatusBadGateway
	case errors.Is(err, context.Canceled):
		return backend.StatusBadRequest
	}
	return backend.StatusInternal
}
