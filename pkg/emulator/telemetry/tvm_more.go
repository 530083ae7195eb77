package telemetry

import (
	"strings"
	"time"
)

// tvmConfig is one security configuration of the secure configuration assessment.
type tvmConfig struct {
	id, name, category, subcategory, description, risk, remediation string
	impact                                                          float64
	compliantEvery                                                  int // every n-th device is compliant... inverted: devices with idx%n == 0 fail
}

func secureConfigs() []tvmConfig {
	return []tvmConfig{
		{"scid-2010", "Update Microsoft Defender Antivirus definitions", "Security controls", "Antivirus", "Keep antivirus definitions current", "Outdated definitions miss new threats", "Run Windows Update or MpCmdRun -SignatureUpdate", 9, 9},
		{"scid-91", "Enable 'Local Security Authority (LSA) protection'", "OS", "Credential Guard", "Run LSASS as a protected process", "Credential theft tools can read LSASS memory", "Set RunAsPPL=1 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa", 8, 2},
		{"scid-2003", "Turn on Microsoft Defender Antivirus PUA protection", "Security controls", "Antivirus", "Block potentially unwanted applications", "Unwanted software installs unnoticed", "Set PUAProtection to Enabled", 3, 3},
		{"scid-2090", "Block credential stealing from the Windows local security authority subsystem (lsass.exe)", "Security controls", "Attack Surface Reduction", "ASR rule 9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2", "Credential dumping succeeds", "Enable the ASR rule in block mode", 7, 2},
		{"scid-2021", "Block Office applications from creating child processes", "Security controls", "Attack Surface Reduction", "ASR rule d4f940ab-401b-4efc-aadc-ad5f3c50688a", "Macros can start PowerShell", "Enable the ASR rule in block mode", 8, 2},
		{"scid-64", "Disable 'SMBv1 client driver'", "Network", "SMB", "Remove the SMBv1 client", "SMBv1 is exploitable (EternalBlue)", "Disable the mrxsmb10 driver", 6, 5},
		{"scid-39", "Set 'Minimum password length' to '14 or more characters'", "Accounts", "Password policy", "Require long passwords", "Short passwords are guessable", "Set the policy via GPO", 5, 4},
		{"scid-4", "Set 'Interactive logon: Machine inactivity limit' to '900 seconds or less'", "Accounts", "Security Options", "Lock idle sessions", "Unattended sessions can be used", "Set InactivityTimeoutSecs", 2, 3},
	}
}

// securityInventory writes the secure configuration assessment (+KB), certificate info of the images on each
// Windows device, browser extensions (+KB) and hardware/firmware rows.
func (g *generator) securityInventory() {
	cfgs := secureConfigs()
	asm, kb := g.builders["DeviceTvmSecureConfigurationAssessment"], g.builders["DeviceTvmSecureConfigurationAssessmentKB"]
	certs, hw := g.builders["DeviceFileCertificateInfo"], g.builders["DeviceTvmHardwareFirmware"]
	ext, extKB := g.builders["DeviceTvmBrowserExtensions"], g.builders["DeviceTvmBrowserExtensionsKB"]
	snapshot := g.c.end - int64(6*time.Hour)
	for _, d := range g.w.devices {
		if d.os.family != "windows" {
			continue
		}
		for i := range cfgs {
			c := &cfgs[i]
			r := g.reset(snapshot, d, "")
			r.sec = &secRec{cfg: c, compliant: d.idx%c.compliantEvery != 0}
			asm.add(r)
		}
		for k, f := range d.images {
			if k == iSystem || f.company == "" && f.signer == "" && k != iPayload && k != iLocker {
				continue
			}
			if strings.HasPrefix(f.path, "/") {
				continue
			}
			r := g.reset(snapshot-int64(k)*int64(time.Minute), d, "")
			r.file, r.sec = f, &secRec{}
			certs.add(r)
		}
		for _, h := range [][3]string{{"Bios", "Dell Inc.", "1.18.0"}, {"Processor", "Intel", "13th Gen Intel(R) Core(TM) i7-1365U"}, {"Tpm", "Infineon", "7.85"}} {
			if d.server {
				h = [3]string{h[0], "Microsoft Corporation", "Hyper-V UEFI Release v4.1"}
			}
			r := g.reset(snapshot, d, "")
			r.sec = &secRec{hw: h}
			hw.add(r)
		}
		if !d.server {
			for i, e := range browserExtensions() {
				if (d.idx+i)%3 == 0 {
					continue
				}
				r := g.reset(snapshot, d, "")
				r.sec = &secRec{ext: e, installed: g.c.start - int64(i+1)*int64(24*time.Hour)}
				ext.add(r)
			}
		}
	}
	for i := range cfgs {
		r := g.reset(snapshot, nil, "")
		r.sec = &secRec{cfg: &cfgs[i]}
		kb.add(r)
	}
	for _, e := range browserExtensions() {
		for _, p := range e.perms {
			r := g.reset(snapshot, nil, "")
			r.sec = &secRec{ext: e, perm: p}
			extKB.add(r)
		}
	}
}

