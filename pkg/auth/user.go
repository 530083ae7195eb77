package auth

import (
	"context"
	"strings"
)

// User is the Grafana user a query runs for, in current-user mode: their login (which partitions caches)
// and the access token Grafana forwarded (the assertion that on-behalf-of exchanges).
type User struct {
	Login       string
	AccessToken string
}

type userKey struct{}

// WithUser returns ctx carrying u. The current-user token source reads it; the other sources ignore it,
// so the query path is the same for every sign-in mode.
func WithUser(ctx context.Context, u User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the user ctx carries, if any has a token.
func UserFrom(ctx context.Context) (User, bool) {
	u, ok := ctx.Value(userKey{}).(User)
	return u, ok && u.AccessToken != ""
}

// BearerToken strips a case-insensitive "Bearer " prefix from an Authorization header value.
func BearerToken(header string) string {
	header = strings.TrimSpace(header)
	if len(header) > 7 && strings.EqualFold(header[:7], "bearer ") {
		return strings.TrimSpace(header[7:])
	}
	return ""
}
