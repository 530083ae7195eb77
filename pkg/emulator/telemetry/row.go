package telemetry

// row is the scratch record a table generator fills before builder.add turns it into cells. Generators reuse
// one row per table, so emitting an event allocates nothing beyond the column appends.
type row struct {
	ts int64
}

// commonFields are the cells shared by every table that has a column of that name.
func commonFields() fields {
	return fields{
		"Timestamp": {num: func(r *row) (int64, bool) { return r.ts, true }},
	}
}
