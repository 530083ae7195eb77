package telemetry

import (
	"fmt"
	"time"
)

// churnFiles are the per-profile cache and temp files that applications rewrite all day.
func churnFiles(d *device) []*file {
	u := `C:\Users\` + d.owner.profile + `\AppData\`
	var out []*file
	for i := 0; i < 24; i++ {
		out = append(out,
			dataFile(fmt.Sprintf(`%sLocal\Google\Chrome\User Data\Default\Cache\Cache_Data\f_%06x`, u, 0x1a0+i*7), fmt.Sprintf("cache|%s|%d", d.id, i), int64(4096+i*913)),
			dataFile(fmt.Sprintf(`%sLocal\Packages\MSTeams_8wekyb3d8bbwe\LocalCache\Microsoft\MSTeams\EBWebView\Default\Cache\data_%d`, u, i%4), fmt.Sprintf("teams|%s|%d", d.id, i), int64(8192+i*1024)),
			dataFile(fmt.Sprintf(`%sLocal\Temp\~DF%04X.tmp`, u, 0x3A1F+i*13), fmt.Sprintf("tmp|%s|%d", d.id, i), int64(16384)),
		)
	}
	return out
}

// churn is the short-lived process and file noise of a busy Windows session: brokers, search, SmartScreen,
// cache writes and DNS lookups. Real tenants are dominated by it; hunting queries must filter through it.
func (g *generator) churn(d *device, day int, explorer, browser, teams *proc, ep endpoints, dl dllSet) {
	r := g.activity
	cmds := map[int]string{iRuntimeBroker: `C:\Windows\System32\RuntimeBroker.exe -Embedding`, iBackgroundTaskHost: `"C:\Windows\system32\backgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountProvider`, iSearchProtocolHost: `"C:\Windows\system32\SearchProtocolHost.exe" Global\UsGthrFltPipeMssGthrPipe1_ Global\UsGthrCtrlFltPipeMssGthrPipe1 1 -2147483646 "Software\Microsoft\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)"`, iSmartScreen: `C:\Windows\System32\smartscreen.exe -Embedding`, iConhost: `\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1`}
	writers := [3]*proc{browser, teams, explorer}
	kinds := []int{iRuntimeBroker, iBackgroundTaskHost, iSearchProtocolHost, iSmartScreen, iConhost}
	actions := []string{"FileCreated", "FileModified", "FileModified", "FileDeleted"}
	settings := []regInfo{
		{key: `HKEY_CURRENT_USER\` + d.owner.sid + `\SOFTWARE\Microsoft\Windows\CurrentVersion\Explorer\RecentDocs`, valueName: "MRUListEx", valueData: "", valueType: "Binary"},
		{key: `HKEY_CURRENT_USER\` + d.owner.sid + `\SOFTWARE\Microsoft\Windows\CurrentVersion\CloudStore\Store\Cache\DefaultAccount`, valueName: "Data", valueData: "", valueType: "Binary"},
		{key: `HKEY_CURRENT_USER\` + d.owner.sid + `\SOFTWARE\Microsoft\Windows\CurrentVersion\Explorer\UserAssist\{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}\Count`, valueName: "HRZR_PGYFRFFVBA", valueData: "", valueType: "Binary"},
	}
	loads := []*file{dl.ntdll, dl.kernel32, dl.wininet, dl.winhttp, dl.urlmon}
	for i, n := 0, 95+r.IntN(30); i < n; i++ {
		ts, ok := g.c.at(r, day, false)
		if !ok || ts < explorer.created {
			continue
		}
		switch k := r.IntN(20); {
		case k < 7:
			img := pick(r, kinds)
			acct := d.owner
			if img == iSearchProtocolHost {
				acct = g.w.system
			}
			p := g.spawn(d, d.svchost[0], img, cmds[img], acct, ts)
			if r.chance(0.3) {
				g.imageLoad(d, p, ts+int64(50*time.Millisecond), pick(r, loads))
			}
		case k < 9:
			g.regEvent(d, explorer, ts, "RegistryValueSet", pick(r, settings))
		case k < 17:
			i := r.IntN(len(d.churn))
			g.fileEvent(d, writers[i%3], ts, pick(r, actions), d.churn[i], nil)
		default:
			add := ep.dns[r.IntN(len(ep.dns))]
			g.devEvent(d, d.svchost[2], ts, "DnsQueryResponse", func(rw *row) { rw.additional = add })
		}
	}
}
