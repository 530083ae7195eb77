package telemetry

import (
	"strings"
	"time"
)

// tvmRec is one software or vulnerability record of Defender Vulnerability Management.
type tvmRec struct {
	vendor, name, version, cve, severity, update, updateID, cvss, description, cpe string
	exploit                                                                        bool
	published                                                                      int64
	tags, affected                                                                 any
}

type software struct {
	vendor, name, version string
	family                string // windows, linux, macos, any
	cves                  []string
}

func catalogue() []software {
	return []software{
		{"microsoft", "windows_11", "10.0.22631.3155", "windows", []string{"CVE-2024-21338", "CVE-2024-21412"}},
		{"microsoft", "windows_10", "10.0.19045.4046", "windows", []string{"CVE-2024-21338"}},
		{"microsoft", "windows_server_2022", "10.0.20348.2322", "windows", []string{"CVE-2024-21412"}},
		{"google", "chrome", "122.0.6261.112", "windows", []string{"CVE-2024-2173"}},
		{"microsoft", "edge_chromium", "122.0.2365.80", "windows", nil},
		{"microsoft", "office", "16.0.17328.20142", "windows", []string{"CVE-2024-21413"}},
		{"microsoft", "teams", "24033.811.2738.2546", "windows", nil},
		{"7-zip", "7-zip", "19.00.0.0", "windows", []string{"CVE-2022-29072"}},
		{"zoom", "zoom", "5.16.10.26186", "windows", nil},
		{"canonical", "ubuntu_linux", "22.04", "linux", []string{"CVE-2024-1086"}},
		{"openbsd", "openssh", "8.9p1", "linux", []string{"CVE-2023-48795"}},
		{"apple", "macos", "14.3", "macos", nil},
	}
}

func cveFacts() map[string]tvmRec {
	return map[string]tvmRec{
		"CVE-2024-21338": {severity: "High", cvss: "7.8", exploit: true, description: "Windows Kernel Elevation of Privilege Vulnerability", update: "February 2024 Security Updates", updateID: "5034765"},
		"CVE-2024-21412": {severity: "High", cvss: "8.1", exploit: true, description: "Internet Shortcut Files Security Feature Bypass Vulnerability", update: "February 2024 Security Updates", updateID: "5034765"},
		"CVE-2024-2173":  {severity: "High", cvss: "8.8", description: "Out of bounds memory access in V8 in Google Chrome", update: "Update Chrome to 122.0.6261.128"},
		"CVE-2024-21413": {severity: "Critical", cvss: "9.8", exploit: true, description: "Microsoft Outlook Remote Code Execution Vulnerability (MonikerLink)", update: "February 2024 Security Updates", updateID: "5002537"},
		"CVE-2022-29072": {severity: "High", cvss: "7.8", exploit: true, description: "7-Zip privilege escalation via the Help file", update: "Update 7-Zip to 22.00"},
		"CVE-2024-1086":  {severity: "High", cvss: "7.8", exploit: true, description: "Linux kernel netfilter nf_tables use-after-free", update: "Update linux-image"},
		"CVE-2023-48795": {severity: "Medium", cvss: "5.9", description: "SSH Terrapin prefix truncation attack", update: "Update openssh-server"},
	}
}

