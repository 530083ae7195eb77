// Package defenderschema ships Microsoft Defender's advanced hunting schema (tables, columns, KQL types,
// descriptions) and the legacy 2018-2019 table and column names, as published in Microsoft's documentation.
//
// It is a leaf: the plugin serves it to the query editor (completion), the emulator builds its tables from
// it. It knows nothing of Grafana, HTTP or KQL evaluation. SOURCES.md says which Microsoft pages and commits
// the JSON files were transcribed from; validate_schema.py re-checks them (python3 validate_schema.py).
package defenderschema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
)

//go:embed advanced-hunting-schema.json
var schemaJSON []byte

//go:embed legacy-aliases.json
var legacyJSON []byte

// Column is one column of a hunting table. Type is a KQL type name: string, long, int, real, bool, datetime,
// timespan, guid or dynamic.
type Column struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

// Table is one advanced hunting table with its columns in documentation order.
type Table struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Columns     []Column `json:"columns"`
}

// Column returns the column named name (exact spelling) and whether it exists.
func (t *Table) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// LegacyNames maps the names used before the 2020 schema rename to the current ones.
type LegacyNames struct {
	// Tables maps an old table name (ProcessCreationEvents) to its successor (DeviceProcessEvents).
	Tables map[string]string `json:"tables"`
	// Columns maps an old column name (EventTime) to its successor (Timestamp), in every renamed table.
	Columns map[string]string `json:"columns"`
	// TableColumns lists, for each renamed table, its columns that Columns renames, in documentation order
	// (from legacyTables). Legacy fills it; Load leaves it empty.
	TableColumns map[string][]string `json:"-"`
}

// Schema is the whole advanced hunting schema.
type Schema struct {
	Tables []Table
	Legacy LegacyNames
	byName map[string]int
}

// Table returns the table named name (exact, case-sensitive like KQL) and whether it exists.
func (s *Schema) Table(name string) (*Table, bool) {
	i, ok := s.byName[name]
	if !ok {
		return nil, false
	}
	return &s.Tables[i], true
}

// Load parses the embedded schema. Each call returns a fresh copy, so callers may keep and modify it.
func Load() (*Schema, error) {
	var doc struct {
		Tables []Table `json:"tables"`
	}
	if err := json.Unmarshal(schemaJSON, &doc); err != nil {
		return nil, fmt.Errorf("defenderschema: embedded advanced-hunting-schema.json: %w", err)
	}
	var legacy LegacyNames
	if err := json.Unmarshal(legacyJSON, &legacy); err != nil {
		return nil, fmt.Errorf("defenderschema: embedded legacy-aliases.json: %w", err)
	}
	sort.SliceStable(doc.Tables, func(i, j int) bool { return doc.Tables[i].Name < doc.Tables[j].Name })
	s := &Schema{Tables: doc.Tables, Legacy: legacy, byName: make(map[string]int, len(doc.Tables))}
	for i, t := range s.Tables {
		s.byName[t.Name] = i
	}
	return s, nil
}

// Legacy parses the legacy name maps (legacy-aliases.json "tables" and "columns") and which renamed columns
// each renamed table has, for callers that need no schema. Each call returns a fresh copy.
func Legacy() (LegacyNames, error) {
	var legacy LegacyNames
	if err := json.Unmarshal(legacyJSON, &legacy); err != nil {
		return LegacyNames{}, fmt.Errorf("defenderschema: embedded legacy-aliases.json: %w", err)
	}
	tables, err := LegacyTables()
	if err != nil {
		return LegacyNames{}, err
	}
	legacy.TableColumns = map[string][]string{}
	for _, t := range tables {
		if _, renamed := legacy.Tables[t.Name]; !renamed {
			continue
		}
		for _, c := range t.Columns {
			if _, ok := legacy.Columns[c.Name]; ok {
				legacy.TableColumns[t.Name] = append(legacy.TableColumns[t.Name], c.Name)
			}
		}
	}
	return legacy, nil
}

// LegacyTable is a 2018-2019 (or Defender for Endpoint only) table with its documented columns.
type LegacyTable struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	RenamedTo   string   `json:"renamedTo"`
	ReplacedBy  []string `json:"replacedBy"`
	Columns     []Column `json:"columns"`
}

// LegacyTables parses the full column lists of the legacy tables (legacy-aliases.json "legacyTables"), in file
// order. Each call returns a fresh copy.
func LegacyTables() ([]LegacyTable, error) {
	var doc struct {
		LegacyTables []LegacyTable `json:"legacyTables"`
	}
	if err := json.Unmarshal(legacyJSON, &doc); err != nil {
		return nil, fmt.Errorf("defenderschema: embedded legacy-aliases.json: %w", err)
	}
	return doc.LegacyTables, nil
}
