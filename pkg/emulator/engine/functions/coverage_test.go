package functions

import "testing"

// TestCoverageTargetsRegistered pins the operators and functions that public Defender hunting queries use
// (KQL-COVERAGE.md), so none is lost in a refactoring. Functions the engine implements itself (toscalar,
// materialize, prev, next, row_number) and evaluate plugins are not listed.
func TestCoverageTargetsRegistered(t *testing.T) {
	operators := []string{"==", "=~", "has", "contains", "in", "endswith", "in~", "has_any", "startswith",
		"matches regex", "!=", "between", "has_all", "!contains", "!startswith", "!has", "!in", "!in~",
		"hasprefix", "!endswith", "!~", "has_cs", "notcontains", "<>", "hassuffix", "contains_cs", "!between",
		"+", "-", "*", "/", "%", "neg", "<", "<=", ">", ">=", "and", "or", "index"}
	scalars := []string{"ago", "tostring", "isnotempty", "bin", "parse_json", "iff", "split", "pack_array",
		"strcat", "extractjson", "not", "replace", "tolower", "case", "extract", "parse_url", "strlen",
		"array_length", "substring", "now", "todatetime", "toint", "countof", "indexof", "isempty", "abs",
		"parsejson", "startofday", "todouble", "todynamic", "base64_decode_tostring", "base64_decodestring",
		"datetime_add", "datetime_diff", "format_datetime", "iif", "isnotnull", "pack", "strcat_array",
		"tobool", "trim", "url_decode", "array_index_of", "array_slice", "base64_decode_toarray",
		"base64_encode_tostring", "base64_encodestring", "coalesce", "extract_all", "extractall",
		"format_timespan", "ipv4_is_in_range", "isnull", "make_string", "new_guid", "notempty", "parse_csv",
		"parse_xml", "rand", "range", "set_difference", "toreal", "url_encode"}
	aggregates := []string{"dcount", "count", "make_set", "makeset", "max", "min", "arg_max", "any", "sum",
		"argmax", "countif", "make_list", "makelist", "dcountif", "argmin", "avg", "make_bag", "stdev"}
	reg := NewRegistry()
	for _, op := range operators {
		if _, ok := reg.Scalar("op:" + op); !ok {
			t.Errorf("operator %q is not registered as op:%s", op, op)
		}
	}
	for _, name := range scalars {
		if _, ok := reg.Scalar(name); !ok {
			t.Errorf("scalar function %s() is not registered", name)
		}
	}
	for _, name := range aggregates {
		if _, ok := reg.Aggregate(name); !ok {
			t.Errorf("aggregate %s() is not registered", name)
		}
	}
}
