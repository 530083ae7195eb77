import {
  CustomVariableSupport,
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  FieldType,
  MetricFindValue,
} from '@grafana/data';
import { Observable } from 'rxjs';
import { map } from 'rxjs/operators';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { DEFAULTS, QuarryVariableQuery, VariableColumns } from './types';

/** Variable values come from a KQL query run through the backend like any panel query. */
export class QuarryVariableSupport extends CustomVariableSupport<DataSource, QuarryVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<QuarryVariableQuery>): Observable<DataQueryResponse> {
    const target = request.targets[0];
    const mode = target?.variableColumns ?? 'first';
    const targets = request.targets.map((t) => ({ ...t, format: DEFAULTS.format }));
    return this.datasource
      .query({ ...request, targets })
      .pipe(map((response) => ({ ...response, data: [toVariableFrame(frameValues(response.data ?? [], mode))] })));
  }
}

/**
 * frameValues turns result rows into variable options: the first column as both text and value, or the
 * first column as text and the second as value. Duplicates (same value) are dropped, order is kept.
 */
export function frameValues(frames: DataFrame[], mode: VariableColumns): MetricFindValue[] {
  const seen = new Set<string>();
  const out: MetricFindValue[] = [];
  for (const frame of frames) {
    const [textField, secondField] = frame.fields;
    if (!textField) {
      continue;
    }
    const valueField = mode === 'textValue' && secondField ? secondField : textField;
    for (let i = 0; i < frame.length; i++) {
      const text = cellText(textField.values[i]);
      const value = cellText(valueField.values[i]);
      if (seen.has(value)) {
        continue;
      }
      seen.add(value);
      out.push({ text, value });
    }
  }
  return out;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) {
    return '';
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function toVariableFrame(values: MetricFindValue[]): DataFrame {
  // Grafana reads fields named "text" and "value" as the option label and value.
  return {
    length: values.length,
    fields: [
      { name: 'text', type: FieldType.string, config: {}, values: values.map((v) => v.text) },
      { name: 'value', type: FieldType.string, config: {}, values: values.map((v) => String(v.value)) },
    ],
  };
}
