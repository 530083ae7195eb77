package functions_test

import (
	"fmt"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
	"github.com/quarry-defender/quarry/pkg/emulator/engine/functions"
)

// The engine type-checks a call with Result, broadcasts constants to the row count and calls Eval.
func ExampleRegistry_Scalar() {
	reg := functions.NewRegistry()
	has, _ := reg.Scalar("op:has")
	cmd := functions.NewCol(dataset.String, "powershell.exe -EncodedCommand SQBFAFgA", "cmd.exe /c whoami")
	needle := functions.Broadcast(functions.NewCol(dataset.String, "encodedcommand"), 0, 2)
	if _, err := has.Result([]dataset.Type{cmd.Type, needle.Type}); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := has.Eval(&functions.Context{Now: time.Now()}, []*dataset.Column{cmd, needle}, 2)
	fmt.Println(out.Value(0), out.Value(1))

	lower, _ := reg.Scalar("tolower")
	_, err := lower.Result([]dataset.Type{dataset.Long})
	fmt.Println(err)
	// Output:
	// true false
	// tolower(): argument #1 expected to be a string expression
}

// Aggregates take a group id per row and return one cell per group, named as Kusto names it.
func ExampleRegistry_Aggregate() {
	dcount, _ := functions.NewRegistry().Aggregate("dcount")
	devices := functions.NewCol(dataset.String, "pc1", "pc2", "pc1", "pc3")
	groups := []int32{0, 0, 0, 1}
	out, _ := dcount.Eval(nil, []*dataset.Column{devices}, groups, 2)
	fmt.Println(dcount.ResultName([]string{"DeviceName"}), out.Value(0), out.Value(1))
	// Output: dcount_DeviceName 2 1
}
