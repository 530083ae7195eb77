package emulatortest

import (
	"context"
	"regexp"
	"slices"
	"strconv"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// EngineFunc adapts a function to dataset.Engine.
type EngineFunc func(ctx context.Context, q dataset.Query) (*dataset.Table, error)

// Run calls f.
func (f EngineFunc) Run(ctx context.Context, q dataset.Query) (*dataset.Table, error) {
	return f(ctx, q)
}

// TableEngine answers "Table" and "Table | take N" (or limit N) from a fixed catalog, honouring the
// query's From/To (on a Timestamp column), DeviceGroups (on a DeviceId column) and MaxRows like the real
// engine. Anything else is a *dataset.QueryError. Tests use it when they need rows they know exactly.
type TableEngine struct {
	Catalog *dataset.Catalog
}

var takeRE = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*(?:take|limit)\s+(\d+)\s*)?$`)

// Run answers q.
func (e TableEngine) Run(ctx context.Context, q dataset.Query) (*dataset.Table, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := takeRE.FindStringSubmatch(q.Text)
	if m == nil {
		return nil, &dataset.QueryError{Message: "Syntax error: TableEngine answers only 'Table' or 'Table | take N'", Line: 1, Column: 1}
	}
	src := e.Catalog.Tables[m[1]]
	if src == nil {
		return nil, &dataset.QueryError{Message: "'" + m[1] + "': Failed to resolve table expression named '" + m[1] + "'", Line: 1, Column: 1}
	}
	limit := -1
	if m[2] != "" {
		limit, _ = strconv.Atoi(m[2]) // the pattern admits digits only
	}
	if q.MaxRows > 0 && (limit < 0 || limit > q.MaxRows) {
		limit = q.MaxRows
	}
	var keep []int
	ts, dev := src.Column("Timestamp"), src.Column("DeviceId")
	for i := 0; i < src.Rows() && (limit < 0 || len(keep) < limit); i++ {
		if ts != nil && ts.Type == dataset.DateTime && !ts.IsNull(i) {
			if (!q.From.IsZero() && ts.Int[i] < q.From.UnixNano()) || (!q.To.IsZero() && ts.Int[i] > q.To.UnixNano()) {
				continue
			}
		}
		if q.DeviceGroups != nil && dev != nil && !slices.Contains(q.DeviceGroups, e.Catalog.DeviceGroups[dev.Str[i]]) {
			continue
		}
		keep = append(keep, i)
	}
	return pick(src, keep), nil
}

// pick copies the rows keep of t.
func pick(t *dataset.Table, keep []int) *dataset.Table {
	out := &dataset.Table{Name: t.Name}
	for _, c := range t.Columns {
		nc := dataset.NewColumn(c.Name, c.Type, len(keep))
		for _, i := range keep {
			switch c.Type {
			case dataset.String, dataset.GUID:
				nc.Str = append(nc.Str, c.Str[i])
			case dataset.Real, dataset.Decimal:
				nc.Real = append(nc.Real, c.Real[i])
			case dataset.Dynamic:
				nc.Dyn = append(nc.Dyn, c.Dyn[i])
			default:
				nc.Int = append(nc.Int, c.Int[i])
			}
		}
		for j, i := range keep {
			if c.IsNull(i) {
				nc.SetNull(j)
			}
		}
		out.Columns = append(out.Columns, nc)
	}
	return out
}
