package engine

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine/functions"
)

// Engine runs KQL over a catalog. It is safe for concurrent use: each Run has its own evaluator state.
type Engine struct {
	cat   *dataset.Catalog
	reg   *functions.Registry
	limit int
	cells int
}

var _ dataset.Engine = (*Engine)(nil)

// Option configures an Engine.
type Option func(*Engine)

// WithRegistry replaces the built-in function registry (tests use it to add functions).
func WithRegistry(r *functions.Registry) Option { return func(e *Engine) { e.reg = r } }

// WithRowLimit caps the rows any single operator may produce (a join or mv-expand blowing up), so that a
// runaway query fails with a clear error instead of exhausting memory. Default 20 million.
func WithRowLimit(n int) Option { return func(e *Engine) { e.limit = n } }

// WithCellLimit caps rows x columns that a join or mv-expand may copy (default 100 million cells, a few
// gigabytes), checked before the copy is made.
func WithCellLimit(n int) Option { return func(e *Engine) { e.cells = n } }

// New returns an engine over cat with the built-in functions.
func New(cat *dataset.Catalog, opts ...Option) *Engine {
	e := &Engine{cat: cat, limit: 20_000_000, cells: 100_000_000}
	for _, o := range opts {
		o(e)
	}
	if e.reg == nil {
		e.reg = functions.NewRegistry()
	}
	return e
}

// Run parses and evaluates q. Syntax and semantic errors are *dataset.QueryError; a cancelled or
// expired ctx stops evaluation with ctx's error.
func (e *Engine) Run(ctx context.Context, q dataset.Query) (out *dataset.Table, err error) {
	defer func() {
		// A bug in one operator must fail one query with a message, not take the emulator down.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("engine: internal error while running the query: %v", r)
		}
	}()
	if q.Now.IsZero() {
		q.Now = time.Now().UTC()
	}
	parsed, err := parse(q.Text)
	if err != nil {
		return nil, err
	}
	h := fnv.New64a()
	h.Write([]byte(q.Text))
	ev := &evaluator{
		ctx:   ctx,
		eng:   e,
		q:     q,
		fctx:  &functions.Context{Now: q.Now, Rand: rand.New(rand.NewPCG(h.Sum64(), uint64(q.Now.UnixNano())))},
		scans: map[string]*dataset.Table{},
	}
	if q.DeviceGroups != nil {
		ev.groups = map[string]bool{}
		for _, g := range q.DeviceGroups {
			ev.groups[g] = true
		}
	}
	out, err = ev.runQuery(parsed)
	if err != nil {
		return nil, err
	}
	if q.MaxRows > 0 && out.Rows() > q.MaxRows {
		out = sliceRows(out, 0, q.MaxRows)
	}
	return out, nil
}

// scan returns catalog table name with the query's time window and device-group restriction applied,
// once per query.
func (ev *evaluator) scan(name string) (*dataset.Table, bool, error) {
	if t, ok := ev.scans[name]; ok {
		return t, true, nil
	}
	t, ok := ev.eng.cat.Tables[name]
	if !ok || ev.q.Hidden[name] {
		return nil, false, nil
	}
	if err := ev.ctx.Err(); err != nil {
		return nil, true, fmt.Errorf("scanning %s: %w", name, err)
	}
	keep := ev.visibleRows(t)
	out := t
	if keep != nil {
		out = takeRows(t, keep)
	}
	out = &dataset.Table{Name: name, Columns: out.Columns}
	ev.scans[name] = out
	return out, true, nil
}

// visibleRows returns the rows of t inside the query's window and device groups, or nil for all rows.
func (ev *evaluator) visibleRows(t *dataset.Table) []int {
	ts := t.Column("Timestamp")
	if ts == nil {
		ts = t.Column("EventTime") // the legacy tables' name for it
	}
	if ts != nil && ts.Type != dataset.DateTime {
		ts = nil
	}
	var from, to int64
	if ts != nil && !ev.q.From.IsZero() {
		from = ev.q.From.UnixNano()
	}
	if ts != nil && !ev.q.To.IsZero() {
		to = ev.q.To.UnixNano()
	}
	dev := t.Column("DeviceId")
	if dev == nil {
		dev = t.Column("MachineId") // legacy tables must not show other groups' devices either
	}
	if ev.groups == nil || dev == nil || dev.Str == nil {
		dev = nil
	}
	if from == 0 && to == 0 && dev == nil {
		return nil
	}
	n := t.Rows()
	keep := make([]int, 0, n)
	for i := 0; i < n; i++ {
		if ts != nil && !ts.IsNull(i) && (from != 0 && ts.Int[i] < from || to != 0 && ts.Int[i] > to) {
			continue
		}
		// Rows about no device (an alert's mailbox evidence) are not device-scoped.
		if dev != nil && dev.Str[i] != "" && !ev.groups[ev.eng.cat.DeviceGroups[dev.Str[i]]] {
			continue
		}
		keep = append(keep, i)
	}
	if len(keep) == n {
		return nil
	}
	return keep
}
