// Package emulatortest starts the hunting emulator in-process for tests of other packages: a loopback
// HTTPS server with its own CA (so MSAL's https-only authority check passes), an *http.Client that trusts
// it, the demo tenant's identifiers, helpers that fetch tokens without MSAL and send authorized calls
// (Call), a fake clock for quota tests, and TableEngine, a tiny engine with exactly known rows.
//
// It owns no emulator behaviour: everything it serves comes from package emulator.
package emulatortest
