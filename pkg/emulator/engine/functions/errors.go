package functions

import "fmt"

// errorf builds an error worded like Kusto's; kept in one place so the wording stays consistent.
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
