// Package auth signs in to Microsoft Entra ID and hands out access tokens for the hunting APIs.
//
// It owns: the TokenSource contract (token.go), one constructor that switches on the data source's
// authType (New), the MSAL Go token sources behind it (client secret, client certificate, managed
// identity, workload identity, and current user by on-behalf-of with a fallback for requests without a
// user, who travels in the context: WithUser), the tenant's authority URL built from the sign-in host it
// is given, and a claims reader that decodes a JWT payload without verifying it (CheckHealth uses it to
// name a missing permission).
//
// It does not own: which sign-in host a cloud uses or which scope a flavor uses (package hunting), settings parsing (package
// plugin), retries or quotas (package quota), or anything Grafana-specific: it never imports the SDK's
// backend package. Tokens are cached by MSAL and reused until five minutes before they expire (MSAL's
// own rule: base/storage/items.go treats an access token as expired 5 minutes early); nothing here logs
// or returns a secret or a token in an error.
package auth
