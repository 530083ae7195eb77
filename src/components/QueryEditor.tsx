import React, { useEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, QueryEditorProps, SelectableValue } from '@grafana/data';
import {
  Button,
  CodeEditor,
  Dropdown,
  InlineField,
  InlineSwitch,
  Input,
  Menu,
  Monaco,
  MonacoEditor,
  RadioButtonGroup,
  Stack,
  useStyles2,
} from '@grafana/ui';

import type { DataSource } from '../datasource';
import { selectors } from '../selectors';
import { DEFAULTS, QuarryOptions, QuarryQuery, QueryFormat } from '../types';
import { registerCompletion } from './query/completion';
import { MacroHelp } from './query/MacroHelp';
import { QueryStats } from './query/QueryStats';
import { STARTER_QUERIES } from './query/starterQueries';

type Props = QueryEditorProps<DataSource, QuarryQuery, QuarryOptions> & {
  /** Variable and annotation queries always run as tables, so their editors hide the format picker. */
  hideFormat?: boolean;
  /** Shown greyed out while the editor is empty: an example of what to write here. */
  placeholder?: string;
};

export const QUERY_PLACEHOLDER = `DeviceProcessEvents
| where $__timeFilter(Timestamp)
| where FileName =~ "powershell.exe"
| project Timestamp, DeviceName, AccountName, ProcessCommandLine`;

export const FORMAT_OPTIONS: Array<SelectableValue<QueryFormat>> = [
  { value: 'table', label: 'Table', description: 'Rows as returned by the query' },
  { value: 'time_series', label: 'Time series', description: 'One series per numeric column and group, for graphs' },
  { value: 'logs', label: 'Logs', description: 'For the logs panel and Explore' },
];

export function QueryEditor({
  query,
  onChange,
  onRunQuery,
  datasource,
  data,
  hideFormat,
  placeholder = QUERY_PLACEHOLDER,
}: Props) {
  const styles = useStyles2(getStyles);
  const [showHelp, setShowHelp] = useState(false);
  // The query is saved on blur, so emptiness is tracked from the editor's own content (which also changes
  // when a starter query replaces the value).
  const [empty, setEmpty] = useState(!query.queryText);
  // Monaco commands are registered once; refs let them see the current query and callbacks.
  const latest = useRef({ query, onChange, onRunQuery });
  useEffect(() => {
    latest.current = { query, onChange, onRunQuery };
  });
  const disposers = useRef<Array<{ dispose: () => void }>>([]);
  useEffect(() => () => disposers.current.forEach((d) => d.dispose()), []);

  const format = query.format ?? DEFAULTS.format;
  const update = (patch: Partial<QuarryQuery>, run = false) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };

  const onEditorDidMount = (editor: MonacoEditor, monaco: Monaco) => {
    disposers.current.push(registerCompletion(monaco, editor, () => datasource.getSchema()));
    disposers.current.push(editor.onDidChangeModelContent(() => setEmpty(editor.getValue() === '')));
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => {
      const { query: q, onChange: change, onRunQuery: run } = latest.current;
      change({ ...q, queryText: editor.getValue() });
      run();
    });
  };

  const starters = (
    <Menu>
      {STARTER_QUERIES.map((s) => (
        <Menu.Item
          key={s.title}
          label={s.title}
          description={s.description}
          onClick={() => update({ queryText: s.queryText, format: s.format }, true)}
        />
      ))}
    </Menu>
  );

  return (
    <Stack direction="column" gap={1}>
      <Stack direction="row" justifyContent="space-between" alignItems="center" wrap="wrap">
        <Stack direction="row" gap={1}>
          <Dropdown overlay={starters} placement="bottom-start">
            <Button
              variant="secondary"
              size="sm"
              icon="book"
              fill="outline"
              data-testid={selectors.query.starterQueries}
            >
              Starter queries
            </Button>
          </Dropdown>
          <Button
            variant="secondary"
            size="sm"
            fill="text"
            icon={showHelp ? 'angle-down' : 'angle-right'}
            aria-expanded={showHelp}
            onClick={() => setShowHelp(!showHelp)}
          >
            Macros
          </Button>
        </Stack>
        <Stack direction="row" gap={1} alignItems="center">
          <QueryStats data={data} />
          <Button
            size="sm"
            icon="play"
            onClick={onRunQuery}
            data-testid={selectors.query.run}
            tooltip="Shift+Enter in the editor"
          >
            Run query
          </Button>
        </Stack>
      </Stack>
      {showHelp && <MacroHelp />}
      <div data-testid={selectors.query.editor} className={styles.editor}>
        {empty && (
          <pre className={styles.placeholder} data-testid={selectors.query.placeholder} aria-hidden>
            {placeholder}
          </pre>
        )}
        <CodeEditor
          language="kusto"
          value={query.queryText ?? ''}
          height={200}
          showLineNumbers
          showMiniMap={false}
          onBlur={(queryText) => queryText !== query.queryText && update({ queryText })}
          onEditorDidMount={onEditorDidMount}
          monacoOptions={{ fixedOverflowWidgets: true, scrollBeyondLastLine: false, wordWrap: 'on' }}
        />
      </div>
      <Stack direction="row" gap={0} wrap="wrap">
        {!hideFormat && (
          <InlineField label="Format" labelWidth={10} tooltip="How rows become data frames">
            <RadioButtonGroup
              id={selectors.query.format}
              aria-label="Format"
              options={FORMAT_OPTIONS}
              value={format}
              onChange={(v) => update({ format: v }, true)}
            />
          </InlineField>
        )}
        <InlineField
          label="Time column"
          labelWidth={14}
          tooltip="The column $__timeFilter() filters on and time series and logs use as time. Most hunting tables call it Timestamp."
        >
          <Input
            id={selectors.query.timeColumn}
            width={20}
            value={query.timeColumn ?? ''}
            placeholder={DEFAULTS.timeColumn}
            onChange={(e) => update({ timeColumn: e.currentTarget.value })}
            onBlur={() => onRunQuery()}
          />
        </InlineField>
        {datasource.api === 'graph' && (
          <InlineField
            label="Apply dashboard time range"
            labelWidth={28}
            tooltip="Also send the dashboard range to Microsoft Graph as the query Timespan, so rows outside it are never scanned. Without it, only $__timeFilter limits the time."
          >
            <InlineSwitch
              id={selectors.query.applyTimeRange}
              value={query.applyTimeRange ?? DEFAULTS.applyTimeRange}
              onChange={(e) => update({ applyTimeRange: e.currentTarget.checked }, true)}
            />
          </InlineField>
        )}
      </Stack>
    </Stack>
  );
}

// The placeholder sits where Monaco draws the first line (after the line numbers) and lets clicks through
// to the editor underneath.
const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({ position: 'relative' }),
  placeholder: css({
    position: 'absolute',
    top: 0,
    left: 64,
    zIndex: 1,
    margin: 0,
    padding: 0,
    background: 'none',
    border: 'none',
    pointerEvents: 'none',
    color: theme.colors.text.disabled,
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: 14,
    lineHeight: '19px',
    whiteSpace: 'pre-wrap',
  }),
});
