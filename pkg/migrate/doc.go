// Package migrate moves stored Grafana content off Defender's retired 2018-2019 names: it rewrites the
// Quarry queries of dashboard JSON (panels, rows, template variables, annotations; also Grafana's export
// wrapper) and of alert-rule provisioning files (YAML or JSON) with kql.RewriteLegacy, keeping the result
// column names so panel overrides and transformations still match.
//
// A query is Quarry's when its data source reference has the type quarry-defender-datasource, or names
// (by uid, by name, or through an exported dashboard's ${DS_...} input) a data source that a datasource
// provisioning file declares with that type, or names none while such a data source is Grafana's default
// (isDefault: true). Alert-rule queries name their data source by datasourceUid only, so they need the
// datasource provisioning file among the inputs or given with -datasources.
//
// Files are edited surgically: the JSON and YAML parsers record where each query string sits, only those
// bytes are replaced (a YAML block, quoted or plain scalar keeps its style when the new value allows it),
// and the result is parsed again and checked before anything is written. It knows nothing of Grafana's
// API or of the hunting APIs; cmd/quarry-migrate is its command line.
package migrate
