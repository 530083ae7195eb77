package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// execution is one engine run's outcome, measured.
type execution struct {
	table   *dataset.Table
	rows    int           // rows to send (the table's rows, capped)
	elapsed time.Duration // engine time on the server's clock
	cpu     time.Duration // charged CPU (elapsed times the CPU scale)
}

// resultBody is an API answer assembled around the streamed rows: prefix, rows, "]}".
type resultBody struct {
	prefix   []byte
	rows     *rowEncoder
	rowBytes int64
}

const resultSuffix = "]}"

// newResultBody sizes the rows with a dry run (so the answer carries an exact Content-Length and the size cap
// can be applied before the status is sent) and builds the envelope of api. dropLastSchemaColumn makes the
// schema disagree with the rows (the mismatch fault).
func newResultBody(api apiKind, ex *execution, dropLastSchemaColumn bool) (*resultBody, error) {
	rb := &resultBody{rows: newRowEncoder(ex.table, ex.rows)}
	n, err := rb.rows.writeTo(io.Discard)
	if err != nil {
		return nil, err
	}
	rb.rowBytes = n
	cols := ex.table.Columns
	if dropLastSchemaColumn && len(cols) > 0 {
		cols = cols[:len(cols)-1]
	}
	var b bytes.Buffer
	switch {
	case api.isGraph():
		version := "v1.0"
		if api == apiGraphBeta {
			version = "beta"
		}
		b.WriteString(`{"@odata.context":"https://graph.microsoft.com/` + version + `/$metadata#microsoft.graph.security.huntingQueryResults","schema":`)
	case api == apiXDR:
		stats, err := json.Marshal(xdrStats(ex, n))
		if err != nil {
			return nil, err
		}
		b.WriteString(`{"Stats":`)
		b.Write(stats)
		b.WriteString(`,"Schema":`)
	default:
		b.WriteString(`{"Schema":`)
	}
	writeSchema(&b, cols, api.isGraph())
	if api.isGraph() {
		b.WriteString(`,"results":[`)
	} else {
		b.WriteString(`,"Results":[`)
	}
	rb.prefix = b.Bytes()
	return rb, nil
}

func (rb *resultBody) size() int64 {
	return int64(len(rb.prefix)) + rb.rowBytes + int64(len(resultSuffix))
}

// writeTo streams the whole body.
func (rb *resultBody) writeTo(w io.Writer) error {
	if _, err := w.Write(rb.prefix); err != nil {
		return err
	}
	if _, err := rb.rows.writeTo(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, resultSuffix)
	return err
}

// writeSchema writes [{"Name":..,"Type":..}] (Graph spells the keys in lower case).
func writeSchema(b *bytes.Buffer, cols []*dataset.Column, lower bool) {
	nameKey, typeKey := `{"Name":`, `,"Type":`
	if lower {
		nameKey, typeKey = `{"name":`, `,"type":`
	}
	b.WriteByte('[')
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(nameKey)
		b.Write(appendJSONString(nil, c.Name))
		b.WriteString(typeKey)
		b.Write(appendJSONString(nil, c.Type.DotNet()))
		b.WriteByte('}')
	}
	b.WriteByte(']')
}

// Stats as Defender XDR returns them: ExecutionTime in seconds, CPU as .NET TimeSpan strings.
type statsJSON struct {
	ExecutionTime float64 `json:"ExecutionTime"`
	ResourceUsage struct {
		Cache struct {
			Memory hitStats `json:"memory"`
			Disk   hitStats `json:"disk"`
		} `json:"cache"`
		CPU struct {
			User   string `json:"user"`
			Kernel string `json:"kernel"`
			Total  string `json:"total cpu"`
		} `json:"cpu"`
		Memory struct {
			PeakPerNode int64 `json:"peak_per_node"`
		} `json:"memory"`
	} `json:"resource_usage"`
	DatasetStatistics []datasetStats `json:"dataset_statistics"`
}

type hitStats struct {
	Hits   int64 `json:"hits"`
	Misses int64 `json:"misses"`
	Total  int64 `json:"total"`
}

type datasetStats struct {
	TableRowCount int   `json:"table_row_count"`
	TableSize     int64 `json:"table_size"`
}

func xdrStats(ex *execution, rowBytes int64) statsJSON {
	var s statsJSON
	s.ExecutionTime, _ = strconv.ParseFloat(strconv.FormatFloat(ex.elapsed.Seconds(), 'f', 6, 64), 64)
	cpu := string(appendTimeSpan(nil, ex.cpu))
	s.ResourceUsage.CPU.User, s.ResourceUsage.CPU.Kernel, s.ResourceUsage.CPU.Total = cpu, "00:00:00", cpu
	s.ResourceUsage.Memory.PeakPerNode = rowBytes
	s.DatasetStatistics = []datasetStats{{TableRowCount: ex.rows, TableSize: rowBytes}}
	return s
}
