package telemetry

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// Each story must be findable by the kind of predicate the public hunting queries use. The checks scan the
// columns directly (not through the KQL engine) so they test the data, not the evaluator.

// TestSeedDocumentExample: ProcessCreationEvents | where InitiatingProcessFileName =~ "powershell.exe"
// | where ProcessCommandLine contains "appdata" | project EventTime, FileName, InitiatingProcessFileName.
func TestSeedDocumentExample(t *testing.T) {
	v := tableView(t, demo(t), "ProcessCreationEvents")
	rows := v.where(func(i int) bool {
		return eqFold(v.s("InitiatingProcessFileName", i), "powershell.exe") && containsFold(v.s("ProcessCommandLine", i), "appdata")
	})
	if len(rows) < 2 {
		t.Fatalf("found %d rows, want at least 2 (the example uses limit 2)", len(rows))
	}
	for _, i := range rows[:2] {
		if v.n("EventTime", i) == 0 || v.s("FileName", i) == "" {
			t.Errorf("row %d lacks EventTime or FileName", i)
		}
	}
}

func decodeEnc(s string) string {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b)%2 != 0 {
		return ""
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return string(utf16.Decode(u))
}

// TestEncodedPowerShellCradle: powershell -enc whose decoded script is a WebClient download cradle, a parent
// chain from Word, and the payload's beaconing afterwards; plus the readable IEX variant.
func TestEncodedPowerShellCradle(t *testing.T) {
	cat := demo(t)
	p := tableView(t, cat, "DeviceProcessEvents")
	enc := p.where(func(i int) bool {
		return eqFold(p.s("FileName", i), "powershell.exe") && strings.Contains(strings.ToLower(p.s("ProcessCommandLine", i)), "-enc ")
	})
	if len(enc) == 0 {
		t.Fatal("no powershell -enc process")
	}
	i := enc[0]
	fields := strings.Fields(p.s("ProcessCommandLine", i))
	script := decodeEnc(fields[len(fields)-1])
	if !strings.Contains(script, "IEX (New-Object Net.WebClient).DownloadString(") {
		t.Errorf("decoded -enc script = %q, want a DownloadString cradle", script)
	}
	if got := p.s("InitiatingProcessParentFileName", i); got != "WINWORD.EXE" {
		t.Errorf("cradle's grandparent = %q, want WINWORD.EXE", got)
	}
	plain := p.where(func(i int) bool {
		return containsFold(p.s("ProcessCommandLine", i), "IEX (New-Object Net.WebClient).DownloadString")
	})
	if len(plain) == 0 {
		t.Error("no readable IEX download cradle")
	}
	n := tableView(t, cat, "DeviceNetworkEvents")
	beacons := n.where(func(j int) bool {
		return n.s("RemoteIP", j) == c2IP && n.s("DeviceId", j) == p.s("DeviceId", i)
	})
	if len(beacons) < 10 {
		t.Errorf("%d connections to the C2 address from the victim, want a beacon series", len(beacons))
	}
}

// TestLsassAccess: OpenProcessApiCall on lsass.exe, and the procdump / comsvcs MiniDump command lines.
func TestLsassAccess(t *testing.T) {
	cat := demo(t)
	e := tableView(t, cat, "DeviceEvents")
	opens := e.where(func(i int) bool {
		return e.s("ActionType", i) == "OpenProcessApiCall" && eqFold(e.s("FileName", i), "lsass.exe")
	})
	if len(opens) < 2 {
		t.Fatalf("%d OpenProcessApiCall events on lsass.exe, want 2", len(opens))
	}
	p := tableView(t, cat, "DeviceProcessEvents")
	for _, want := range []string{"comsvcs.dll, MiniDump", "-ma lsass.exe"} {
		if len(p.where(func(i int) bool { return containsFold(p.s("ProcessCommandLine", i), want) })) == 0 {
			t.Errorf("no process command line contains %q", want)
		}
	}
}

