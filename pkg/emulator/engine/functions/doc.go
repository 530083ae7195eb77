// Package functions implements KQL's scalar and aggregation functions over dataset columns, for the
// emulator's engine. It knows nothing of parsing or of tabular operators: the engine type-checks a call with
// Result, then evaluates it column-at-a-time with Eval.
package functions
