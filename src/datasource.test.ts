import { CoreApp, ScopedVars } from '@grafana/data';

import { DataSource } from './datasource';
import { fakeTemplateSrv, instanceSettings } from './test/fakes';
import { QuarryQuery } from './types';

const vars = {
  user: 'CONTOSO\\alice',
  path: 'C:\\Windows\\System32',
  hosts: ['srv-01', "o'brien-pc", 'Zoë-laptop'],
  severity: 'High',
};

function newDs(jsonData = {}) {
  return new DataSource(instanceSettings(jsonData), fakeTemplateSrv(vars));
}

describe('DataSource.applyTemplateVariables', () => {
  const cases: Array<{ name: string; in: string; scoped?: ScopedVars; want: string }> = [
    {
      name: 'single value becomes a literal with the backslash escaped',
      in: 'DeviceLogonEvents | where AccountName == $user',
      want: "DeviceLogonEvents | where AccountName == 'CONTOSO\\\\alice'",
    },
    {
      name: 'windows path survives',
      in: 'DeviceFileEvents | where FolderPath startswith ${path}',
      want: "DeviceFileEvents | where FolderPath startswith 'C:\\\\Windows\\\\System32'",
    },
    {
      name: 'multi value becomes a list for in (...)',
      in: 'DeviceInfo | where DeviceName in ($hosts)',
      want: "DeviceInfo | where DeviceName in ('srv-01', 'o\\'brien-pc', 'Zoë-laptop')",
    },
    {
      name: 'scoped (repeated panel) value wins',
      in: 'AlertInfo | where Severity == $severity',
      scoped: { severity: { text: 'Low', value: 'Low' } },
      want: "AlertInfo | where Severity == 'Low'",
    },
    {
      name: 'backend macros are left for the backend',
      in: 'T | where $__timeFilter(Timestamp) | summarize count() by bin(Timestamp, $__interval), $__interval_ms, $__timeFrom',
      scoped: { __interval: { text: '1m', value: '1m' }, __interval_ms: { text: '60000', value: 60000 } },
      want: 'T | where $__timeFilter(Timestamp) | summarize count() by bin(Timestamp, $__interval), $__interval_ms, $__timeFrom',
    },
  ];
  it.each(cases)('$name', ({ in: queryText, scoped, want }) => {
    const got = newDs().applyTemplateVariables({ refId: 'A', queryText }, scoped ?? {});
    expect(got.queryText).toBe(want);
  });

  it('fills the query defaults the backend expects', () => {
    const got = newDs().applyTemplateVariables({ refId: 'A', queryText: 'AlertInfo' }, {});
    expect(got).toMatchObject({ format: 'table', timeColumn: 'Timestamp', applyTimeRange: true });
  });

  it('keeps explicit choices', () => {
    const q: QuarryQuery = {
      refId: 'A',
      queryText: 'T',
      format: 'logs',
      timeColumn: 'EventTime',
      applyTimeRange: false,
    };
    expect(newDs().applyTemplateVariables(q, {})).toMatchObject({
      format: 'logs',
      timeColumn: 'EventTime',
      applyTimeRange: false,
    });
  });
});

describe('DataSource.interpolateVariablesInQueries', () => {
  it('interpolates every query and points it at this data source', () => {
    const got = newDs().interpolateVariablesInQueries(
      [
        { refId: 'A', queryText: 'T | where A == $user' },
        { refId: 'B', queryText: 'T | where B in ($hosts)' },
      ],
      {}
    );
    expect(got.map((q) => q.queryText)).toEqual([
      "T | where A == 'CONTOSO\\\\alice'",
      "T | where B in ('srv-01', 'o\\'brien-pc', 'Zoë-laptop')",
    ]);
    expect(got[0].datasource).toEqual({ type: 'quarry-defender-datasource', uid: 'quarry-uid' });
  });
});

describe('DataSource.filterQuery', () => {
  const cases: Array<{ name: string; in: QuarryQuery; want: boolean }> = [
    { name: 'missing text', in: { refId: 'A' }, want: false },
    { name: 'empty text', in: { refId: 'A', queryText: '' }, want: false },
    { name: 'whitespace only', in: { refId: 'A', queryText: '  \n\t ' }, want: false },
    { name: 'hidden query', in: { refId: 'A', queryText: 'AlertInfo', hide: true }, want: false },
    { name: 'a query', in: { refId: 'A', queryText: 'AlertInfo | take 1' }, want: true },
  ];
  it.each(cases)('$name', ({ in: q, want }) => {
    expect(newDs().filterQuery(q)).toBe(want);
  });
});

describe('DataSource defaults', () => {
  it('defaults to the Graph API when the settings do not say', () => {
    expect(newDs().api).toBe('graph');
    expect(newDs({ api: 'mde' }).api).toBe('mde');
  });
  it('gives new queries table format on Timestamp with the dashboard range applied', () => {
    expect(newDs().getDefaultQuery(CoreApp.PanelEditor)).toEqual({
      format: 'table',
      timeColumn: 'Timestamp',
      applyTimeRange: true,
    });
  });
  it('supports variables and annotations', () => {
    const ds = newDs();
    expect(ds.variables?.getType()).toBe('custom');
    expect(ds.annotations?.QueryEditor).toBeDefined();
  });
});

describe('DataSource.getSchema', () => {
  it('fetches the schema once and retries after a failure', async () => {
    const ds = newDs();
    const schema = { tables: [{ name: 'AlertInfo', columns: [] }] };
    const getResource = jest
      .spyOn(ds, 'getResource')
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValue(schema);
    await expect(ds.getSchema()).rejects.toThrow('backend down');
    await expect(ds.getSchema()).resolves.toBe(schema);
    await expect(ds.getSchema()).resolves.toBe(schema);
    expect(getResource).toHaveBeenCalledTimes(2);
    expect(getResource).toHaveBeenCalledWith('schema');
  });
});