// tvm writes the software inventory and vulnerabilities of every device, and the CVE knowledge base.
func (g *generator) tvm() {
	inv, vul, kb := g.builders["DeviceTvmSoftwareInventory"], g.builders["DeviceTvmSoftwareVulnerabilities"], g.builders["DeviceTvmSoftwareVulnerabilitiesKB"]
	if inv == nil || vul == nil || kb == nil {
		return
	}
	facts := cveFacts()
	sw := catalogue()
	for _, d := range g.w.devices {
		for i := range sw {
			s := &sw[i]
			if s.family != d.os.family || (strings.HasPrefix(s.name, "windows_") && !osMatches(s.name, d.os.platform)) {
				continue
			}
			rec := &tvmRec{vendor: s.vendor, name: s.name, version: s.version, cpe: "cpe:2.3:a:" + s.vendor + ":" + s.name + ":" + s.version + ":*:*:*:*:*:*:*"}
			r := g.reset(0, d, "")
			r.tvm = rec
			inv.add(r)
			for _, cve := range s.cves {
				f := facts[cve]
				v := &tvmRec{vendor: s.vendor, name: s.name, version: s.version, cve: cve, severity: f.severity, update: f.update, updateID: f.updateID, tags: []any{}}
				if f.exploit {
					v.tags = []any{"ExploitVerified"}
				}
				r := g.reset(0, d, "")
				r.tvm = v
				vul.add(r)
			}
		}
	}
	published := g.c.start - int64(40*24*time.Hour)
	for _, cve := range []string{"CVE-2022-29072", "CVE-2023-48795", "CVE-2024-1086", "CVE-2024-21338", "CVE-2024-21412", "CVE-2024-21413", "CVE-2024-2173"} {
		f := facts[cve]
		f.cve, f.published = cve, published
		f.affected = []any{map[string]any{"Vendor": "various"}}
		r := g.reset(0, nil, "")
		r.tvm = &f
		kb.add(r)
	}
}

func osMatches(sw, platform string) bool {
	switch sw {
	case "windows_11":
		return platform == "Windows11"
	case "windows_10":
		return platform == "Windows10"
	case "windows_server_2022":
		return strings.HasPrefix(platform, "WindowsServer")
	}
	return false
}

func tvmFields(table string) fields {
	if !strings.HasPrefix(table, "DeviceTvmSoftware") {
		return nil
	}
	t := func(get func(*tvmRec) string) cell {
		return str(func(r *row) string {
			if r.tvm == nil {
				return ""
			}
			return get(r.tvm)
		})
	}
	return fields{
		"OSPlatform":                  devStr(func(d *device) string { return d.os.platform }),
		"OSVersion":                   devStr(func(d *device) string { return d.os.version }),
		"OSArchitecture":              devStr(func(d *device) string { return d.os.arch }),
		"SoftwareVendor":              t(func(x *tvmRec) string { return x.vendor }),
		"SoftwareName":                t(func(x *tvmRec) string { return x.name }),
		"SoftwareVersion":             t(func(x *tvmRec) string { return x.version }),
		"ProductCodeCpe":              t(func(x *tvmRec) string { return x.cpe }),
		"EndOfSupportStatus":          t(func(*tvmRec) string { return "" }),
		"CveId":                       t(func(x *tvmRec) string { return x.cve }),
		"VulnerabilitySeverityLevel":  t(func(x *tvmRec) string { return x.severity }),
		"RecommendedSecurityUpdate":   t(func(x *tvmRec) string { return x.update }),
		"RecommendedSecurityUpdateId": t(func(x *tvmRec) string { return x.updateID }),
		"CvssScore":                   t(func(x *tvmRec) string { return x.cvss }),
		"VulnerabilityDescription":    t(func(x *tvmRec) string { return x.description }),
		"IsExploitAvailable":          flag(func(r *row) (bool, bool) { return r.tvm != nil && r.tvm.exploit, r.tvm != nil }),
		"PublishedDate":               num(func(r *row) (int64, bool) { return publishedOf(r.tvm) }),
		"LastModifiedTime":            num(func(r *row) (int64, bool) { return publishedOf(r.tvm) }),
		"CveTags":                     {dyn: func(r *row) any { return tvmDyn(r.tvm, true) }},
		"AffectedSoftware":            {dyn: func(r *row) any { return tvmDyn(r.tvm, false) }},
	}
}

func publishedOf(t *tvmRec) (int64, bool) {
	if t == nil || t.published == 0 {
		return 0, false
	}
	return t.published, true
}

func tvmDyn(t *tvmRec, tags bool) any {
	switch {
	case t == nil:
		return nil
	case tags:
		return t.tags
	}
	return t.affected
}
