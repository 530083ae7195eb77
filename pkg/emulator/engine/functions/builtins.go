package functions

import (
	"fmt"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// registerBuiltins adds every built-in function to r, family by family, then guards every Result with
// the argument count, so a caller that skips the MinArgs/MaxArgs check gets an error instead of a panic.
func registerBuiltins(r *Registry) {
	registerArith(r)
	registerCompare(r)
	registerLogic(r)
	registerStringOps(r)
	registerSetOps(r)
	registerDateTime(r)
	registerConversion(r)
	registerStrings(r)
	registerMisc(r)
	registerDynamic(r)
	registerMath(r)
	registerAggregates(r)
	registerParsers(r)
	registerEncoding(r)
	registerIPv4(r)
	registerIPv4Text(r)
	registerStringChars(r)
	registerArrayBuilders(r)
	registerBits(r)
	registerCommandLine(r)
	registerTimeZones(r)
	registerUserAgent(r)
	registerSeries(r)
	registerTrig(r)

	guarded := map[any]bool{}
	for _, f := range r.scalars {
		if !guarded[f] {
			guarded[f] = true
			f.Result = countGuard(f.Name, f.MinArgs, f.MaxArgs, f.Result)
		}
	}
	for _, f := range r.aggregates {
		if !guarded[f] {
			guarded[f] = true
			f.Result = countGuard(f.Name, f.MinArgs, f.MaxArgs, f.Result)
		}
	}
}

func countGuard(name string, lo, hi int, next func([]dataset.Type) (dataset.Type, error)) func([]dataset.Type) (dataset.Type, error) {
	return func(args []dataset.Type) (dataset.Type, error) {
		if len(args) < lo || (hi >= 0 && len(args) > hi) {
			want := fmt.Sprintf("%d to %d", lo, hi)
			switch {
			case hi < 0:
				want = fmt.Sprintf("at least %d", lo)
			case lo == hi:
				want = fmt.Sprint(lo)
			}
			noun := "arguments"
			if want == "1" {
				noun = "argument"
			}
			return "", fmt.Errorf("%s(): expects %s %s, got %d", name, want, noun, len(args))
		}
		return next(args)
	}
}
