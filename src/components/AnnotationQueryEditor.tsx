import React from 'react';
import { AnnotationQuery, QueryEditorProps } from '@grafana/data';
import { InlineField, Input, Stack } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { selectors } from '../selectors';
import { QuarryAnnotationQuery, QuarryOptions, QuarryQuery } from '../types';
import { QueryEditor } from './QueryEditor';

type Props = QueryEditorProps<DataSource, QuarryQuery, QuarryOptions> & {
  annotation?: AnnotationQuery<QuarryQuery>;
  onAnnotationChange?: (annotation: AnnotationQuery<QuarryQuery>) => void;
};

/** An annotation query: one row per event, with a time column and a text column to show. */
export const ANNOTATION_PLACEHOLDER = `AlertInfo
| where $__timeFilter(Timestamp)
| where Severity in ("High", "Medium")
| project Timestamp, Title, Severity, Category`;

type ColumnKey = 'timeField' | 'timeEndField' | 'textField' | 'tagsField';

const COLUMNS: Array<{ key: ColumnKey; label: string; tooltip: string; placeholder: string; testId: string }> = [
  {
    key: 'timeField',
    label: 'Time',
    tooltip: 'Column with the event time',
    placeholder: 'Timestamp',
    testId: selectors.query.annotationTime,
  },
  {
    key: 'timeEndField',
    label: 'End time',
    tooltip: 'Optional: a column with an end time draws a region',
    placeholder: 'optional',
    testId: selectors.query.annotationTimeEnd,
  },
  {
    key: 'textField',
    label: 'Text',
    tooltip: 'Column shown as the annotation text; default: the first text column',
    placeholder: 'e.g. Title',
    testId: selectors.query.annotationText,
  },
  {
    key: 'tagsField',
    label: 'Tags',
    tooltip: 'Optional: a column of tags (comma separated or a dynamic array)',
    placeholder: 'e.g. Severity',
    testId: selectors.query.annotationTags,
  },
];

/** AnnotationQueryEditor is the query editor plus the columns that make up an annotation. */
export function AnnotationQueryEditor(props: Props) {
  const { annotation, onAnnotationChange } = props;
  const target: QuarryAnnotationQuery = { ...(annotation?.target ?? props.query), refId: 'Anno' };
  const change = (next: QuarryAnnotationQuery) => {
    if (annotation && onAnnotationChange) {
      onAnnotationChange({ ...annotation, target: next });
    } else {
      props.onChange(next);
    }
  };
  return (
    <Stack direction="column" gap={1}>
      <QueryEditor
        {...props}
        hideFormat
        placeholder={ANNOTATION_PLACEHOLDER}
        query={target}
        onChange={(q) => change({ ...target, ...q })}
      />
      <Stack direction="row" gap={0} wrap="wrap">
        {COLUMNS.map((c) => (
          <InlineField key={c.key} label={c.label} labelWidth={12} tooltip={c.tooltip}>
            <Input
              id={c.testId}
              width={20}
              value={target[c.key] ?? ''}
              placeholder={c.placeholder}
              onChange={(e) => change({ ...target, [c.key]: e.currentTarget.value || undefined })}
            />
          </InlineField>
        ))}
      </Stack>
    </Stack>
  );
}
