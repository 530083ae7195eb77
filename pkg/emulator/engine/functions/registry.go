package functions

import (
	"math/rand/v2"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// Context carries what a function may need beyond its arguments. One per query run.
type Context struct {
	// Now is the query's now(), fixed for the whole query as in Kusto.
	Now time.Time
	// Rand backs rand() and new_guid(); seeded per query so results are reproducible in tests.
	Rand *rand.Rand
}

// Scalar is a scalar function such as tolower() or ago().
type Scalar struct {
	Name string
	// MinArgs and MaxArgs bound the argument count; MaxArgs < 0 means variadic.
	MinArgs, MaxArgs int
	// Result returns the result type for these argument types, or an error worded like Kusto's
	// (the evaluator adds the position).
	Result func(args []dataset.Type) (dataset.Type, error)
	// Eval computes n results. Every argument column has exactly n cells: the evaluator broadcasts
	// constants. Eval must not modify its arguments.
	Eval func(ctx *Context, args []*dataset.Column, n int) (*dataset.Column, error)
}

// Aggregate is an aggregation function usable in summarize, such as count() or make_set().
type Aggregate struct {
	Name             string
	MinArgs, MaxArgs int
	Result           func(args []dataset.Type) (dataset.Type, error)
	// ResultName is Kusto's default output column name given the argument expressions' column names
	// ("" for an argument that is not a plain column): count_, dcount_DeviceId, set_FileName, max_Timestamp.
	ResultName func(argNames []string) string
	// Eval aggregates rows into ngroups groups: groups[i] is row i's group (0 <= groups[i] < ngroups).
	// Every argument column has len(groups) cells. The result has ngroups cells.
	Eval func(ctx *Context, args []*dataset.Column, groups []int32, ngroups int) (*dataset.Column, error)
}

// Registry holds the functions known to the engine, by lower-case name (KQL function names are
// case-sensitive, but deprecated spellings such as makeset are registered under their own names).
type Registry struct {
	scalars    map[string]*Scalar
	aggregates map[string]*Aggregate
}

// Scalar returns the scalar function named name.
func (r *Registry) Scalar(name string) (*Scalar, bool) {
	f, ok := r.scalars[name]
	return f, ok
}

// Aggregate returns the aggregation function named name.
func (r *Registry) Aggregate(name string) (*Aggregate, bool) {
	f, ok := r.aggregates[name]
	return f, ok
}

func (r *Registry) addScalar(f *Scalar, aliases ...string) {
	for _, n := range append([]string{f.Name}, aliases...) {
		r.scalars[n] = f
	}
}

func (r *Registry) addAggregate(f *Aggregate, aliases ...string) {
	for _, n := range append([]string{f.Name}, aliases...) {
		r.aggregates[n] = f
	}
}

// NewRegistry returns a registry with every built-in function.
func NewRegistry() *Registry {
	r := &Registry{scalars: map[string]*Scalar{}, aggregates: map[string]*Aggregate{}}
	registerBuiltins(r)
	return r
}
