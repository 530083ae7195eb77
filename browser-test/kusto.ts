/// <reference types="vite/client" />
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';

// Inside Grafana, core provides the kusto language to CodeEditor. This page only needs enough of it for
// the plugin's completion provider to attach and for screenshots to show highlighted KQL.
export function setupMonaco() {
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker: () => new EditorWorker(),
  };
  monaco.languages.register({ id: 'kusto' });
  monaco.languages.setMonarchTokensProvider('kusto', {
    keywords: [
      'where',
      'project',
      'extend',
      'summarize',
      'by',
      'order',
      'sort',
      'asc',
      'desc',
      'take',
      'top',
      'limit',
      'join',
      'kind',
      'on',
      'union',
      'let',
      'distinct',
      'count',
      'and',
      'or',
      'not',
      'in',
      'has',
      'contains',
      'between',
      'startswith',
      'endswith',
      'matches',
      'regex',
      'has_any',
      'has_all',
    ],
    tokenizer: {
      root: [
        [/\/\/.*$/, 'comment'],
        [/\$__\w+/, 'variable'],
        [/\$\w+/, 'variable'],
        [/@?'([^'\\]|\\.)*'/, 'string'],
        [/@?"([^"\\]|\\.)*"/, 'string'],
        [/\d+[a-z]*/, 'number'],
        [/[a-zA-Z_][\w~]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/[|=<>!~]+/, 'operator'],
      ],
    },
  });
}
