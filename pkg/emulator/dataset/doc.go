// Package dataset is the currency between the emulator's parts: columnar in-memory tables with KQL's types
// (filled by telemetry, read and produced by engine, serialized by the emulator's HTTP server), the query
// the server asks the engine to run, and the error that the server answers with HTTP 400.
//
// It knows nothing of HTTP, KQL syntax or how data is generated.
package dataset
