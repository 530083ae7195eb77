// KQL string literals for template variable values. The backend's pkg/kql lexer decodes the same escapes,
// so a value such as DOMAIN\user or C:\Windows\System32 arrives unchanged.

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** quoteKql returns value as a single-quoted KQL string literal. Unicode passes through as is. */
export function quoteKql(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return "'" + text.replace(/[\\'\n\r\t]/g, (c) => ESCAPES[c]) + "'";
}

/**
 * formatKqlVariable is the template-variable formatter: one value becomes one literal, several values
 * (multi-value or All) become a comma-separated list ready for `in (...)`.
 */
export function formatKqlVariable(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      // `in ()` is a syntax error; an empty string matches nothing, which is what "no selection" means.
      return "''";
    }
    return value.map(quoteKql).join(', ');
  }
  return quoteKql(value);
}
