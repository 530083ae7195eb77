package functions

import "testing"

func TestXXHash64(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want uint64
	}{
		{"empty", "", 0xEF46DB3751D8E999},
		{"abc", "abc", 0x44BC2CF5AD770999},
		{"Kusto docs example", "World", 1846988464401551951},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := xxHash64([]byte(tc.in)); got != tc.want {
				t.Fatalf("xxHash64(%q) = %d (%#x), want %d", tc.in, got, got, tc.want)
			}
		})
	}
}
