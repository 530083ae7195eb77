import { DataFrame, DataQueryRequest, FieldType, toDataFrame } from '@grafana/data';
import { lastValueFrom, of } from 'rxjs';

import { DataSource } from './datasource';
import { fakeTemplateSrv, instanceSettings } from './test/fakes';
import { QuarryVariableQuery } from './types';
import { frameValues, QuarryVariableSupport } from './variables';

const devices = toDataFrame({
  fields: [
    { name: 'DeviceName', type: FieldType.string, values: ['srv-01', 'CONTOSO\\pc', 'srv-01', 'Zoë'] },
    { name: 'DeviceId', type: FieldType.string, values: ['id-1', 'id-2', 'id-1', 'id-3'] },
  ],
});

describe('frameValues', () => {
  const cases: Array<{
    name: string;
    in: DataFrame[];
    mode: 'first' | 'textValue';
    want: Array<{ text: string; value: string }>;
  }> = [
    {
      name: 'first column as text and value, duplicates dropped',
      in: [devices],
      mode: 'first',
      want: [
        { text: 'srv-01', value: 'srv-01' },
        { text: 'CONTOSO\\pc', value: 'CONTOSO\\pc' },
        { text: 'Zoë', value: 'Zoë' },
      ],
    },
    {
      name: 'text and value from two columns',
      in: [devices],
      mode: 'textValue',
      want: [
        { text: 'srv-01', value: 'id-1' },
        { text: 'CONTOSO\\pc', value: 'id-2' },
        { text: 'Zoë', value: 'id-3' },
      ],
    },
    {
      name: 'one column in text/value mode falls back to that column',
      in: [toDataFrame({ fields: [{ name: 'Severity', values: ['High', null] }] })],
      mode: 'textValue',
      want: [
        { text: 'High', value: 'High' },
        { text: '', value: '' },
      ],
    },
    { name: 'no frames', in: [], mode: 'first', want: [] },
  ];
  it.each(cases)('$name', ({ in: frames, mode, want }) => {
    expect(frameValues(frames, mode)).toEqual(want);
  });
});

describe('QuarryVariableSupport.query', () => {
  it('runs the KQL as a table query and returns text/value fields', async () => {
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}));
    const query = jest.spyOn(ds, 'query').mockReturnValue(of({ data: [devices] }));
    const request = {
      targets: [
        {
          refId: 'variable',
          queryText: 'DeviceInfo | project DeviceName, DeviceId',
          variableColumns: 'textValue',
          format: 'logs',
        },
      ],
    } as unknown as DataQueryRequest<QuarryVariableQuery>;
    const response = await lastValueFrom((ds.variables as QuarryVariableSupport).query(request));
    expect(query.mock.calls[0][0].targets[0].format).toBe('table');
    const frame = response.data[0] as DataFrame;
    expect(frame.fields.map((f) => f.name)).toEqual(['text', 'value']);
    expect(frame.fields[1].values).toEqual(['id-1', 'id-2', 'id-3']);
  });
});