type browserExt struct {
	browser, id, name, description, version, risk, vendor string
	perms                                                 [][2]string // name, risk
}

func browserExtensions() []browserExt {
	return []browserExt{
		{"Chrome", "cjpalhdlnbpafiamejdnhcphjbkeiagm", "uBlock Origin", "An efficient blocker", "1.56.0", "Medium", "Raymond Hill", [][2]string{{"webRequest", "Medium"}, {"<all_urls>", "High"}}},
		{"Chrome", "ghbmnnjooekpmoecnnnilnnbdlolhkhi", "Google Docs Offline", "Edit documents offline", "1.73.0", "Low", "Google", [][2]string{{"storage", "Low"}}},
		{"Edge", "mkjjckchdfhjbpckippbnipkdnlidbeb", "Microsoft Editor", "Spelling and grammar checker", "1.4.1", "Low", "Microsoft Corporation", [][2]string{{"activeTab", "Low"}}},
		{"Chrome", "lpfcbjknijpeeillifnkikgncikgfhdo", "PDF Converter Pro", "Convert pages to PDF", "3.2.7", "High", "Unknown", [][2]string{{"<all_urls>", "High"}, {"cookies", "High"}, {"tabs", "Medium"}}},
	}
}

// secRec carries one security inventory record.
type secRec struct {
	cfg       *tvmConfig
	compliant bool
	hw        [3]string
	ext       browserExt
	perm      [2]string
	installed int64
}

