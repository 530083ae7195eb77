package dataset

import (
	"context"
	"fmt"
	"time"
)

// Type is a KQL scalar type name as Kusto spells it.
type Type string

// The KQL types the emulator stores.
const (
	String   Type = "string"
	Long     Type = "long"
	Int      Type = "int"
	Real     Type = "real"
	Decimal  Type = "decimal"
	Bool     Type = "bool"
	DateTime Type = "datetime"
	TimeSpan Type = "timespan"
	GUID     Type = "guid"
	Dynamic  Type = "dynamic"
)

// DotNet returns the .NET type name the hunting APIs put in a result's schema for t.
func (t Type) DotNet() string {
	switch t {
	case String:
		return "String"
	case Long:
		return "Int64"
	case Int:
		return "Int32"
	case Real:
		return "Double"
	case Decimal:
		return "Decimal"
	case Bool:
		return "Boolean"
	case DateTime:
		return "DateTime"
	case TimeSpan:
		return "TimeSpan"
	case GUID:
		return "Guid"
	default:
		return "Object"
	}
}

// ParseType maps a KQL type name (and the aliases the schema documents) to a Type.
func ParseType(name string) (Type, error) {
	switch name {
	case "string":
		return String, nil
	case "long", "int64":
		return Long, nil
	case "int", "int32", "integer":
		return Int, nil
	case "real", "double", "float":
		return Real, nil
	case "decimal":
		return Decimal, nil
	case "bool", "boolean":
		return Bool, nil
	case "datetime", "date":
		return DateTime, nil
	case "timespan", "time":
		return TimeSpan, nil
	case "guid", "uniqueid":
		return GUID, nil
	case "dynamic", "object", "array":
		return Dynamic, nil
	}
	return "", fmt.Errorf("unknown KQL type %q", name)
}

// Column is one typed column. Exactly one value slice is used, chosen by Type:
//
//	string, guid                  Str
//	long, int, bool (0/1)         Int
//	datetime                      Int (Unix nanoseconds, UTC)
//	timespan                      Int (nanoseconds, as time.Duration)
//	real, decimal                 Real
//	dynamic                       Dyn (JSON-shaped values: nil, bool, float64, int64, string, []any, map[string]any)
//
// Null, when not nil, has the column's length and marks null cells; a nil Null means no nulls.
// A string cell is never null in KQL (empty string instead), so string columns keep Null nil.
type Column struct {
	Name string
	Type Type
	Str  []string
	Int  []int64
	Real []float64
	Dyn  []any
	Null []bool
}

// NewColumn returns an empty column of type t with room for n values.
func NewColumn(name string, t Type, n int) *Column {
	c := &Column{Name: name, Type: t}
	switch t {
	case String, GUID:
		c.Str = make([]string, 0, n)
	case Real, Decimal:
		c.Real = make([]float64, 0, n)
	case Dynamic:
		c.Dyn = make([]any, 0, n)
	default:
		c.Int = make([]int64, 0, n)
	}
	return c
}

// Len is the number of cells.
func (c *Column) Len() int {
	switch c.Type {
	case String, GUID:
		return len(c.Str)
	case Real, Decimal:
		return len(c.Real)
	case Dynamic:
		return len(c.Dyn)
	default:
		return len(c.Int)
	}
}

// IsNull reports whether cell i is null.
func (c *Column) IsNull(i int) bool { return c.Null != nil && c.Null[i] }

// SetNull marks cell i null, allocating the null mask on first use.
func (c *Column) SetNull(i int) {
	if c.Null == nil {
		c.Null = make([]bool, c.Len())
	}
	c.Null[i] = true
}

// Value returns cell i boxed: nil for null, string, int64, float64, bool, time.Time, time.Duration or a
// dynamic value. It is for slow paths (serialization, tests), not for scans.
func (c *Column) Value(i int) any {
	if c.IsNull(i) {
		return nil
	}
	switch c.Type {
	case String, GUID:
		return c.Str[i]
	case Real, Decimal:
		return c.Real[i]
	case Dynamic:
		return c.Dyn[i]
	case Bool:
		return c.Int[i] != 0
	case DateTime:
		return time.Unix(0, c.Int[i]).UTC()
	case TimeSpan:
		return time.Duration(c.Int[i])
	default:
		return c.Int[i]
	}
}

// Table is a named set of equally long columns.
type Table struct {
	Name    string
	Columns []*Column
}

// Rows is the number of rows (the length of the first column; zero for a table without columns).
func (t *Table) Rows() int {
	if len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Len()
}

// Column returns the column named name (exact spelling) or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Catalog is the data a query can read.
type Catalog struct {
	// Tables by exact KQL name.
	Tables map[string]*Table
	// DeviceGroups maps a DeviceId to its device group ("machine group"); delegated callers see device rows
	// only for the groups they are assigned to.
	DeviceGroups map[string]string
}

// Query is one hunting query as the emulator's server hands it to the engine.
type Query struct {
	// Text is the KQL as the client sent it.
	Text string
	// Now is the query's notion of now(); ago(x) is Now-x.
	Now time.Time
	// From and To bound the rows the query can see by their Timestamp (the data retention window, and for
	// Graph the request's Timespan). Zero values mean unbounded on that side.
	From, To time.Time
	// DeviceGroups, when not nil, limits every table that has a DeviceId column to the rows of devices in
	// these groups (delegated calls). Nil means every device (application calls).
	DeviceGroups []string
	// MaxRows caps the result silently, as the service does (0 = no cap).
	MaxRows int
	// Hidden names catalog tables the calling API does not serve: Graph and Defender XDR know nothing of
	// the 2018-2019 Defender for Endpoint tables (ProcessCreationEvents, ...), so a reference to one fails
	// exactly like an unknown table, and find/union wildcards skip it.
	Hidden map[string]bool
}

// Engine runs KQL over a Catalog. Implementations must honour ctx cancellation (the per-request timeout).
type Engine interface {
	Run(ctx context.Context, q Query) (*Table, error)
}

// QueryError is a KQL syntax or semantic error, worded like Kusto's, that the APIs answer with HTTP 400.
// Line and Column are 1-based positions in Query.Text (0 when unknown).
type QueryError struct {
	Message string
	Line    int
	Column  int
}

func (e *QueryError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s (line %d, column %d)", e.Message, e.Line, e.Column)
	}
	return e.Message
}
