// Package kql holds the KQL text tools shared by the plugin and the emulator: a lexer that turns query text
// into tokens with byte offsets and line/column positions, and string-literal decoding. Macro expansion and
// literal escaping for template variables build on these tokens, and so does RewriteLegacy, which moves a
// query from Defender's retired 2018-2019 names to the current ones; nothing inside a string literal or a
// comment is ever rewritten.
//
// It is a leaf: it imports only the standard library, and it knows nothing of KQL's grammar beyond tokens
// (keywords are plain identifiers; the emulator's engine owns parsing and evaluation), except that the legacy
// rewrite follows statements, pipelines and operator argument lists far enough to tell where a column is
// referenced and where a result column is produced.
package kql
