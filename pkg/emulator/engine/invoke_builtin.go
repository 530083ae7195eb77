package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// fileProfileColumns are the columns Defender's FileProfile() enrichment adds. The emulator has no global
// file intelligence, so they are empty: queries that invoke FileProfile run and filter on nulls.
var fileProfileColumns = []struct {
	name string
	t    dataset.Type
}{
	{"GlobalPrevalence", dataset.Long}, {"GlobalFirstSeen", dataset.DateTime}, {"GlobalLastSeen", dataset.DateTime},
	{"Signer", dataset.String}, {"Issuer", dataset.String}, {"SignerHash", dataset.String},
	{"IsCertificateValid", dataset.Bool}, {"IsRootSignerMicrosoft", dataset.Bool}, {"SignatureState", dataset.String},
	{"IsExecutable", dataset.Bool}, {"ThreatName", dataset.String}, {"Publisher", dataset.String},
	{"SoftwareName", dataset.String}, {"ProfileAvailability", dataset.String},
}

// invokeBuiltin runs Defender's built-in tabular functions used with invoke; ok is false for other names.
func invokeBuiltin(name string, in *dataset.Table) (*dataset.Table, bool) {
	if name != "FileProfile" {
		return nil, false
	}
	out := &dataset.Table{Name: in.Name, Columns: append([]*dataset.Column(nil), in.Columns...)}
	for _, c := range fileProfileColumns {
		if out.Column(c.name) == nil {
			out.Columns = append(out.Columns, nullCol(c.name, c.t, in.Rows()))
		}
	}
	return out, true
}
