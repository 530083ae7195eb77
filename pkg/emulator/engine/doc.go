// Package engine parses and runs KQL hunting queries over the emulator's in-memory columnar tables.
//
// It owns the grammar (statements, tabular operators, expressions: one file per operator family), name
// resolution with Kusto-worded errors that carry line and column, and the columnar evaluation of every
// tabular operator. Filters build selection vectors and test conjuncts one at a time on the surviving rows;
// summarize, join and distinct hash column values into dense group ids; projection pushdown and late
// materialization keep wide tables from being copied whole by joins, unions and mv-expand. Nothing runs row
// at a time over maps. Every query sees only its time window (Timestamp, or the legacy EventTime) and its
// device groups (DeviceId or the legacy MachineId; rows about no device stay visible), and stops when its
// context ends.
//
// It does not own value semantics: every scalar function, aggregation and operator (==, has, in~,
// between, ...) comes from the functions registry, called column-at-a-time; the engine only adapts constant
// operands to the type they are compared with (IsSigned == 1). It owns what needs the table, the scope or
// row order: toscalar, materialize, prev/next/row_number, pack_all, column_ifexists, arg_max/arg_min,
// dynamic member and index access, and Defender's FileProfile() enrichment (empty here). It does not
// generate data (telemetry fills the dataset.Catalog) or speak HTTP (the emulator server does).
//
// Deliberate leniencies, so that published hunting queries run: statements may be separated by a line
// break instead of ';' (the last one is the result), property access on a string column parses it as
// JSON, and a function argument typeof(T) is passed as the type's name. externaldata fails with an error
// naming it, because the emulator cannot fetch data.
package engine
