import type { Monaco, monacoTypes } from '@grafana/ui';

import { HuntingSchema, SchemaTable } from '../../types';

type Kind = typeof monacoTypes.languages.CompletionItemKind;

/** The parts of Monaco the provider uses: small enough for a test to pass a stand-in. */
export interface MonacoLike {
  languages: {
    CompletionItemKind: Pick<Kind, 'Class' | 'Field' | 'Function'>;
    CompletionItemInsertTextRule: { InsertAsSnippet: number };
  };
}

export const MACROS: Array<{ name: string; snippet: string; doc: string }> = [
  {
    name: '$__timeFilter',
    snippet: '\\$__timeFilter(${1:Timestamp})',
    doc: 'Column between the dashboard start and end time; without a column it uses the time column setting.',
  },
  { name: '$__timeFrom', snippet: '\\$__timeFrom', doc: 'Start of the dashboard time range as datetime(...).' },
  { name: '$__timeTo', snippet: '\\$__timeTo', doc: 'End of the dashboard time range as datetime(...).' },
  {
    name: '$__timeInterval',
    snippet: '\\$__timeInterval',
    doc: 'The panel interval as a KQL timespan such as 5m, for bin().',
  },
  { name: '$__interval', snippet: '\\$__interval', doc: 'Same as $__timeInterval.' },
  { name: '$__interval_ms', snippet: '\\$__interval_ms', doc: 'The panel interval in milliseconds, as an integer.' },
];

/**
 * referencedTables returns the schema tables a query names, following legacy names (such as
 * ProcessCreationEvents) to today's tables, in the order they first appear.
 */
export function referencedTables(schema: HuntingSchema, text: string): SchemaTable[] {
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const legacy = schema.legacy?.tables ?? {};
  const out: SchemaTable[] = [];
  for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    const table = byName.get(word) ?? byName.get(legacy[word] ?? '');
    if (table && !out.includes(table)) {
      out.push(table);
    }
  }
  return out;
}

/** atTableStart is true when the cursor is where a table name goes: before the first pipe of a statement. */
export function atTableStart(textBefore: string): boolean {
  const statement = textBefore.slice(textBefore.lastIndexOf(';') + 1);
  return !statement.includes('|');
}

/**
 * createCompletionProvider offers table names, the columns of the tables the query uses (with type and
 * description) and the macros. ownsModel keeps one editor's provider from answering for another editor.
 */
export function createCompletionProvider(
  monaco: MonacoLike,
  getSchema: () => Promise<HuntingSchema>,
  ownsModel: (model: monacoTypes.editor.ITextModel) => boolean
): monacoTypes.languages.CompletionItemProvider {
  const kinds = monaco.languages.CompletionItemKind;
  return {
    triggerCharacters: [' ', '(', ',', '|', '$'],
    async provideCompletionItems(model, position) {
      if (!ownsModel(model)) {
        return { suggestions: [] };
      }
      let schema: HuntingSchema;
      try {
        schema = await getSchema();
      } catch {
        // No schema (backend down, old backend): the editor still works, just without names.
        return { suggestions: [] };
      }
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const textBefore = model.getValueInRange({
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: position.lineNumber,
        endColumn: position.column,
      });
      const tablesFirst = atTableStart(textBefore);
      const suggestions: monacoTypes.languages.CompletionItem[] = schema.tables.map((t) => ({
        label: t.name,
        kind: kinds.Class,
        detail: `table · ${t.columns.length} columns`,
        documentation: t.description,
        insertText: t.name,
        sortText: (tablesFirst ? '0' : '2') + t.name,
        range,
      }));
      // People coming from the original Defender for Endpoint API type the old table names: offer them,
      // inserting today's name.
      for (const [oldName, newName] of Object.entries(schema.legacy?.tables ?? {})) {
        suggestions.push({
          label: oldName,
          kind: kinds.Class,
          detail: `renamed to ${newName}`,
          documentation: `${oldName} is the legacy name of ${newName}; choosing it inserts ${newName}.`,
          filterText: oldName,
          insertText: newName,
          sortText: (tablesFirst ? '1' : '4') + oldName,
          range,
        });
      }
      const seen = new Set<string>();
      for (const table of referencedTables(schema, model.getValue())) {
        for (const c of table.columns) {
          if (seen.has(c.name)) {
            continue;
          }
          seen.add(c.name);
          suggestions.push({
            label: { label: c.name, description: c.type },
            kind: kinds.Field,
            detail: `${c.type} · ${table.name}`,
            documentation: c.description,
            insertText: c.name,
            sortText: (tablesFirst ? '1' : '0') + c.name,
            range,
          });
        }
      }
      for (const m of MACROS) {
        suggestions.push({
          label: m.name,
          kind: kinds.Function,
          detail: 'Quarry macro',
          documentation: m.doc,
          insertText: m.snippet,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          sortText: '3' + m.name,
          range,
        });
      }
      return { suggestions };
    },
  };
}

/** registerCompletion registers the provider for kusto and returns the handle to dispose on unmount. */
export function registerCompletion(
  monaco: Monaco,
  editor: monacoTypes.editor.IStandaloneCodeEditor,
  getSchema: () => Promise<HuntingSchema>
): monacoTypes.IDisposable {
  return monaco.languages.registerCompletionItemProvider(
    'kusto',
    createCompletionProvider(monaco, getSchema, (model) => model.id === editor.getModel()?.id)
  );
}
