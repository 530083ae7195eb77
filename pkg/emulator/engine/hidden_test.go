package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// A table the calling API does not serve behaves as if the catalog lacked it, however it is reached.
func TestHiddenTables(t *testing.T) {
	hidden := map[string]bool{"DeviceNetworkEvents": true}
	tests := []struct {
		name, in, wantErr string
		wantRows          int
	}{
		{"by name", "DeviceNetworkEvents | take 1", "Failed to resolve table or column expression named 'DeviceNetworkEvents'", 0},
		{"in a union", "union DeviceProcessEvents, DeviceNetworkEvents", "Failed to resolve table or column expression named 'DeviceNetworkEvents'", 0},
		{"through table()", "table('DeviceNetworkEvents') | take 1", "Failed to resolve table or column expression named 'DeviceNetworkEvents'", 0},
		{"a wildcard skips it", "union Device*Events | count", "", 1},
		{"find skips it: no visible table has the column", "find where RemotePort == 443", "Failed to resolve scalar expression named 'RemotePort'", 0},
		{"others stay visible", "DeviceProcessEvents | count", "", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := New(testCatalog()).Run(context.Background(), dataset.Query{Text: tc.in, Now: testNow, Hidden: hidden})
			if tc.wantErr != "" {
				var qe *dataset.QueryError
				if !errors.As(err, &qe) || !strings.Contains(qe.Message, tc.wantErr) {
					t.Fatalf("error %v, want a query error containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.Rows() != tc.wantRows {
				t.Fatalf("rows %d, want %d:\n%s", out.Rows(), tc.wantRows, render(out))
			}
		})
	}
}
