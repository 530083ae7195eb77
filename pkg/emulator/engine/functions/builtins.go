package functions

// registerBuiltins adds every built-in function to r.
func registerBuiltins(r *Registry) {}
