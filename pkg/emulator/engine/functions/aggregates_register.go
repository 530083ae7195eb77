package functions

import (
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func aggResult(fn string, t dataset.Type, kinds ...argKind) func([]dataset.Type) (dataset.Type, error) {
	return fixed(fn, t, kinds...)
}

func sameAsFirst(fn string, kinds ...argKind) func([]dataset.Type) (dataset.Type, error) {
	return sameAs(fn, 0, kinds...)
}

// momentResult is real, except that avg and stdev of timespans are timespans (avg(Duration) is common).
func momentResult(fn string, kinds ...argKind) func([]dataset.Type) (dataset.Type, error) {
	return func(args []dataset.Type) (dataset.Type, error) {
		if args[0] == dataset.TimeSpan && (strings.HasPrefix(fn, "avg") || strings.HasPrefix(fn, "stdev")) {
			if err := checkArgs(fn, args[1:], kinds[1:]...); err != nil {
				return "", err
			}
			return dataset.TimeSpan, nil
		}
		return fixed(fn, dataset.Real, kinds...)(args)
	}
}

func percentileName(names []string) string {
	col := ""
	if len(names) > 0 {
		col = names[0]
	}
	p := "50"
	if len(names) > 1 && names[1] != "" {
		p = strings.ReplaceAll(names[1], ".", "_")
	}
	return "percentile_" + col + "_" + p
}

func registerAggregates(r *Registry) {
	add := func(a *Aggregate, aliases ...string) { r.addAggregate(a, aliases...) }
	add(&Aggregate{Name: "count", MinArgs: 0, MaxArgs: 1, Result: aggResult("count", dataset.Long, kAny),
		ResultName: func([]string) string { return "count_" }, Eval: evalCount})
	add(&Aggregate{Name: "countif", MinArgs: 1, MaxArgs: 1, Result: aggResult("countif", dataset.Long, kBool),
		ResultName: func([]string) string { return "countif_" }, Eval: withIf(0, evalCount)})
	add(&Aggregate{Name: "dcount", MinArgs: 1, MaxArgs: 2, Result: aggResult("dcount", dataset.Long, kAny, kInt),
		ResultName: named("dcount_"), Eval: evalDcount})
	add(&Aggregate{Name: "count_distinct", MinArgs: 1, MaxArgs: 1, Result: aggResult("count_distinct", dataset.Long, kAny),
		ResultName: named("count_distinct_"), Eval: evalDcount})
	add(&Aggregate{Name: "dcountif", MinArgs: 2, MaxArgs: 3, Result: aggResult("dcountif", dataset.Long, kAny, kBool, kInt),
		ResultName: named("dcountif_"), Eval: withIf(1, evalDcount)})
	sumRes := func(fn string, kinds ...argKind) func([]dataset.Type) (dataset.Type, error) {
		return func(args []dataset.Type) (dataset.Type, error) {
			if err := checkArgs(fn, args, kinds...); err != nil {
				return "", err
			}
			return sumType(args[0]), nil
		}
	}
	numOrSpan := argKind{"numeric or timespan", func(t dataset.Type) bool {
		return isNumeric(t) || t == dataset.TimeSpan || t == dataset.Dynamic || t == dataset.Bool
	}}
	add(&Aggregate{Name: "sum", MinArgs: 1, MaxArgs: 1, Result: sumRes("sum", numOrSpan),
		ResultName: named("sum_"), Eval: evalSum})
	add(&Aggregate{Name: "sumif", MinArgs: 2, MaxArgs: 2, Result: sumRes("sumif", numOrSpan, kBool),
		ResultName: named("sumif_"), Eval: withIf(1, evalSum)})
	for _, m := range []string{"avg", "stdev", "stdevp", "variance", "variancep"} {
		add(&Aggregate{Name: m, MinArgs: 1, MaxArgs: 1, Result: momentResult(m, kNum),
			ResultName: named(m + "_"), Eval: evalMoment(m)})
		add(&Aggregate{Name: m + "if", MinArgs: 2, MaxArgs: 2, Result: momentResult(m+"if", kNum, kBool),
			ResultName: named(m + "if_"), Eval: withIf(1, evalMoment(m))})
	}
	for _, isMax := range []bool{false, true} {
		name := "min"
		if isMax {
			name = "max"
		}
		add(&Aggregate{Name: name, MinArgs: 1, MaxArgs: 1, Result: sameAsFirst(name, kAny),
			ResultName: named(name + "_"), Eval: minMaxAgg(isMax)})
		add(&Aggregate{Name: name + "if", MinArgs: 2, MaxArgs: 2, Result: sameAsFirst(name+"if", kAny, kBool),
			ResultName: named(name + "if_"), Eval: withIf(1, minMaxAgg(isMax))})
		arg := "arg_" + name
		add(&Aggregate{Name: arg, MinArgs: 1, MaxArgs: -1, Result: sameAsFirst(arg, kAny),
			ResultName: func(names []string) string {
				if len(names) > 0 && names[0] != "" {
					return names[0]
				}
				return name + "_"
			}, Eval: minMaxAgg(isMax)}, "arg"+name)
	}
	add(&Aggregate{Name: "any", MinArgs: 1, MaxArgs: -1, Result: sameAsFirst("any", kAny),
		ResultName: named("any_"), Eval: evalAny}, "take_any")
	for _, c := range []struct {
		name, prefix string
		distinct     bool
		def          int
	}{
		{"make_set", "set_", true, defaultMaxSize}, {"makeset", "set_", true, deprecatedMaxSize},
		{"make_list", "list_", false, defaultMaxSize}, {"makelist", "list_", false, deprecatedMaxSize},
	} {
		add(&Aggregate{Name: c.name, MinArgs: 1, MaxArgs: 2, Result: aggResult(c.name, dataset.Dynamic, kAny, kInt),
			ResultName: named(c.prefix), Eval: collect(c.distinct, c.def)})
	}
	add(&Aggregate{Name: "make_set_if", MinArgs: 2, MaxArgs: 3, Result: aggResult("make_set_if", dataset.Dynamic, kAny, kBool, kInt),
		ResultName: named("set_"), Eval: withIf(1, collect(true, defaultMaxSize))})
	add(&Aggregate{Name: "make_list_if", MinArgs: 2, MaxArgs: 3, Result: aggResult("make_list_if", dataset.Dynamic, kAny, kBool, kInt),
		ResultName: named("list_"), Eval: withIf(1, collect(false, defaultMaxSize))})
	add(&Aggregate{Name: "make_list_with_nulls", MinArgs: 1, MaxArgs: 2, Result: aggResult("make_list_with_nulls", dataset.Dynamic, kAny, kInt),
		ResultName: named("list_"), Eval: evalListWithNulls})
	add(&Aggregate{Name: "make_bag", MinArgs: 1, MaxArgs: 2, Result: aggResult("make_bag", dataset.Dynamic, kAny, kInt),
		ResultName: named("bag_"), Eval: evalMakeBag})
	add(&Aggregate{Name: "make_bag_if", MinArgs: 2, MaxArgs: 3, Result: aggResult("make_bag_if", dataset.Dynamic, kAny, kBool, kInt),
		ResultName: named("bag_"), Eval: withIf(1, evalMakeBag)})
	add(&Aggregate{Name: "percentile", MinArgs: 2, MaxArgs: 2, Result: sameAsFirst("percentile", kAny, kNum),
		ResultName: percentileName, Eval: evalPercentile})
	// percentiles() with several percentages yields one column per percentage in Kusto; here only the
	// first is computed, so such queries run and show the first.
	add(&Aggregate{Name: "percentiles", MinArgs: 2, MaxArgs: -1, Result: sameAsFirst("percentiles", kAny, kNum),
		ResultName: percentileName, Eval: evalPercentile})
}
