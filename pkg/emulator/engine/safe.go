package engine

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine/functions"
)

// safeScalar runs a library function, turning a panic into an error: one bad row must fail the query
// with a message, not bring the emulator down.
func safeScalar(eval func(*functions.Context, []*dataset.Column, int) (*dataset.Column, error), ev *evaluator, args []*dataset.Column, n int) (out *dataset.Column, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	return eval(ev.fctx, args, n)
}

func safeAggregate(eval func(*functions.Context, []*dataset.Column, []int32, int) (*dataset.Column, error), ev *evaluator, args []*dataset.Column, groups []int32, n int) (out *dataset.Column, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	out, err = eval(ev.fctx, args, groups, n)
	if err == nil && out.Len() != n {
		err = fmt.Errorf("returned %d values for %d groups", out.Len(), n)
	}
	return out, err
}

// anyColumn evaluates "* has x" (and the other string operators with *): true when any string or dynamic
// column of the row matches.
func (rc *rowCtx) anyColumn(x *binaryExpr) (val, error) {
	r, err := rc.eval(x.r)
	if err != nil {
		return val{}, err
	}
	out := dataset.NewColumn("", dataset.Bool, rc.n)
	out.Int = make([]int64, rc.n)
	for _, c := range rc.tbl.Columns {
		if c.Type != dataset.String && c.Type != dataset.Dynamic {
			continue
		}
		arg := val{c, false}
		if c.Type == dataset.Dynamic {
			if arg, err = rc.apply(x.p, "tostring", []val{arg}); err != nil {
				return val{}, err
			}
		}
		m, err := rc.apply(x.p, "op:"+x.op, []val{arg, r})
		if err != nil {
			return val{}, err
		}
		mc := rc.full(m)
		for i, v := range mc.Int {
			if v != 0 && !mc.IsNull(i) {
				out.Int[i] = 1
			}
		}
	}
	return val{out, false}, nil
}
