package kql_test

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/kql"
)

func ExampleQuoteString() {
	fmt.Println("DeviceLogonEvents | where AccountName == " + kql.QuoteString(`CONTOSO\o'brien`))
	fmt.Println("DeviceInfo | where DeviceName in (" + kql.QuoteList([]string{"web-01", "db-01"}) + ")")
	// Output:
	// DeviceLogonEvents | where AccountName == 'CONTOSO\\o\'brien'
	// DeviceInfo | where DeviceName in ('web-01', 'db-01')
}
