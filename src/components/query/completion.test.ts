import type { monacoTypes } from '@grafana/ui';

import { HuntingSchema } from '../../types';
import { atTableStart, createCompletionProvider, MonacoLike, referencedTables } from './completion';

const schema: HuntingSchema = {
  tables: [
    {
      name: 'DeviceProcessEvents',
      description: 'Process creation and related events',
      columns: [
        { name: 'Timestamp', type: 'datetime', description: 'Date and time when the event was recorded' },
        { name: 'ProcessCommandLine', type: 'string', description: 'Command line used to create the new process' },
      ],
    },
    {
      name: 'AlertInfo',
      description: 'Alerts from Microsoft Defender',
      columns: [
        { name: 'Timestamp', type: 'datetime', description: 'Date and time' },
        { name: 'Severity', type: 'string', description: 'Indicates the potential impact' },
      ],
    },
  ],
  legacy: { tables: { ProcessCreationEvents: 'DeviceProcessEvents' }, columns: {} },
};

const monaco: MonacoLike = {
  languages: {
    CompletionItemKind: { Class: 5, Field: 3, Function: 1 },
    CompletionItemInsertTextRule: { InsertAsSnippet: 4 },
  },
};

/** fakeModel is a one-line-per-string text model with just what the provider reads. */
function fakeModel(text: string, id = 'model-1'): monacoTypes.editor.ITextModel {
  const lines = text.split('\n');
  return {
    id,
    getValue: () => text,
    getWordUntilPosition: (p: monacoTypes.IPosition) => {
      const before = lines[p.lineNumber - 1].slice(0, p.column - 1);
      const word = /[A-Za-z_0-9]*$/.exec(before)![0];
      return { word, startColumn: p.column - word.length, endColumn: p.column };
    },
    getValueInRange: (r: monacoTypes.IRange) =>
      [...lines.slice(0, r.endLineNumber - 1), lines[r.endLineNumber - 1].slice(0, r.endColumn - 1)].join('\n'),
  } as unknown as monacoTypes.editor.ITextModel;
}

async function complete(text: string, owned = true, getSchema = () => Promise.resolve(schema)) {
  const lines = text.split('\n');
  const position = { lineNumber: lines.length, column: lines[lines.length - 1].length + 1 };
  const provider = createCompletionProvider(monaco, getSchema, () => owned);
  const result = await provider.provideCompletionItems(
    fakeModel(text),
    position as monacoTypes.Position,
    {} as monacoTypes.languages.CompletionContext,
    {} as monacoTypes.CancellationToken
  );
  const items = result!.suggestions;
  const label = (i: monacoTypes.languages.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
  return { items, sorted: [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map(label), label };
}

describe('completion provider', () => {
  it('offers tables first at the start of a query', async () => {
    const { sorted } = await complete('Dev');
    expect(sorted.slice(0, 2)).toEqual(['AlertInfo', 'DeviceProcessEvents']);
  });

  it('offers the columns of the table in use first after a pipe, with type and description', async () => {
    const { items, sorted, label } = await complete('DeviceProcessEvents\n| where Proc');
    expect(sorted.slice(0, 2)).toEqual(['ProcessCommandLine', 'Timestamp']);
    const col = items.find((i) => label(i) === 'ProcessCommandLine')!;
    expect(col.kind).toBe(3);
    expect(col.detail).toBe('string · DeviceProcessEvents');
    expect(col.documentation).toBe('Command line used to create the new process');
    expect(col.range).toEqual({ startLineNumber: 2, endLineNumber: 2, startColumn: 9, endColumn: 13 });
    // Columns of tables the query does not use are not offered.
    expect(sorted).not.toContain('Severity');
  });

  it('follows legacy table names to today’s columns', async () => {
    const { sorted } = await complete('ProcessCreationEvents | where ');
    expect(sorted[0]).toBe('ProcessCommandLine');
  });

  it('offers legacy table names and inserts today’s name', async () => {
    const { items, label } = await complete('ProcessCre');
    const legacy = items.find((i) => label(i) === 'ProcessCreationEvents')!;
    expect(legacy.insertText).toBe('DeviceProcessEvents');
    expect(legacy.detail).toBe('renamed to DeviceProcessEvents');
  });

  it('offers the macros as snippets', async () => {
    const { items, label } = await complete('AlertInfo | where ');
    const macro = items.find((i) => label(i) === '$__timeFilter')!;
    expect(macro.insertText).toBe('\\$__timeFilter(${1:Timestamp})');
    expect(macro.insertTextRules).toBe(4);
  });

  it('answers nothing for another editor’s model', async () => {
    const { items } = await complete('AlertInfo | where ', false);
    expect(items).toEqual([]);
  });

  it('answers nothing when the schema cannot be fetched', async () => {
    const { items } = await complete('Alert', true, () => Promise.reject(new Error('502')));
    expect(items).toEqual([]);
  });
});

describe('referencedTables and atTableStart', () => {
  it('finds tables in order of appearance, once each', () => {
    const got = referencedTables(schema, 'AlertInfo | join (DeviceProcessEvents) on X | union AlertInfo');
    expect(got.map((t) => t.name)).toEqual(['AlertInfo', 'DeviceProcessEvents']);
  });
  it.each([
    { in: 'Dev', want: true },
    { in: 'AlertInfo | where ', want: false },
    { in: 'let x = 1;\nDev', want: true },
  ])('atTableStart($in) is $want', ({ in: text, want }) => {
    expect(atTableStart(text)).toBe(want);
  });
});
