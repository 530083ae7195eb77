package telemetry

import (
	"strings"
	"testing"
)

// TestProcessTreesLink: a process's InitiatingProcessId/CreationTime name a process created on the same device
// with that FileName, so hunting joins of parent and child (and of network events to their process) work.
func TestProcessTreesLink(t *testing.T) {
	cat := demo(t)
	p := tableView(t, cat, "DeviceProcessEvents")
	type key struct {
		dev     string
		pid, ct int64
	}
	created := map[key]string{}
	for i := 0; i < p.tb.Rows(); i++ {
		created[key{p.s("DeviceId", i), p.n("ProcessId", i), p.n("ProcessCreationTime", i)}] = p.s("FileName", i)
	}
	linked := 0
	for i := 0; i < p.tb.Rows(); i++ {
		name, ok := created[key{p.s("DeviceId", i), p.n("InitiatingProcessId", i), p.n("InitiatingProcessCreationTime", i)}]
		if !ok {
			continue
		}
		linked++
		if name != p.s("InitiatingProcessFileName", i) {
			t.Fatalf("row %d: parent created as %s but InitiatingProcessFileName is %s", i, name, p.s("InitiatingProcessFileName", i))
		}
	}
	if linked < p.tb.Rows()/3 {
		t.Errorf("%d of %d process creations have their parent's creation in the table, want at least a third", linked, p.tb.Rows())
	}
	n := tableView(t, cat, "DeviceNetworkEvents")
	joined := 0
	for i := 0; i < n.tb.Rows(); i += 10 {
		if _, ok := created[key{n.s("DeviceId", i), n.n("InitiatingProcessId", i), n.n("InitiatingProcessCreationTime", i)}]; ok {
			joined++
		}
	}
	if joined == 0 {
		t.Error("no network event joins to a process creation by DeviceId, InitiatingProcessId and creation time")
	}
	t.Logf("%d of %d process creations link to their parent; %d of %d sampled connections to their process", linked, p.tb.Rows(), joined, n.tb.Rows()/10)
}

// TestClassicHunts: one row set per classic hunting predicate, each of which the stories or the everyday
// noise must satisfy.
func TestClassicHunts(t *testing.T) {
	cat := demo(t)
	tests := []struct {
		name  string
		table string
		keep  func(v view, i int) bool
		want  int
	}{
		{"certutil download", "DeviceProcessEvents", func(v view, i int) bool {
			return eqFold(v.s("FileName", i), "certutil.exe") && containsFold(v.s("ProcessCommandLine", i), "-urlcache")
		}, 1},
		{"ASR audit of an Office child process", "DeviceEvents", func(v view, i int) bool {
			return v.s("ActionType", i) == "AsrOfficeChildProcessAudited" && eqFold(v.s("InitiatingProcessFileName", i), "WINWORD.EXE")
		}, 1},
		{"local account created and added to administrators", "DeviceEvents", func(v view, i int) bool {
			return v.s("ActionType", i) == "UserAccountAddedToLocalGroup" && strings.Contains(v.s("AdditionalFields", i), "S-1-5-32-544")
		}, 1},
		{"security log cleared", "DeviceEvents", func(v view, i int) bool { return v.s("ActionType", i) == "SecurityLogCleared" }, 1},
		{"failed logons from a public address", "DeviceLogonEvents", func(v view, i int) bool {
			return v.s("ActionType", i) == "LogonFailed" && v.s("RemoteIPType", i) == "Public"
		}, 100},
		{"RDP client connections", "DeviceNetworkEvents", func(v view, i int) bool {
			return v.n("RemotePort", i) == 3389 && eqFold(v.s("InitiatingProcessFileName", i), "mstsc.exe")
		}, 10},
		{"benign encoded PowerShell by SYSTEM", "DeviceProcessEvents", func(v view, i int) bool {
			return strings.Contains(v.s("ProcessCommandLine", i), "-EncodedCommand") && v.s("AccountName", i) == "system"
		}, 50},
		{"Run key persistence outside OneDrive", "DeviceRegistryEvents", func(v view, i int) bool {
			return strings.HasSuffix(v.s("RegistryKey", i), `\CurrentVersion\Run`) && v.s("RegistryValueName", i) != "OneDrive"
		}, 1},
		{"Defender detections", "DeviceEvents", func(v view, i int) bool { return v.s("ActionType", i) == "AntivirusDetection" }, 5},
		{"failed browser connections", "DeviceNetworkEvents", func(v view, i int) bool { return v.s("ActionType", i) == "ConnectionFailed" }, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := tableView(t, cat, tc.table)
			if got := len(v.where(func(i int) bool { return tc.keep(v, i) })); got < tc.want {
				t.Errorf("%d matching rows in %s, want at least %d", got, tc.table, tc.want)
			}
		})
	}
}
