// Package functions implements KQL's scalar and aggregation functions and its scalar operators over
// dataset columns, for the emulator's engine. It knows nothing of parsing or of tabular operators: the
// engine type-checks a call with Result, then evaluates it column-at-a-time with Eval.
//
// It owns:
//   - operators, registered as scalars named "op:" + the operator as written: arithmetic (op:+ op:- op:*
//     op:/ op:% op:neg), comparisons (op:== op:!= op:<> op:< ...), op:and / op:or (three-valued), the
//     string predicates (op:has, op:!contains, op:=~, op:matches regex, op:notcontains ...), the set
//     operators (op:in, op:!in~, op:has_any, op:has_all: args[0] the value, args[1:] the candidates, a
//     dynamic array candidate standing for its elements, so a subquery is passed as one dynamic array) and
//     op:between / op:!between (value, low, high; a datetime low with a timespan high means low..low+high);
//   - op:index for dynamic access: x.a, x["a"] and x[0] are op:index(x, "a") and op:index(x, 0), chained
//     one call per path step; DynamicGet is the same rule for one value;
//   - scalar functions with Kusto's names, deprecated spellings as aliases (parsejson, extractjson, iif,
//     notempty, base64_decodestring ...);
//   - aggregates with Kusto's default result names (ResultName), and ArgExtreme, the row picker behind
//     arg_max/arg_min. For percentile the second argument's name should be its literal text ("95") so the
//     column is named percentile_X_95; without it the name assumes 50.
//
// Conventions the evaluator can rely on: every argument column has n cells (constants broadcast, or all
// arguments of length 1 with n = 1); strings are never null; a null bool from a comparison or predicate
// means unknown and where treats it as false; errors from Result and Eval are worded like Kusto's
// ("tolower(): argument #1 expected to be a string expression") without a position, which the engine adds.
//
// Deliberate leniencies, because published hunting queries rely on them and the emulator's measure is how
// many real queries answer: text compared with a number, bool, datetime or timespan is parsed per cell
// (unparseable text compares as unknown), bool compares with numbers as 0/1, and property access on a
// string column holding JSON parses it.
//
// It does not own functions that need the table, the scope or row order (toscalar, materialize, prev,
// next, row_number, pack_all, column_ifexists): the engine implements those. dcount and percentile are
// exact rather than Kusto's estimates.
//
// NewCol and Broadcast build columns quickly for tests and for the evaluator's literals. SeriesDecompose
// gives the score and baseline series that series_decompose_anomalies' tuple form needs; the registered
// scalar returns only the flags.
package functions
