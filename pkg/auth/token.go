package auth

import (
	"context"
	"time"
)

// Token is an access token for one scope.
type Token struct {
	Value     string
	ExpiresOn time.Time
}

// TokenSource returns an access token for scope (for example "https://graph.microsoft.com/.default").
// Implementations reuse tokens until shortly before they expire and are safe for concurrent use.
type TokenSource interface {
	Token(ctx context.Context, scope string) (Token, error)
}

// TokenSourceFunc adapts a function to TokenSource.
type TokenSourceFunc func(ctx context.Context, scope string) (Token, error)

// Token calls f.
func (f TokenSourceFunc) Token(ctx context.Context, scope string) (Token, error) {
	return f(ctx, scope)
}
