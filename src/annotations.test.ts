import { FieldType, toDataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { annotationSupport, framesToEvents } from './annotations';
import { QuarryAnnotationQuery } from './types';

const t0 = Date.parse('2026-11-20T10:00:00Z');
const alerts = toDataFrame({
  fields: [
    { name: 'Timestamp', type: FieldType.time, values: [t0, t0 + 60000] },
    { name: 'Resolved', type: FieldType.time, values: [t0 + 3600000, null] },
    { name: 'Title', type: FieldType.string, values: ['Suspicious PowerShell', 'LSASS access'] },
    { name: 'Tags', type: FieldType.string, values: ['High, Endpoint', '["Medium","Identity"]'] },
  ],
});

describe('framesToEvents', () => {
  const cases: Array<{ name: string; in: QuarryAnnotationQuery; want: unknown[] }> = [
    {
      name: 'time, end time, text and tags columns',
      in: { refId: 'Anno', timeField: 'Timestamp', timeEndField: 'Resolved', textField: 'Title', tagsField: 'Tags' },
      want: [
        { time: t0, timeEnd: t0 + 3600000, isRegion: true, text: 'Suspicious PowerShell', tags: ['High', 'Endpoint'] },
        { time: t0 + 60000, text: 'LSASS access', tags: ['Medium', 'Identity'] },
      ],
    },
    {
      name: 'defaults: time column and the first text column, names case-insensitive',
      in: { refId: 'Anno', timeField: 'timestamp' },
      want: [
        { time: t0, text: 'Suspicious PowerShell', tags: [] },
        { time: t0 + 60000, text: 'LSASS access', tags: [] },
      ],
    },
  ];
  it.each(cases)('$name', ({ in: target, want }) => {
    expect(framesToEvents(target, [alerts])).toEqual(want);
  });

  it('reads RFC 3339 strings as times and skips rows without one', () => {
    const frame = toDataFrame({
      fields: [
        { name: 'When', type: FieldType.string, values: ['2026-11-20T10:00:00Z', 'not a time'] },
        { name: 'Text', type: FieldType.string, values: ['a', 'b'] },
      ],
    });
    expect(framesToEvents({ refId: 'Anno', timeField: 'When', textField: 'Text' }, [frame])).toEqual([
      { time: t0, text: 'a', tags: [] },
    ]);
  });
});

describe('annotationSupport', () => {
  it('skips empty queries and runs others as tables', () => {
    expect(
      annotationSupport.prepareQuery!({
        name: 'a',
        enable: true,
        iconColor: 'red',
        target: { refId: 'Anno', queryText: ' ' },
      })
    ).toBeUndefined();
    expect(
      annotationSupport.prepareQuery!({
        name: 'a',
        enable: true,
        iconColor: 'red',
        target: { refId: 'Anno', queryText: 'AlertInfo', format: 'logs' },
      })
    ).toMatchObject({ queryText: 'AlertInfo', format: 'table' });
  });
  it('turns frames into events with the editor’s columns', async () => {
    const events = await lastValueFrom(
      annotationSupport.processEvents!(
        {
          name: 'a',
          enable: true,
          iconColor: 'red',
          target: { refId: 'Anno', textField: 'Title' } as QuarryAnnotationQuery,
        },
        [alerts]
      )
    );
    expect(events?.map((e) => e.text)).toEqual(['Suspicious PowerShell', 'LSASS access']);
  });
});
