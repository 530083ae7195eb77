package plugin

import (
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/defenderschema"
	"github.com/quarry-defender/quarry/pkg/hunting"
	"github.com/quarry-defender/quarry/pkg/kql"
)

// alertEventsSuccessor is what AlertEvents became; only the Defender for Endpoint API serves it.
const alertEventsSuccessor = "DeviceAlertEvents"

// legacyRenames is the rewriter's table: defenderschema's legacy-aliases.json.
func legacyRenames() (kql.Renames, error) {
	names, err := defenderschema.Legacy()
	return kql.Renames(names), err
}

// rewriteLegacy moves p's query off the retired 2018-2019 names when the API does not know them (Graph
// and XDR), and says so in a notice. Defender for Endpoint still serves the old names: its queries are
// sent as written.
func rewriteLegacy(p *prepared, api hunting.Flavor, r kql.Renames) error {
	if api == hunting.FlavorMDE {
		return nil
	}
	res, err := kql.RewriteLegacy(p.req.Query, r)
	if err != nil {
		return badQuery("%v", err)
	}
	if !res.Changed() {
		return nil
	}
	var parts []string
	for _, rw := range res.Rewrites {
		if rw.New == alertEventsSuccessor {
			return badQuery("%s was renamed %s, which only the Defender for Endpoint API serves: on %s alerts are in AlertInfo and AlertEvidence (join them on AlertId). Rewrite the query with those tables, or run it on a data source set to mde until 2027-02-01",
				rw.Old, rw.New, apiName(api))
		}
		parts = append(parts, rw.Old+" → "+rw.New)
	}
	text := fmt.Sprintf("Rewrote retired Defender names for %s: %s. The result keeps the column names the query asked for. Update the query to the current names (go run ./cmd/quarry-migrate does it for saved dashboards and alert rules).",
		apiName(api), strings.Join(parts, ", "))
	if len(res.Shadowed) > 0 {
		text += fmt.Sprintf(" Left alone because the query defines its own %s: %s.", plural(len(res.Shadowed), "name", "names"), strings.Join(res.Shadowed, ", "))
	}
	p.req.Query = res.Query
	p.notices = append(p.notices, data.Notice{Severity: data.NoticeSeverityWarning, Text: text})
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
