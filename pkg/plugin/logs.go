package plugin

import (
	"strconv"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// bodyColumns are column names used as the log line as they are, in order of preference.
func bodyColumns() []string {
	return []string{"body", "Body", "Message", "message", "Title", "Description"}
}

// toLogs shapes a result for Grafana's logs panel: the time column first, then a "body" string field,
// then every other column as a detail field. The body is the first column bodyColumns names, or
// else the row rendered as Name=value pairs (null cells left out) so that any hunting query reads as
// a log line.
func toLogs(src *data.Frame, timeCol string) (*data.Frame, *data.Notice) {
	ti := timeIndex(src, timeCol)
	if ti < 0 {
		return nil, &data.Notice{Severity: data.NoticeSeverityWarning,
			Text: "The logs format needs a datetime column (e.g. Timestamp); the result has none, so it is shown as a table."}
	}
	bi := -1
	for _, name := range bodyColumns() {
		_, i := src.FieldByName(name)
		if i < 0 {
			continue
		}
		if t := src.Fields[i].Type(); t == data.FieldTypeString || t == data.FieldTypeNullableString {
			bi = i
			break
		}
	}
	rows := src.Rows()
	body := make([]string, rows)
	for r := range rows {
		if bi >= 0 {
			body[r], _ = cellString(src.Fields[bi], r)
			continue
		}
		body[r] = logLine(src, r, ti)
	}
	out := data.NewFrame(src.Name, src.Fields[ti], data.NewField("body", nil, body))
	for i, f := range src.Fields {
		if i != ti && i != bi {
			out.Fields = append(out.Fields, f)
		}
	}
	out.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeLogs}
	return out, nil
}

func logLine(src *data.Frame, r, ti int) string {
	var b strings.Builder
	for i, f := range src.Fields {
		if i == ti {
			continue
		}
		v, ok := cellString(f, r)
		if !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f.Name)
		b.WriteByte('=')
		if v == "" || strings.ContainsAny(v, " \t\n\"=") {
			v = strconv.Quote(v)
		}
		b.WriteString(v)
	}
	return b.String()
}
