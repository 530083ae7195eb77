import { AnnotationEvent, AnnotationQuery, AnnotationSupport, DataFrame, Field, FieldType } from '@grafana/data';
import { Observable, of } from 'rxjs';

import { AnnotationQueryEditor } from './components/AnnotationQueryEditor';
import { DEFAULTS, QuarryAnnotationQuery, QuarryQuery } from './types';

type Anno = AnnotationQuery<QuarryQuery>;

export const annotationSupport: AnnotationSupport<QuarryQuery> = {
  QueryEditor: AnnotationQueryEditor,
  prepareQuery(anno: Anno): QuarryQuery | undefined {
    const target = anno.target as QuarryAnnotationQuery | undefined;
    if (!target?.queryText?.trim()) {
      return undefined;
    }
    return { ...target, format: 'table' };
  },
  processEvents(anno: Anno, frames: DataFrame[]): Observable<AnnotationEvent[] | undefined> {
    return of(framesToEvents((anno.target ?? {}) as QuarryAnnotationQuery, frames));
  },
};

/**
 * framesToEvents maps rows to annotation events using the column names chosen in the editor: time
 * (default: the query's time column, then the first time column), optional end time, text and tags.
 * Tags may be a string (comma separated), a JSON array or a dynamic array column.
 */
export function framesToEvents(target: QuarryAnnotationQuery, frames: DataFrame[]): AnnotationEvent[] {
  const events: AnnotationEvent[] = [];
  for (const frame of frames) {
    const time =
      byName(frame, target.timeField || target.timeColumn || DEFAULTS.timeColumn) ??
      frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    const end = target.timeEndField ? byName(frame, target.timeEndField) : undefined;
    const text = target.textField
      ? byName(frame, target.textField)
      : frame.fields.find((f) => f !== time && f.type === FieldType.string);
    const tags = target.tagsField ? byName(frame, target.tagsField) : undefined;
    for (let i = 0; i < frame.length; i++) {
      const t = toMillis(time.values[i]);
      if (t === undefined) {
        continue;
      }
      const event: AnnotationEvent = {
        time: t,
        text: text ? String(text.values[i] ?? '') : '',
        tags: toTags(tags?.values[i]),
      };
      const te = end ? toMillis(end.values[i]) : undefined;
      if (te !== undefined) {
        event.timeEnd = te;
        event.isRegion = te !== t;
      }
      events.push(event);
    }
  }
  return events;
}

function byName(frame: DataFrame, name: string): Field | undefined {
  const lower = name.toLowerCase();
  return frame.fields.find((f) => f.name.toLowerCase() === lower);
}

function toMillis(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) {
    return v;
  }
  if (typeof v === 'string' && v !== '') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (v instanceof Date) {
    return v.getTime();
  }
  return undefined;
}

function toTags(v: unknown): string[] {
  if (v === null || v === undefined || v === '') {
    return [];
  }
  if (Array.isArray(v)) {
    return v.map(String);
  }
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('[')) {
      try {
        const parsed = JSON.parse(s);
        if (Array.isArray(parsed)) {
          return parsed.map(String);
        }
      } catch {
        // not JSON: fall through to comma splitting
      }
    }
    return s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  }
  return [String(v)];
}
