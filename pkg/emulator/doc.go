// Package emulator is a local stand-in for Microsoft's advanced hunting APIs and the Entra ID sign-in they
// sit behind, faithful enough that the plugin's real HTTP client and MSAL Go run against it unchanged.
//
// It owns the HTTP face: the three hunting APIs at Microsoft's paths and shapes (Graph runHuntingQuery,
// Defender XDR advancedhunting/run, Defender for Endpoint advancedqueries/run), sign-in (OpenID discovery,
// the token endpoint for client secrets, certificate and federated assertions and on-behalf-of, JWKS, an App
// Service-style managed identity endpoint), authorization of the APIs by token claims, the limits of the
// 2018 and 2026 service profiles (rows, calls, CPU, request time, result size), fault injection and the
// admin routes under /_emulator/.
//
// It does not parse or evaluate KQL and does not make data: it hands a dataset.Query to a dataset.Engine
// (pkg/emulator/engine over pkg/emulator/telemetry in the binary, any Engine in tests) and serializes the
// table it gets back, telling the engine which tables the called API hides (Graph and XDR do not serve the
// Defender for Endpoint-only tables). It never imports plugin code.
package emulator
