package functions

import (
	"fmt"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// argKind is what an argument position accepts, with the noun Kusto uses in its error message.
type argKind struct {
	noun string
	ok   func(dataset.Type) bool
}

func isNumeric(t dataset.Type) bool {
	return t == dataset.Long || t == dataset.Int || t == dataset.Real || t == dataset.Decimal
}

func isIntegral(t dataset.Type) bool { return t == dataset.Long || t == dataset.Int }

func isStringy(t dataset.Type) bool { return t == dataset.String || t == dataset.GUID }

// Dynamic is accepted wherever a scalar is expected: its type is only known per cell, as in Kusto where
// a dynamic argument is converted at run time.
var (
	kAny    = argKind{"scalar", func(dataset.Type) bool { return true }}
	kString = argKind{"string", func(t dataset.Type) bool { return isStringy(t) || t == dataset.Dynamic }}
	kNum    = argKind{"numeric", func(t dataset.Type) bool { return isNumeric(t) || t == dataset.Dynamic }}
	kInt    = argKind{"integer", func(t dataset.Type) bool { return isNumeric(t) || t == dataset.Dynamic }}
	kBool   = argKind{"boolean", func(t dataset.Type) bool { return t == dataset.Bool || t == dataset.Dynamic }}
	kTime   = argKind{"datetime", func(t dataset.Type) bool {
		return t == dataset.DateTime || t == dataset.Dynamic || isStringy(t)
	}}
	kSpan = argKind{"timespan", func(t dataset.Type) bool { return t == dataset.TimeSpan || t == dataset.Dynamic }}
	kDyn  = argKind{"dynamic", func(t dataset.Type) bool { return t == dataset.Dynamic }}
	// kArray takes a dynamic array; strings holding JSON arrays are accepted too, leniently.
	kArray = argKind{"dynamic", func(t dataset.Type) bool { return t == dataset.Dynamic || isStringy(t) }}
)

// argErr is Kusto's wording for a wrongly typed argument; the evaluator adds the position.
func argErr(fn string, i int, k argKind) error {
	article := "a"
	if strings.ContainsRune("aeiou", rune(k.noun[0])) {
		article = "an"
	}
	return fmt.Errorf("%s(): argument #%d expected to be %s %s expression", fn, i+1, article, k.noun)
}

// checkArgs validates argument types against kinds; the last kind repeats for variadic tails.
func checkArgs(fn string, args []dataset.Type, kinds ...argKind) error {
	for i, t := range args {
		if len(kinds) == 0 {
			return nil
		}
		k := kinds[len(kinds)-1]
		if i < len(kinds) {
			k = kinds[i]
		}
		if !k.ok(t) {
			return argErr(fn, i, k)
		}
	}
	return nil
}

// fixed returns a Result function with result type t after checking the argument kinds.
func fixed(fn string, t dataset.Type, kinds ...argKind) func([]dataset.Type) (dataset.Type, error) {
	return func(args []dataset.Type) (dataset.Type, error) {
		if err := checkArgs(fn, args, kinds...); err != nil {
			return "", err
		}
		return t, nil
	}
}

// sameAs returns a Result function whose type is argument idx's type.
func sameAs(fn string, idx int, kinds ...argKind) func([]dataset.Type) (dataset.Type, error) {
	return func(args []dataset.Type) (dataset.Type, error) {
		if err := checkArgs(fn, args, kinds...); err != nil {
			return "", err
		}
		return args[idx], nil
	}
}

// orNulls is the null mask of a cell-wise function of cols: null where any input is null.
func orNulls(n int, cols ...*dataset.Column) []bool {
	var out []bool
	for _, c := range cols {
		if c.Null == nil {
			continue
		}
		if out == nil {
			out = make([]bool, n)
		}
		for i, b := range c.Null {
			if b {
				out[i] = true
			}
		}
	}
	return out
}

// rowFunc computes one result cell from boxed argument values (nil = null). Returning nil makes the cell
// null. It backs the rarely used functions, where clarity beats a typed loop.
type rowFunc func(ctx *Context, row []any) (any, error)

// rowwise adapts a rowFunc to an Eval over columns producing type out.
func rowwise(out dataset.Type, f rowFunc) func(*Context, []*dataset.Column, int) (*dataset.Column, error) {
	return func(ctx *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
		res := newOut(out, n)
		row := make([]any, len(args))
		for i := 0; i < n; i++ {
			for j, a := range args {
				row[j] = cellValue(a, i)
			}
			v, err := f(ctx, row)
			if err != nil {
				return nil, err
			}
			setAny(res, i, v)
		}
		return res, nil
	}
}

// dynRowwise is rowwise for functions over dynamic values: argument k is read as a dynamic value (text
// holding JSON parsed) when asDyn says so, and boxed as rowwise does otherwise.
func dynRowwise(out dataset.Type, asDyn func(k int, a *dataset.Column) bool, f rowFunc) func(*Context, []*dataset.Column, int) (*dataset.Column, error) {
	return func(ctx *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
		res := newOut(out, n)
		row := make([]any, len(args))
		for i := 0; i < n; i++ {
			for k, a := range args {
				if asDyn(k, a) {
					row[k] = dynCell(a, i)
				} else {
					row[k] = cellValue(a, i)
				}
			}
			v, err := f(ctx, row)
			if err != nil {
				return nil, err
			}
			setAny(res, i, v)
		}
		return res, nil
	}
}

// strictRow wraps f so that any null argument gives a null result, as most KQL scalar functions do.
func strictRow(f rowFunc) rowFunc {
	return func(ctx *Context, row []any) (any, error) {
		for _, v := range row {
			if v == nil {
				return nil, nil
			}
		}
		return f(ctx, row)
	}
}

// strArg is tostring() of a boxed argument.
func strArg(v any) string { return anyToString(v) }
