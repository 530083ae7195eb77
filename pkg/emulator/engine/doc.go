// Package engine parses and runs KQL hunting queries over the emulator's in-memory columnar tables.
//
// It owns the grammar (statements, tabular operators, expressions: one file per operator family), name
// resolution with Kusto-worded errors, and the columnar evaluation of every tabular operator: filters build
// selection vectors, summarize/join/distinct hash column values into dense group ids, and nothing runs row
// at a time over maps. It does not own value semantics: every scalar function, aggregation and operator
// (==, has, in~, between, ...) comes from the functions registry, called column-at-a-time. It does not
// generate data (telemetry fills the dataset.Catalog) or speak HTTP (the emulator server does).
package engine
