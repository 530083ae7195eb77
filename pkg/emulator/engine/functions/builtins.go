package functions

// registerBuiltins adds every built-in function to r, family by family.
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
	registerExtras(r)
	registerBits(r)
	registerCommandLine(r)
	registerMore(r)
	registerSeries(r)
	registerExtras2(r)
}
