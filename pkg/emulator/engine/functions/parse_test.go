package functions

import "testing"

func TestParsersAndEncodings(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"parse_url", "parse_url", cols(strs("https://user:pw@evil.example:8443/a/b.ps1?x=1&y=two#frag")), []any{map[string]any{
			"Scheme": "https", "Host": "evil.example", "Port": "8443", "Path": "/a/b.ps1", "Username": "user",
			"Password": "pw", "Query Parameters": map[string]any{"x": "1", "y": "two"}, "Fragment": "frag"}}, ""},
		{"parse_url invalid", "parse_url", cols(strs("not a url")), []any{map[string]any{}}, ""},
		{"parse_path windows", "parse_path", cols(strs(`C:\Windows\System32\cmd.exe`)), []any{map[string]any{
			"Scheme": "", "RootPath": "C:", "DirectoryPath": `C:\Windows\System32`, "DirectoryName": "System32",
			"Filename": "cmd.exe", "Extension": "exe", "AlternateDataStreamName": ""}}, ""},
		{"parse_csv", "parse_csv", cols(strs(`a,"b,c",d`)), []any{[]any{"a", "b,c", "d"}}, ""},
		{"parse_xml", "parse_xml", cols(strs(`<e a="1"><c>x</c><c>y</c></e>`)), []any{map[string]any{
			"e": map[string]any{"@a": "1", "c": []any{"x", "y"}}}}, ""},
		{"parse_xml invalid", "parse_xml", cols(strs(`<e>`)), []any{nil}, ""},
		{"url_decode", "url_decode", cols(strs("a%20b%2Fc")), []any{"a b/c"}, ""},
		{"url_encode", "url_encode", cols(strs("a b/c")), []any{"a+b%2Fc"}, ""},
		{"base64 round trip", "base64_encode_tostring", cols(strs("IEX")), []any{"SUVY"}, ""},
		{"base64_decodestring alias", "base64_decodestring", cols(strs("SUVY", "!!!")), []any{"IEX", ""}, ""},
		{"base64_decode_toarray", "base64_decode_toarray", cols(strs("SUVY")), []any{[]any{int64(73), int64(69), int64(88)}}, ""},
		{"hash_sha256", "hash_sha256", cols(strs("abc")), []any{"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}, ""},
		{"tohex", "tohex", cols(longs(255, -1), longs(4, 4)), []any{"00ff", "ffffffffffffffff"}, ""},
		{"make_string", "make_string", cols(longs(75), dyns([]any{int64(81), int64(76)})), []any{"KQL"}, ""},
		{"ipv4_is_in_range", "ipv4_is_in_range", cols(strs("10.1.2.3", "11.0.0.1", "bad"), strs("10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8")), []any{true, false, nil}, ""},
		{"ipv4_is_private", "ipv4_is_private", cols(strs("192.168.1.1", "8.8.8.8", "172.20.0.1")), []any{true, false, true}, ""},
		{"ipv4_compare", "ipv4_compare", cols(strs("10.0.0.1"), strs("10.0.0.2")), []any{int64(-1)}, ""},
		{"ipv4_compare with mask", "ipv4_compare", cols(strs("10.0.0.1"), strs("10.0.0.2"), longs(24)), []any{int64(0)}, ""},
		{"parse_ipv4", "parse_ipv4", cols(strs("127.0.0.1")), []any{int64(2130706433)}, ""},
		{"format_ipv4", "format_ipv4", cols(longs(2130706433)), []any{"127.0.0.1"}, ""},
	})
}

func TestHashMatchesKusto(t *testing.T) {
	// The values of Kusto's documentation example for hash().
	runScalarCases(t, []scalarCase{
		{"hash", "hash", cols(strs("World")), []any{int64(1846988464401551951)}, ""},
		{"hash modulo", "hash", cols(strs("World"), longs(100)), []any{int64(51)}, ""},
		{"hash_xxhash64 alias", "hash_xxhash64", cols(strs("World")), []any{int64(1846988464401551951)}, ""},
	})
}

func TestHashIsStableAndBounded(t *testing.T) {
	got, _, err := call(t, "hash", strs("abc", "abc", "abd", "x"), longs(10))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != got[1] {
		t.Fatalf("equal inputs hashed differently: %v", got)
	}
	for _, v := range got {
		if h := v.(int64); h < 0 || h >= 10 {
			t.Fatalf("hash(x, 10) = %d, want 0..9", h)
		}
	}
	full, _, _ := call(t, "hash", strs("abc", "abd"))
	if full[0] == full[1] {
		t.Fatalf("different inputs collided: %v", full)
	}
}

func TestExtraFunctions(t *testing.T) {
	runScalarCases(t, []scalarCase{
		{"has_ipv4", "has_ipv4", cols(strs("conn to 10.1.2.3:443", "v10.1.2.34", "1.2.3.4.5"), strs("10.1.2.3", "10.1.2.3", "1.2.3.4")), []any{true, false, false}, ""},
		{"has_ipv4_prefix", "has_ipv4_prefix", cols(strs("from 192.168.4.20 ok", "8.8.8.8"), strs("192.168.", "192.168.")), []any{true, false}, ""},
		{"strcmp", "strcmp", cols(strs("a", "b", "a"), strs("b", "a", "a")), []any{int64(-1), int64(1), int64(0)}, ""},
		{"translate pads with last", "translate", cols(strs("abc"), strs("x"), strs("abcd")), []any{"xxxd"}, ""},
		{"translate maps", "translate", cols(strs("ab"), strs("xy"), strs("abba")), []any{"xyyx"}, ""},
		{"zip", "zip", cols(dyns([]any{1, 2}), dyns([]any{"a"})), []any{[]any{[]any{int64(1), "a"}, []any{int64(2), nil}}}, ""},
		{"bag_set_key", "bag_set_key", cols(dyns(map[string]any{"a": 1}), strs("b"), longs(2)), []any{map[string]any{"a": int64(1), "b": int64(2)}}, ""},
	})
}
