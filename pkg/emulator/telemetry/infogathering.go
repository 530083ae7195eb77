package telemetry

import "time"

// igField is one DeviceTvmInfoGathering field as its knowledge base describes it.
type igField struct{ id, name, description, structure string }

func infoGatheringFields() []igField {
	return []igField{
		{"IG-0001", "AsrConfigurationStates", "Attack surface reduction rule states (Off, Audit, Block, Warn)", "Dictionary"},
		{"IG-0002", "TlsClient10", "Whether the TLS 1.0 client protocol is enabled", "String"},
		{"IG-0003", "TlsServer10", "Whether the TLS 1.0 server protocol is enabled", "String"},
		{"IG-0004", "Log4j_CVE_2021_44228", "Log4j CVE-2021-44228 mitigation status", "String"},
		{"IG-0005", "AvMode", "Microsoft Defender Antivirus mode (0 active, 1 passive, 4 EDR block)", "String"},
		{"IG-0006", "AvSignatureVersion", "Antivirus security intelligence version", "String"},
	}
}

// infoGathering writes one DeviceTvmInfoGathering row per Windows device (its AdditionalFields, a dynamic
// bag built once per device) and the field knowledge base.
func (g *generator) infoGathering() {
	b, kb := g.builders["DeviceTvmInfoGathering"], g.builders["DeviceTvmInfoGatheringKB"]
	if b == nil || kb == nil {
		return
	}
	ts := g.c.end - int64(3*time.Hour)
	for _, d := range g.w.devices {
		if d.os.family != "windows" {
			continue
		}
		officeChild := "Audit"
		if d.idx%2 == 0 {
			officeChild = "Block"
		}
		bag := map[string]any{
			"AsrConfigurationStates": map[string]any{
				"BlockOfficeChildProcess":          officeChild,
				"BlockCredentialStealingFromLsass": when(d.idx%3 != 0, "Block") + when(d.idx%3 == 0, "Off"),
				"BlockExecutableEmailContent":      "Block",
				"BlockPsexecAndWmiProcesses":       "Off",
			},
			"TlsClient10":          "Disabled",
			"TlsServer10":          "Disabled",
			"Log4j_CVE_2021_44228": "NotApplicable",
			"AvMode":               "0",
			"AvSignatureVersion":   "1.407.568.0",
		}
		r := g.reset(ts, d, "")
		r.addDyn, r.sec = bag, &secRec{installed: ts}
		b.add(r)
	}
	for _, f := range infoGatheringFields() {
		r := g.reset(ts, nil, "")
		r.ig = &f
		kb.add(r)
	}
}

func infoGatheringCells() fields {
	s := func(get func(*igField) string) cell {
		return str(func(r *row) string {
			if r.ig == nil {
				return ""
			}
			return get(r.ig)
		})
	}
	return fields{
		"OSPlatform":    devStr(func(d *device) string { return d.os.platform }),
		"LastSeenTime":  num(func(r *row) (int64, bool) { return r.ts, r.dev != nil }),
		"IgId":          s(func(f *igField) string { return f.id }),
		"FieldName":     s(func(f *igField) string { return f.name }),
		"Description":   s(func(f *igField) string { return f.description }),
		"DataStructure": s(func(f *igField) string { return f.structure }),
		"Categories": {dyn: func(r *row) any {
			if r.ig == nil {
				return nil
			}
			return []any{"Security controls"}
		}},
	}
}