func securityFields() fields {
	s := func(get func(*secRec) string) cell {
		return str(func(r *row) string {
			if r.sec == nil {
				return ""
			}
			return get(r.sec)
		})
	}
	cfg := func(get func(*tvmConfig) string) cell {
		return s(func(x *secRec) string {
			if x.cfg == nil {
				return ""
			}
			return get(x.cfg)
		})
	}
	yes := func(get func(*row) bool) cell { return flag(func(r *row) (bool, bool) { return get(r), r.sec != nil }) }
	signed := func(r *row) bool { return r.file != nil && r.file.signer != "" }
	return fields{
		"OSPlatform":               devStr(func(d *device) string { return d.os.platform }),
		"ConfigurationId":          cfg(func(c *tvmConfig) string { return c.id }),
		"ConfigurationName":        cfg(func(c *tvmConfig) string { return c.name }),
		"ConfigurationCategory":    cfg(func(c *tvmConfig) string { return c.category }),
		"ConfigurationSubcategory": cfg(func(c *tvmConfig) string { return c.subcategory }),
		"ConfigurationDescription": cfg(func(c *tvmConfig) string { return c.description }),
		"RiskDescription":          cfg(func(c *tvmConfig) string { return c.risk }),
		"RemediationOptions":       cfg(func(c *tvmConfig) string { return c.remediation }),
		"ConfigurationImpact": {real: func(r *row) (float64, bool) {
			if r.sec == nil || r.sec.cfg == nil {
				return 0, false
			}
			return r.sec.cfg.impact, true
		}},
		"IsCompliant":          yes(func(r *row) bool { return r.sec.compliant }),
		"IsApplicable":         yes(func(*row) bool { return true }),
		"IsExpectedUserImpact": yes(func(*row) bool { return false }),
		"Context":              {dyn: func(r *row) any { return []any{} }},
		"ConfigurationBenchmarks": {dyn: func(r *row) any {
			return []any{map[string]any{"Benchmark": "CIS", "Id": "18.9.47", "Status": true}}
		}},
		"Tags": {dyn: func(r *row) any { return []any{"Windows", "Security"} }},
		// DeviceFileCertificateInfo.
		"IsSigned":                yes(signed),
		"IsTrusted":               yes(signed),
		"IsRootSignerMicrosoft":   yes(func(r *row) bool { return signed(r) && r.file.signer != "ThirdParty" }),
		"SignatureType":           str(func(r *row) string { return when(r.file != nil && r.file.signer != "", "Embedded") }),
		"Signer":                  str(func(r *row) string { return signerName(r.file) }),
		"Issuer":                  str(func(r *row) string { return issuerName(r.file) }),
		"SignerHash":              str(func(r *row) string { return signerHash(r.file, "signer") }),
		"IssuerHash":              str(func(r *row) string { return signerHash(r.file, "issuer") }),
		"CertificateSerialNumber": str(func(r *row) string { return signerHash(r.file, "serial")[:32] }),
		"CertificateCreationTime": num(func(r *row) (int64, bool) {
			return r.ts - int64(300*24*time.Hour), r.file != nil && r.file.signer != ""
		}),
		"CertificateExpirationTime": num(func(r *row) (int64, bool) {
			return r.ts + int64(200*24*time.Hour), r.file != nil && r.file.signer != ""
		}),
		// DeviceTvmHardwareFirmware.
		"ComponentType":    s(func(x *secRec) string { return x.hw[0] }),
		"Manufacturer":     s(func(x *secRec) string { return x.hw[1] }),
		"ComponentName":    s(func(x *secRec) string { return x.hw[2] }),
		"ComponentVersion": s(func(x *secRec) string { return when(x.hw[0] == "Bios", x.hw[2]) }),
		// DeviceTvmBrowserExtensions (+KB).
		"BrowserName":           s(func(x *secRec) string { return x.ext.browser }),
		"ExtensionId":           s(func(x *secRec) string { return x.ext.id }),
		"ExtensionName":         s(func(x *secRec) string { return x.ext.name }),
		"ExtensionDescription":  s(func(x *secRec) string { return x.ext.description }),
		"ExtensionVersion":      {str: s(func(x *secRec) string { return x.ext.version }).str, dyn: func(r *row) any { return []any{r.sec.ext.version} }},
		"ExtensionRisk":         s(func(x *secRec) string { return x.ext.risk }),
		"ExtensionVendor":       s(func(x *secRec) string { return x.ext.vendor }),
		"IsActivated":           s(func(*secRec) string { return "true" }),
		"InstallationTime":      num(func(r *row) (int64, bool) { return r.sec.installed, r.sec != nil && r.sec.installed != 0 }),
		"PermissionName":        s(func(x *secRec) string { return x.perm[0] }),
		"PermissionId":          s(func(x *secRec) string { return x.perm[0] }),
		"PermissionDescription": s(func(x *secRec) string { return when(x.perm[0] != "", "Allows the extension to use "+x.perm[0]) }),
		"PermissionRisk":        s(func(x *secRec) string { return x.perm[1] }),
		"IsPermissionRequired":  s(func(x *secRec) string { return when(x.perm[0] != "", "true") }),
	}
}

func signerName(f *file) string {
	if f == nil || f.signer == "" {
		return ""
	}
	return f.company
}

func issuerName(f *file) string {
	switch {
	case f == nil || f.signer == "":
		return ""
	case f.signer == "ThirdParty":
		return "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1"
	}
	return "Microsoft Windows Production PCA 2011"
}

func signerHash(f *file, what string) string {
	if f == nil || f.signer == "" {
		return strings.Repeat("0", 40)
	}
	h, _, _ := digests(what + "|" + f.company)
	return h
}