// TestPsExecLateralMovement: PSEXESVC.exe started by services.exe on a server after a network logon from the
// victim workstation, with its service installation recorded.
func TestPsExecLateralMovement(t *testing.T) {
	cat := demo(t)
	p := tableView(t, cat, "DeviceProcessEvents")
	svc := p.where(func(i int) bool {
		return eqFold(p.s("FileName", i), "PSEXESVC.exe") && eqFold(p.s("InitiatingProcessFileName", i), "services.exe")
	})
	if len(svc) != 1 {
		t.Fatalf("%d PSEXESVC.exe creations by services.exe, want 1", len(svc))
	}
	server := p.s("DeviceId", svc[0])
	if cat.DeviceGroups[server] != groupServers {
		t.Errorf("PsExec target is in group %q, want Servers", cat.DeviceGroups[server])
	}
	l := tableView(t, cat, "DeviceLogonEvents")
	logons := l.where(func(i int) bool {
		return l.s("DeviceId", i) == server && l.s("LogonType", i) == "Network" && l.s("AccountName", i) == "helpdesk" &&
			l.n("Timestamp", i) <= p.n("Timestamp", svc[0]) && l.s("RemoteIP", i) != ""
	})
	if len(logons) == 0 {
		t.Error("no network logon of helpdesk on the PsExec target before the service started")
	}
	e := tableView(t, cat, "DeviceEvents")
	if len(e.where(func(i int) bool {
		return e.s("ActionType", i) == "ServiceInstalled" && strings.Contains(e.s("AdditionalFields", i), `"ServiceName":"PSEXESVC"`)
	})) != 1 {
		t.Error("no ServiceInstalled event for PSEXESVC")
	}
}

// TestRansomware: shadow copies deleted, and a burst of .locked renames by one process on one device.
func TestRansomware(t *testing.T) {
	cat := demo(t)
	p := tableView(t, cat, "DeviceProcessEvents")
	for _, want := range []string{"vssadmin.exe  delete shadows /all /quiet", "wmic.exe  shadowcopy delete"} {
		if len(p.where(func(i int) bool { return containsFold(p.s("ProcessCommandLine", i), want) })) < 2 {
			t.Errorf("fewer than 2 processes run %q (one server, one workstation)", want)
		}
	}
	f := tableView(t, cat, "DeviceFileEvents")
	burst := map[string][]int64{}
	for _, i := range f.where(func(i int) bool {
		return f.s("ActionType", i) == "FileRenamed" && strings.HasSuffix(f.s("FileName", i), ".locked") && f.s("PreviousFileName", i) != ""
	}) {
		k := f.s("DeviceId", i) + "|" + f.s("InitiatingProcessFileName", i)
		burst[k] = append(burst[k], f.n("Timestamp", i))
	}
	big := 0
	for _, ts := range burst {
		lo, hi := ts[0], ts[0]
		for _, v := range ts {
			lo, hi = min(lo, v), max(hi, v)
		}
		if len(ts) >= 100 && time.Duration(hi-lo) < 15*time.Minute {
			big++
		}
	}
	if big < 2 {
		t.Errorf("%d devices with >= 100 .locked renames within 15 minutes, want 2", big)
	}
}

