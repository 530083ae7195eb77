import { dataFrameToJSON, FieldType, toDataFrame } from '@grafana/data';
import { BackendSrv, BackendSrvRequest, FetchResponse, setBackendSrv, setTemplateSrv } from '@grafana/runtime';
import { Observable, of, throwError } from 'rxjs';

import schemaFile from '../pkg/defenderschema/advanced-hunting-schema.json';
import legacyFile from '../pkg/defenderschema/legacy-aliases.json';
import { fakeTemplateSrv } from '../src/test/fakes';

/** Every request the page made, for the test to assert on. */
export const requests: BackendSrvRequest[] = [];

function ok<T>(data: T): Observable<FetchResponse<T>> {
  return of({
    data,
    status: 200,
    ok: true,
    statusText: 'OK',
    headers: new Headers(),
    redirected: false,
    type: 'basic',
    url: '',
    config: { url: '' },
  });
}

// A stand-in for Grafana's backend: the schema route of the plugin and /api/ds/query with a result
// carrying the frame meta the Go backend sets.
function fetch(options: BackendSrvRequest): Observable<FetchResponse> {
  requests.push(options);
  if (options.url.endsWith('/resources/schema')) {
    return ok({ tables: schemaFile.tables, legacy: { tables: legacyFile.tables, columns: legacyFile.columns } });
  }
  if (options.url.startsWith('/api/ds/query')) {
    const body = options.data as { queries: Array<{ refId: string; queryText: string }> };
    const results: Record<string, unknown> = {};
    for (const q of body.queries) {
      const frame = toDataFrame({
        name: q.refId,
        fields: [
          {
            name: 'Timestamp',
            type: FieldType.time,
            values: [Date.parse('2026-11-20T10:00:00Z'), Date.parse('2026-11-20T10:05:00Z')],
          },
          { name: 'DeviceName', type: FieldType.string, values: ['srv-01', 'ws-17'] },
        ],
      });
      frame.meta = {
        executedQueryString: q.queryText,
        custom: { api: 'graph', rows: 1234, truncated: false, cache: 'miss', stats: { ExecutionTime: 1.2345 } },
      };
      results[q.refId] = { status: 200, frames: [dataFrameToJSON(frame)] };
    }
    return ok({ results });
  }
  return throwError(() => ({ status: 404, data: { message: `harness has no route for ${options.url}` } }));
}

const variables: Record<string, string | string[]> = {
  user: 'CONTOSO\\alice',
  hosts: ['srv-01', "o'brien-pc"],
};

export function installStubs() {
  setBackendSrv({ fetch } as unknown as BackendSrv);
  setTemplateSrv(fakeTemplateSrv(variables));
}
