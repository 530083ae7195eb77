import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, RadioButtonGroup, Stack } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { selectors } from '../selectors';
import { QuarryOptions, QuarryQuery, QuarryVariableQuery, VariableColumns } from '../types';
import { QueryEditor } from './QueryEditor';

type Props = QueryEditorProps<DataSource, QuarryQuery, QuarryOptions, QuarryVariableQuery>;

const COLUMN_OPTIONS: Array<SelectableValue<VariableColumns>> = [
  { value: 'first', label: 'First column', description: 'The first column is both the label and the value' },
  { value: 'textValue', label: 'Text and value', description: 'The first column is the label, the second the value' },
];

/** VariableQueryEditor is the KQL editor plus the choice of which columns become the options. */
export function VariableQueryEditor(props: Props) {
  const query: QuarryVariableQuery = { ...props.query, refId: props.query.refId ?? 'variable' };
  return (
    <Stack direction="column" gap={1}>
      <QueryEditor {...props} hideFormat query={query} onChange={(q) => props.onChange({ ...query, ...q })} />
      <InlineField
        label="Values from"
        labelWidth={14}
        tooltip="E.g. DeviceInfo | distinct DeviceName, or | project DeviceName, DeviceId for text and value"
      >
        <RadioButtonGroup
          id={selectors.query.variableColumns}
          aria-label="Values from"
          options={COLUMN_OPTIONS}
          value={query.variableColumns ?? 'first'}
          onChange={(v) => props.onChange({ ...query, variableColumns: v })}
        />
      </InlineField>
    </Stack>
  );
}
