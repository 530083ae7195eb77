package engine

import (
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// pos is a 1-based position in the query text, for error messages.
type pos struct{ line, col int }

// Expr is a scalar expression. Every node records where it starts.
type Expr interface{ position() pos }

type (
	identExpr struct {
		p    pos
		name string
	}
	literalExpr struct {
		p   pos
		col *dataset.Column // exactly one cell
	}
	// binaryExpr is an operator the functions registry implements as "op:"+op.
	binaryExpr struct {
		p    pos
		op   string
		l, r Expr
	}
	unaryExpr struct {
		p  pos
		op string // "neg"
		x  Expr
	}
	callExpr struct {
		p    pos
		name string
		args []Expr
	}
	memberExpr struct {
		p    pos
		x    Expr
		name string
	}
	indexExpr struct {
		p      pos
		x, idx Expr
	}
	// listExpr is a set operator (in, !in, in~, has_any, ...): x compared with candidate items.
	listExpr struct {
		p     pos
		op    string
		x     Expr
		items []Expr
	}
	betweenExpr struct {
		p         pos
		op        string
		x, lo, hi Expr
	}
	starExpr   struct{ p pos }
	typeofExpr struct {
		p pos
		t dataset.Type
	}
	// tabularExpr is a tabular expression used where a scalar one is expected: toscalar(T), x in (T).
	tabularExpr struct {
		p pos
		q *pipeline
	}
)

func (e *identExpr) position() pos   { return e.p }
func (e *literalExpr) position() pos { return e.p }
func (e *binaryExpr) position() pos  { return e.p }
func (e *unaryExpr) position() pos   { return e.p }
func (e *callExpr) position() pos    { return e.p }
func (e *memberExpr) position() pos  { return e.p }
func (e *indexExpr) position() pos   { return e.p }
func (e *listExpr) position() pos    { return e.p }
func (e *betweenExpr) position() pos { return e.p }
func (e *starExpr) position() pos    { return e.p }
func (e *typeofExpr) position() pos  { return e.p }
func (e *tabularExpr) position() pos { return e.p }

// assignment is one item of project/extend/summarize: optional names, then the expression.
type assignment struct {
	names []string // empty when unnamed; several for (A, B) = arg_max(...)
	e     Expr
}

// pipeline is a tabular source followed by operators.
type pipeline struct {
	p   pos
	src source
	ops []operator
}

// source produces the table a pipeline starts from.
type source interface {
	eval(ev *evaluator, sc *scope) (*dataset.Table, error)
}

// operator transforms its input table into a new one; inputs are never modified.
type operator interface {
	apply(ev *evaluator, sc *scope, in *dataset.Table) (*dataset.Table, error)
}

// statement is a let binding; the query's last statement is its result pipeline.
type letStmt struct {
	p    pos
	name string
	fn   *funcDef // set for let f = (params) { body }
	e    Expr     // otherwise the bound expression (a tabularExpr for tables)
}

type param struct {
	name    string
	tabular bool
	t       dataset.Type
	def     Expr
}

type funcDef struct {
	params []param
	lets   []letStmt
	body   Expr // a tabularExpr for functions returning a table
}

// query is a parsed query: let statements, then the result.
type query struct {
	lets   []letStmt
	result *pipeline
}