// TestPhishingChain: a delivered message from the lure domain, a click on its URL by the recipient, and the
// document downloaded from that URL on the recipient's device afterwards.
func TestPhishingChain(t *testing.T) {
	cat := demo(t)
	m := tableView(t, cat, "EmailEvents")
	msgs := m.where(func(i int) bool {
		return m.s("SenderFromDomain", i) == phishDomain && m.s("DeliveryAction", i) == "Delivered"
	})
	if len(msgs) < 2 {
		t.Fatalf("%d delivered lure messages, want several recipients", len(msgs))
	}
	c := tableView(t, cat, "UrlClickEvents")
	clicks := c.where(func(i int) bool {
		for _, j := range msgs {
			if c.s("NetworkMessageId", i) == m.s("NetworkMessageId", j) && c.s("AccountUpn", i) == m.s("RecipientEmailAddress", j) {
				return c.s("ActionType", i) == "ClickAllowed"
			}
		}
		return false
	})
	if len(clicks) != 1 {
		t.Fatalf("%d allowed clicks joined to the lure by NetworkMessageId and recipient, want 1", len(clicks))
	}
	clickTime := c.n("Timestamp", clicks[0])
	f := tableView(t, cat, "DeviceFileEvents")
	dl := f.where(func(i int) bool {
		return strings.Contains(f.s("FileOriginUrl", i), phishDomain) && f.n("Timestamp", i) > clickTime &&
			f.s("InitiatingProcessAccountUpn", i) == c.s("AccountUpn", clicks[0])
	})
	if len(dl) == 0 {
		t.Error("no download from the lure URL by the clicking user after the click")
	}
	pd := tableView(t, cat, "EmailPostDeliveryEvents")
	if len(pd.where(func(i int) bool { return pd.s("ActionType", i) == "Phish ZAP" })) == 0 {
		t.Error("no Phish ZAP post-delivery action")
	}
}

// TestOAuthConsent: a user consent to a high-privilege external app, visible in RawEventData, and the app's
// mail access afterwards.
func TestOAuthConsent(t *testing.T) {
	cat := demo(t)
	c := tableView(t, cat, "CloudAppEvents")
	consent := c.where(func(i int) bool { return c.s("ActionType", i) == "Consent to application." })
	if len(consent) != 1 {
		t.Fatalf("%d consent events, want 1", len(consent))
	}
	raw, _ := c.col("RawEventData").Dyn[consent[0]].(map[string]any)
	props, _ := raw["ModifiedProperties"].([]any)
	found := false
	for _, p := range props {
		if m, ok := p.(map[string]any); ok && m["Name"] == "ConsentContext.IsAdminConsent" && m["NewValue"] == "False" {
			found = true
		}
	}
	if !found {
		t.Error("RawEventData.ModifiedProperties lacks ConsentContext.IsAdminConsent = False")
	}
	app := c.s("OAuthAppId", consent[0])
	access := c.where(func(i int) bool { return c.s("OAuthAppId", i) == app && c.s("ActionType", i) == "MailItemsAccessed" })
	if len(access) < 10 {
		t.Errorf("%d MailItemsAccessed by the consented app, want a series", len(access))
	}
	o := tableView(t, cat, "OAuthAppInfo")
	if len(o.where(func(i int) bool { return o.s("OAuthAppId", i) == app && o.s("PrivilegeLevel", i) == "High" })) != 1 {
		t.Error("OAuthAppInfo lacks the app as High privilege")
	}
}

// TestAlertEvidence: every evidence row belongs to an AlertInfo alert, each story has an alert, and device
// evidence points at real devices.
func TestAlertEvidence(t *testing.T) {
	cat := demo(t)
	info := tableView(t, cat, "AlertInfo")
	ids := map[string]string{}
	for i := 0; i < info.tb.Rows(); i++ {
		ids[info.s("AlertId", i)] = info.s("Title", i)
	}
	ev := tableView(t, cat, "AlertEvidence")
	for i := 0; i < ev.tb.Rows(); i++ {
		if _, ok := ids[ev.s("AlertId", i)]; !ok {
			t.Fatalf("evidence row %d has unknown AlertId %s", i, ev.s("AlertId", i))
		}
		if d := ev.s("DeviceId", i); d != "" && cat.DeviceGroups[d] == "" {
			t.Fatalf("evidence row %d names unknown device %s", i, d)
		}
	}
	titles := map[string]bool{}
	for _, v := range ids {
		titles[v] = true
	}
	for _, want := range []string{"Suspicious PowerShell download cradle", "Suspicious access to LSASS service", "Suspicious service creation (PsExec)",
		"Ransomware behavior detected in the file system", "A potentially malicious URL click was detected", "Unusual addition of credentials to an OAuth app"} {
		if !titles[want] {
			t.Errorf("no alert titled %q", want)
		}
	}
}
