package migrate

import (
	"fmt"
	"strings"
)

// PluginType is the data source type whose queries the migration rewrites.
const PluginType = "quarry-defender-datasource"

// Datasources are the Quarry data sources a Grafana instance has, as its datasource provisioning files
// declare them. A query names its data source by type (recognised without this), by uid, or by name
// (old dashboards), or not at all (then Grafana uses its default data source).
type Datasources struct {
	UIDs    map[string]bool
	Names   map[string]bool
	Default bool // a Quarry data source is Grafana's default one
}

// NewDatasources returns an empty set: only queries that name the plugin's type are recognised.
func NewDatasources() *Datasources {
	return &Datasources{UIDs: map[string]bool{}, Names: map[string]bool{}}
}

// collect adds the data sources of a datasource provisioning document (apiVersion 1, datasources: [...]).
func (ds *Datasources) collect(doc *node) {
	for _, d := range doc.get("datasources").items() {
		uid, name := d.get("uid").text(), d.get("name").text()
		if d.get("type").text() != PluginType {
			continue
		}
		if uid != "" {
			ds.UIDs[uid] = true
		}
		if name != "" {
			ds.Names[name] = true
		}
		ds.Default = ds.Default || isTrue(d, "isDefault")
	}
}

// isTrue reads a boolean field of a provisioning document.
func isTrue(n *node, key string) bool {
	v := n.get(key)
	return v != nil && v.kind == kindOther && strings.EqualFold(v.str, "true")
}

// query is one Quarry query found in a document: its queryText node and where it is, for the summary.
type query struct {
	text  *node
	where string
}

// dashboard finds the Quarry queries of a dashboard (or of the {"dashboard": ...} wrapper of Grafana's
// export API): panel targets, nested row panels, template variables and annotations.
func (ds *Datasources) dashboard(doc *node) []query {
	if inner := doc.get("dashboard"); inner != nil && inner.kind == kindObject {
		doc = inner
	}
	inputs := map[string]bool{} // ${DS_X} inputs of exported dashboards that are Quarry's
	for _, in := range doc.get("__inputs").items() {
		if in.get("pluginId").text() == PluginType {
			inputs["${"+in.get("name").text()+"}"] = true
		}
	}
	var out []query
	var panels func(list *node)
	panels = func(list *node) {
		for _, p := range list.items() {
			pds := p.get("datasource")
			for _, t := range p.get("targets").items() {
				ds2 := t.get("datasource")
				if ds2 == nil || ds2.kind == kindNull {
					ds2 = pds
				}
				if ds.ours(ds2, inputs) {
					out = append(out, query{t.get("queryText"), fmt.Sprintf("panel %q target %s", p.get("title").text(), t.get("refId").text())})
				}
			}
			panels(p.get("panels"))
		}
	}
	panels(doc.get("panels"))
	for _, v := range doc.get("templating").get("list").items() {
		// Only query variables have a data source; interval, custom and textbox variables have none.
		if v.get("type").text() == "query" && ds.ours(v.get("datasource"), inputs) {
			out = append(out, query{v.get("query").get("queryText"), fmt.Sprintf("variable %q", v.get("name").text())})
		}
	}
	for _, a := range doc.get("annotations").get("list").items() {
		if ds.ours(a.get("datasource"), inputs) {
			out = append(out, query{a.get("target").get("queryText"), fmt.Sprintf("annotation %q", a.get("name").text())})
		}
	}
	return out
}

// alertRules finds the Quarry queries of an alert rule provisioning document (groups[].rules[].data[]).
func (ds *Datasources) alertRules(doc *node) []query {
	var out []query
	for _, g := range doc.get("groups").items() {
		for _, r := range g.get("rules").items() {
			for _, q := range r.get("data").items() {
				uid := q.get("datasourceUid").text()
				if ds.UIDs[uid] || q.get("model").get("datasource").get("type").text() == PluginType {
					out = append(out, query{q.get("model").get("queryText"), fmt.Sprintf("alert rule %q query %s", r.get("title").text(), q.get("refId").text())})
				}
			}
		}
	}
	return out
}

// ours reports whether a datasource reference (an object {type, uid}, a uid or name string, or nothing
// for the default data source) points at a Quarry data source.
func (ds *Datasources) ours(ref *node, inputs map[string]bool) bool {
	switch {
	case ref == nil || ref.kind == kindNull:
		return ds.Default
	case ref.kind == kindString:
		s := ref.str
		return ds.UIDs[s] || ds.Names[s] || inputs[s] || s == PluginType
	case ref.kind == kindObject:
		if t := ref.get("type").text(); t != "" {
			return t == PluginType
		}
		uid := ref.get("uid").text()
		if uid == "" {
			return ds.Default
		}
		return ds.UIDs[uid] || inputs[uid]
	}
	return false
}
