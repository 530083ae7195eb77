package hunting_test

import (
	"fmt"
	"strings"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

// Decode turns a body of any of the three APIs into one typed, nullable field per schema column.
func ExampleDecode() {
	body := `{"Stats":{"ExecutionTime":0.1},"Schema":[{"Name":"Timestamp","Type":"DateTime"},{"Name":"FileSize","Type":"Int64"},{"Name":"Took","Type":"TimeSpan"}],
	          "Results":[{"Timestamp":"2018-07-09T07:16:26.8017265","FileSize":1024,"Took":"00:00:01.5"},{"Timestamp":"2020-08-30T06:38:35Z"}]}`
	res, err := hunting.Decode(strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Frame.Fields {
		fmt.Printf("%s %s:", f.Name, f.Type())
		for i := range f.Len() {
			v, ok := f.ConcreteAt(i)
			if !ok {
				v = "null"
			}
			fmt.Printf(" %v", v)
		}
		fmt.Println()
	}
	fmt.Println("stats:", string(res.Stats))
	// Output:
	// Timestamp []*time.Time: 2018-07-09 07:16:26.8017265 +0000 UTC 2020-08-30 06:38:35 +0000 UTC
	// FileSize []*int64: 1024 null
	// Took []*float64: 1.5 null
	// stats: {"ExecutionTime":0.1}
}
