// Package demodata wires the emulator's data for the hunting-emulator binary: synthetic Defender telemetry
// (pkg/emulator/telemetry) under the KQL engine (pkg/emulator/engine), sized by the command line.
//
// It is a package of its own so that package emulator and emulatortest, which other packages' tests
// import, depend only on the dataset.Engine interface and never on the engine's or generator's code.
package demodata
