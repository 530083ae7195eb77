package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// testNow is the fixed now() of every test query.
var testNow = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func strCol(name string, vals ...string) *dataset.Column {
	return &dataset.Column{Name: name, Type: dataset.String, Str: vals}
}

func longCol(name string, vals ...int64) *dataset.Column {
	return &dataset.Column{Name: name, Type: dataset.Long, Int: vals}
}

func timeCol(name string, offsets ...time.Duration) *dataset.Column {
	c := &dataset.Column{Name: name, Type: dataset.DateTime}
	for _, o := range offsets {
		c.Int = append(c.Int, testNow.Add(-o).UnixNano())
	}
	return c
}

func dynCol(name string, vals ...any) *dataset.Column {
	return &dataset.Column{Name: name, Type: dataset.Dynamic, Dyn: vals}
}

// testCatalog is a small process/network/logon catalog the operator tests share.
func testCatalog() *dataset.Catalog {
	h := time.Hour
	proc := &dataset.Table{Name: "DeviceProcessEvents", Columns: []*dataset.Column{
		timeCol("Timestamp", 1*h, 2*h, 3*h, 26*h, 50*h),
		strCol("DeviceId", "d1", "d1", "d2", "d3", "d2"),
		strCol("DeviceName", "alpha", "alpha", "beta", "gamma", "beta"),
		strCol("FileName", "powershell.exe", "cmd.exe", "PowerShell.exe", "psexec.exe", "notepad.exe"),
		strCol("ProcessCommandLine", "powershell -enc SQBFAFgA", "cmd /c whoami", "powershell.exe -nop -w hidden", "psexec \\\\host -s cmd", "notepad.exe c:\\a.txt"),
		longCol("ProcessId", 100, 200, 300, 400, 500),
		dynCol("AdditionalFields", map[string]any{"a": int64(1), "tags": []any{"x", "y"}}, nil, map[string]any{"a": int64(2)}, map[string]any{}, []any{int64(1), int64(2)}),
	}}
	net := &dataset.Table{Name: "DeviceNetworkEvents", Columns: []*dataset.Column{
		timeCol("Timestamp", 1*h, 4*h, 30*h),
		strCol("DeviceId", "d1", "d2", "d9"),
		strCol("RemoteIP", "10.0.0.1", "8.8.8.8", "1.1.1.1"),
		longCol("RemotePort", 443, 53, 80),
		longCol("InitiatingProcessId", 100, 300, 999),
	}}
	logon := &dataset.Table{Name: "DeviceLogonEvents", Columns: []*dataset.Column{
		timeCol("Timestamp", 5*h),
		strCol("DeviceId", "d1"),
		strCol("AccountName", "alice"),
	}}
	return &dataset.Catalog{
		Tables:       map[string]*dataset.Table{proc.Name: proc, net.Name: net, logon.Name: logon},
		DeviceGroups: map[string]string{"d1": "Servers", "d2": "Workstations", "d3": "Workstations"},
	}
}

func runQuery(t *testing.T, cat *dataset.Catalog, text string) (*dataset.Table, error) {
	t.Helper()
	return New(cat).Run(context.Background(), dataset.Query{Text: text, Now: testNow})
}

// render prints a table as "col1,col2\nv,v\n..." with compact cell formatting, for expectations.
func render(t *dataset.Table) string {
	var b strings.Builder
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	b.WriteString(strings.Join(names, ","))
	for r := 0; r < t.Rows(); r++ {
		b.WriteString("\n")
		for i, c := range t.Columns {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(cell(c, r))
		}
	}
	return b.String()
}

func cell(c *dataset.Column, r int) string {
	v := c.Value(r)
	switch x := v.(type) {
	case nil:
		return "null"
	case time.Time:
		return fmt.Sprintf("now-%s", testNow.Sub(x))
	case string:
		return x
	default:
		if c.Type == dataset.Dynamic {
			return jsonKey(x)
		}
		return fmt.Sprint(x)
	}
}
