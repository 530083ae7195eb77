package engine_test

import (
	"context"
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine"
)

func ExampleEngine_Run() {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	cat := &dataset.Catalog{Tables: map[string]*dataset.Table{
		"DeviceProcessEvents": {Name: "DeviceProcessEvents", Columns: []*dataset.Column{
			{Name: "Timestamp", Type: dataset.DateTime, Int: []int64{now.Add(-time.Hour).UnixNano(), now.Add(-48 * time.Hour).UnixNano(), now.Add(-2 * time.Hour).UnixNano()}},
			{Name: "DeviceName", Type: dataset.String, Str: []string{"alpha", "alpha", "beta"}},
			{Name: "FileName", Type: dataset.String, Str: []string{"PowerShell.exe", "powershell.exe", "cmd.exe"}},
		}},
	}}
	out, err := engine.New(cat).Run(context.Background(), dataset.Query{
		Text: `DeviceProcessEvents
| where Timestamp > ago(1d) and FileName =~ "powershell.exe"
| summarize count() by DeviceName`,
		Now: now,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range out.Columns {
		fmt.Printf("%s (%s): %v\n", c.Name, c.Type.DotNet(), c.Value(0))
	}
	// Output:
	// DeviceName (String): alpha
	// count_ (Int64): 1
}
