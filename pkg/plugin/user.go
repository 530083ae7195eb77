package plugin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/auth"
)

// asUser prepares a request in current-user mode: ctx carries the signed-in user's forwarded token (the
// token source exchanges it on behalf of the user), and the returned identity partitions the quota
// layer's cache and coalescing so one user never sees rows fetched for another. Without a forwarded token
// (alert rules) the request runs as the fallback identity, "". In every other mode ctx is unchanged.
func (d *Datasource) asUser(ctx context.Context, authorization string, u *backend.User) (context.Context, string) {
	if d.settings == nil || d.settings.AuthType != auth.CurrentUser {
		return ctx, ""
	}
	tok := auth.BearerToken(authorization)
	if tok == "" {
		return ctx, ""
	}
	login := ""
	if u != nil {
		login = u.Login
		if login == "" {
			login = u.Email
		}
	}
	if login == "" {
		// No user details: partition by the token itself, so different tokens never share results.
		sum := sha256.Sum256([]byte(tok))
		login = "token:" + hex.EncodeToString(sum[:8])
	}
	return auth.WithUser(ctx, auth.User{Login: login, AccessToken: tok}), login
}
