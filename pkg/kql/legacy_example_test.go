package kql_test

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/kql"
)

func ExampleRewriteLegacy() {
	renames := kql.Renames{
		Tables:       map[string]string{"ProcessCreationEvents": "DeviceProcessEvents"},
		Columns:      map[string]string{"EventTime": "Timestamp", "ComputerName": "DeviceName", "MachineId": "DeviceId"},
		TableColumns: map[string][]string{"ProcessCreationEvents": {"EventTime", "MachineId", "ComputerName"}},
	}
	res, err := kql.RewriteLegacy(`ProcessCreationEvents
| where InitiatingProcessFileName =~ "powershell.exe" // not "EventTime"
| project EventTime, FileName, InitiatingProcessFileName`, renames)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Query)
	for _, r := range res.Rewrites {
		fmt.Printf("%s %s -> %s\n", r.Kind, r.Old, r.New)
	}
	// Output:
	// DeviceProcessEvents
	// | where InitiatingProcessFileName =~ "powershell.exe" // not "EventTime"
	// | project EventTime = Timestamp, FileName, InitiatingProcessFileName
	// table ProcessCreationEvents -> DeviceProcessEvents
	// column EventTime -> Timestamp
}
