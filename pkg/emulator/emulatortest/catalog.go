package emulatortest

import (
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// Device ids of SmallCatalog and their groups.
const (
	ServerDeviceID      = "10cbf9182d4e95660362f65cfa67c7731f62fdb3" // group Servers
	WorkstationDeviceID = "2f0c3f0a1b7e4d6f9a8b7c6d5e4f3a2b1c0d9e8f" // group Workstations
)

// SmallCatalog is a fixed DeviceProcessEvents table of six rows, one per hour ending an hour before now,
// alternating between a server and a workstation, with every cell type the APIs serialize (string,
// datetime, long, int, bool, real, timespan, guid, dynamic) and some nulls. Row i (0-based) has Timestamp
// now-(i+1)h; rows 0, 2, 4 are the server's.
func SmallCatalog(now time.Time) *dataset.Catalog {
	const n = 6
	cols := map[string]*dataset.Column{}
	add := func(name string, t dataset.Type) *dataset.Column {
		c := dataset.NewColumn(name, t, n)
		cols[name] = c
		return c
	}
	ts := add("Timestamp", dataset.DateTime)
	dev := add("DeviceId", dataset.String)
	name := add("DeviceName", dataset.String)
	file := add("FileName", dataset.String)
	parent := add("InitiatingProcessFileName", dataset.String)
	cmd := add("ProcessCommandLine", dataset.String)
	pid := add("ProcessId", dataset.Long)
	integ := add("ProcessIntegrityLevel", dataset.Int)
	elev := add("IsElevated", dataset.Bool)
	score := add("Score", dataset.Real)
	age := add("ProcessAge", dataset.TimeSpan)
	rep := add("ReportId", dataset.GUID)
	extra := add("AdditionalFields", dataset.Dynamic)
	files := []string{"csc.exe", "cmd.exe", "conhost.exe", "whoami.exe", "net.exe", "rundll32.exe"}
	for i := 0; i < n; i++ {
		server := i%2 == 0
		ts.Int = append(ts.Int, now.Add(-time.Duration(i+1)*time.Hour).Truncate(100*time.Nanosecond).UnixNano())
		if server {
			dev.Str, name.Str = append(dev.Str, ServerDeviceID), append(name.Str, "srv-01.contoso.example")
		} else {
			dev.Str, name.Str = append(dev.Str, WorkstationDeviceID), append(name.Str, "ws-01.contoso.example")
		}
		file.Str = append(file.Str, files[i])
		parent.Str = append(parent.Str, "powershell.exe")
		cmd.Str = append(cmd.Str, `"`+files[i]+`" /c echo "C:\Users\ada\AppData"`+"\t"+`é✓`)
		pid.Int = append(pid.Int, int64(4000+i))
		integ.Int = append(integ.Int, int64(i%3))
		elev.Int = append(elev.Int, int64(i%2))
		score.Real = append(score.Real, float64(i)+0.25)
		age.Int = append(age.Int, int64(time.Duration(i)*25*time.Hour+1500*time.Millisecond))
		rep.Str = append(rep.Str, "00000000-0000-4000-8000-00000000000"+string(rune('0'+i)))
		extra.Dyn = append(extra.Dyn, map[string]any{"Index": int64(i), "Tags": []any{"a", "b"}})
	}
	pid.SetNull(5)
	score.SetNull(5)
	extra.Dyn[5] = nil
	extra.SetNull(5)
	order := []string{"Timestamp", "DeviceId", "DeviceName", "FileName", "InitiatingProcessFileName", "ProcessCommandLine",
		"ProcessId", "ProcessIntegrityLevel", "IsElevated", "Score", "ProcessAge", "ReportId", "AdditionalFields"}
	t := &dataset.Table{Name: "DeviceProcessEvents"}
	for _, c := range order {
		t.Columns = append(t.Columns, cols[c])
	}
	return &dataset.Catalog{
		Tables:       map[string]*dataset.Table{t.Name: t},
		DeviceGroups: map[string]string{ServerDeviceID: "Servers", WorkstationDeviceID: "Workstations"},
	}
}
