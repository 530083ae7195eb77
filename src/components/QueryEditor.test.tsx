import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { LoadingState, PanelData, toDataFrame } from '@grafana/data';

import { DataSource } from '../datasource';
import { selectors } from '../selectors';
import { fakeTemplateSrv, instanceSettings } from '../test/fakes';
import { QuarryQuery } from '../types';
import { QueryEditor } from './QueryEditor';
import { STARTER_QUERIES } from './query/starterQueries';

// Monaco does not run in jsdom: stand in a textarea and capture what the editor registers on mount.
const mounted: { commands: Array<{ keys: number; run: () => void }>; providers: Array<{ language: string }> } = {
  commands: [],
  providers: [],
};
jest.mock('@grafana/ui', () => {
  const actual = jest.requireActual('@grafana/ui');
  const ReactLib = jest.requireActual('react');
  function CodeEditor(props: {
    value: string;
    language: string;
    onBlur: (v: string) => void;
    onEditorDidMount: Function;
  }) {
    const [value, setValue] = ReactLib.useState(props.value);
    const listeners = ReactLib.useRef([]);
    ReactLib.useEffect(() => {
      const editor = {
        onDidChangeModelContent: (l: () => void) => {
          listeners.current.push(l);
          return { dispose: () => {} };
        },
        getValue: () => (document.getElementById('kql') as HTMLTextAreaElement).value,
        getModel: () => ({ id: 'm1' }),
        addCommand: (keys: number, run: () => void) => mounted.commands.push({ keys, run }),
      };
      const monaco = {
        KeyMod: { Shift: 1024 },
        KeyCode: { Enter: 3 },
        languages: {
          CompletionItemKind: { Class: 5, Field: 3, Function: 1 },
          CompletionItemInsertTextRule: { InsertAsSnippet: 4 },
          registerCompletionItemProvider: (language: string) => {
            mounted.providers.push({ language });
            return { dispose: () => {} };
          },
        },
      };
      props.onEditorDidMount(editor, monaco);
    }, []);
    return ReactLib.createElement('textarea', {
      id: 'kql',
      'data-language': props.language,
      value,
      onChange: (e: { target: { value: string } }) => {
        setValue(e.target.value);
        listeners.current.forEach((l: () => void) => l());
      },
      onBlur: () => props.onBlur(value),
    });
  }
  return { ...actual, CodeEditor };
});

function setup(query: Partial<QuarryQuery> = {}, api: 'graph' | 'xdr' = 'graph', data?: PanelData) {
  const ds = new DataSource(instanceSettings({ api }), fakeTemplateSrv({}));
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  mounted.commands = [];
  mounted.providers = [];
  render(
    <QueryEditor
      datasource={ds}
      query={{ refId: 'A', ...query }}
      onChange={onChange}
      onRunQuery={onRunQuery}
      data={data}
    />
  );
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('shows an example query while the editor is empty, and hides it as soon as one types', () => {
    setup();
    expect(screen.getByTestId(selectors.query.placeholder)).toHaveTextContent('DeviceProcessEvents');
    fireEvent.change(document.getElementById('kql')!, { target: { value: 'A' } });
    expect(screen.queryByTestId(selectors.query.placeholder)).toBeNull();
    fireEvent.change(document.getElementById('kql')!, { target: { value: '' } });
    expect(screen.getByTestId(selectors.query.placeholder)).toBeInTheDocument();
  });

  it('shows no example over a saved query', () => {
    setup({ queryText: 'AlertInfo' });
    expect(screen.queryByTestId(selectors.query.placeholder)).toBeNull();
  });

  it('edits KQL in a kusto editor and keeps it on blur', () => {
    const { onChange } = setup();
    const kql = screen.getByRole('textbox', { name: '' }) as HTMLTextAreaElement;
    expect(document.getElementById('kql')).toHaveAttribute('data-language', 'kusto');
    fireEvent.change(kql, { target: { value: 'AlertInfo | take 10' } });
    fireEvent.blur(kql);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryText: 'AlertInfo | take 10' });
  });

  it('registers table and column completion and Shift+Enter to run', () => {
    const { onChange, onRunQuery } = setup({ queryText: 'AlertInfo' });
    expect(mounted.providers).toEqual([{ language: 'kusto' }]);
    expect(mounted.commands.map((c) => c.keys)).toEqual([1024 | 3]);
    fireEvent.change(document.getElementById('kql')!, { target: { value: 'AlertInfo | count' } });
    mounted.commands[0].run();
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryText: 'AlertInfo | count' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('picks a format and runs', () => {
    const { onChange, onRunQuery } = setup({ queryText: 'T' });
    expect(screen.getByRole('radio', { name: 'Table' })).toBeChecked();
    fireEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryText: 'T', format: 'time_series' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('sets the time column', () => {
    const { onChange } = setup();
    fireEvent.change(document.getElementById(selectors.query.timeColumn)!, { target: { value: 'EventTime' } });
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', timeColumn: 'EventTime' });
  });

  it('offers "apply dashboard time range" for Graph only, on by default', () => {
    const { onChange } = setup();
    const toggle = document.getElementById(selectors.query.applyTimeRange) as HTMLInputElement;
    expect(toggle).toBeChecked();
    fireEvent.click(toggle);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', applyTimeRange: false });
  });

  it('hides the time range toggle for the legacy APIs', () => {
    setup({}, 'xdr');
    expect(document.getElementById(selectors.query.applyTimeRange)).toBeNull();
  });

  it('shows macro help on demand', () => {
    setup();
    expect(screen.queryByTestId(selectors.query.macroHelp)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Macros/ }));
    expect(screen.getByTestId(selectors.query.macroHelp)).toHaveTextContent('$__timeFilter(Timestamp)');
  });

  it('shows rows, execution time and cache state of the last run', () => {
    const frame = toDataFrame({ fields: [{ name: 'n', values: [1] }] });
    frame.meta = {
      custom: { api: 'graph', rows: 12345, truncated: true, cache: 'hit', stats: { ExecutionTime: 0.4321 } },
    };
    setup({}, 'graph', { state: LoadingState.Done, series: [frame], timeRange: {} as PanelData['timeRange'] });
    const stats = screen.getByTestId(selectors.query.stats);
    expect(stats).toHaveTextContent('12,345 rows · executed in 432 ms · from cache');
    expect(stats).toHaveTextContent('may be truncated');
  });
});

describe('starter queries', () => {
  it('has at least ten, each using the time macros', () => {
    expect(STARTER_QUERIES.length).toBeGreaterThanOrEqual(10);
    for (const s of STARTER_QUERIES) {
      expect(s.queryText).toMatch(/\$__timeFilter/);
    }
  });

  it.each([
    'Encoded PowerShell',
    'LSASS',
    'PsExec',
    'Shadow copy',
    'phishing',
    'Process events over time',
    'Top alerts',
    'Logon failures',
    'Rare outbound',
    'OAuth',
  ])('covers %s', (topic) => {
    expect(STARTER_QUERIES.some((s) => s.title.toLowerCase().includes(topic.toLowerCase()))).toBe(true);
  });

  it('the menu replaces the query, sets its format and runs it', async () => {
    const { onChange, onRunQuery } = setup({ queryText: 'old' });
    fireEvent.click(screen.getByTestId(selectors.query.starterQueries));
    fireEvent.click(await screen.findByText('Process events over time'));
    const starter = STARTER_QUERIES.find((s) => s.title === 'Process events over time')!;
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryText: starter.queryText, format: 'time_series' });
    expect(onRunQuery).toHaveBeenCalled();
  });
});
