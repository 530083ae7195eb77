// Package hunting is the client of Microsoft Defender's three advanced hunting APIs: Microsoft Graph
// runHuntingQuery (the default), Defender XDR advancedhunting/run and Defender for Endpoint
// advancedqueries/run.
//
// It owns: the host, path and token scope of each flavor per cloud and region, and the allow-list of
// Microsoft hosts (endpoint.go); building and sending the request (client.go); the typed error model and
// its single classification, IsDownstream (errors.go, httperror.go, classify.go); and the streaming
// decoder that turns a response body into one typed data.Frame (decode.go and rows.go walk the document,
// scanner.go and scan_*.go tokenize it, columns.go and convert.go map .NET types to typed fields).
//
// It does not own: sign-in (pkg/auth supplies an auth.TokenSource), quotas, caching and retries
// (pkg/quota decorates the Runner), macros and formats (pkg/plugin), or anything of Grafana's backend
// SDK package: it imports only the SDK's data package, so it never decides an error's SDK ErrorSource;
// the plugin maps IsDownstream to it.
//
// The decoder is a hand-written byte scanner rather than encoding/json: decoding rows into
// []map[string]any and converting cell by cell (what most data sources do) allocates every key and value
// twice; the json.Decoder token API allocates per token. BENCHMARKS.md has the numbers.
package hunting
