package kql_test

import (
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/kql"
)

func ExampleExpandMacros() {
	q := `DeviceProcessEvents
| where $__timeFilter() and FileName != "$__timeFilter"
| summarize count() by bin(Timestamp, $__interval)`
	out, err := kql.ExpandMacros(q, kql.MacroContext{
		From:     time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		To:       time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC),
		Interval: time.Hour,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out)
	// Output:
	// DeviceProcessEvents
	// | where Timestamp between (datetime(2026-11-26T00:00:00Z) .. datetime(2026-11-27T00:00:00Z)) and FileName != "$__timeFilter"
	// | summarize count() by bin(Timestamp, 1h)
}
