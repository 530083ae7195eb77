import fs from 'fs';
import path from 'path';

import { DataQuery } from '@grafana/schema';

import {
  AUTH_TYPES,
  CLOUDS,
  CUSTOM_ENDPOINT_FIELDS,
  CustomEndpoints,
  DEFAULTS,
  HUNTING_APIS,
  JSON_DATA_FIELDS,
  QUERY_FIELDS,
  QUERY_FORMATS,
  QuarryJsonFields,
  QuarryQuery,
  QuarrySecureJsonData,
  SECURE_JSON_FIELDS,
} from './types';

// Compile-time half: each list names every field of its interface, no more, no less. A field added to an
// interface without the list (or the reverse) fails `npm run typecheck`.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Own<T, Base> = Exclude<keyof T, keyof Base>;
const checks: [
  Same<(typeof JSON_DATA_FIELDS)[number], keyof QuarryJsonFields>,
  Same<(typeof SECURE_JSON_FIELDS)[number], keyof QuarrySecureJsonData>,
  Same<(typeof QUERY_FIELDS)[number], Own<QuarryQuery, DataQuery>>,
  Same<(typeof CUSTOM_ENDPOINT_FIELDS)[number], keyof CustomEndpoints>,
] = [true, true, true, true];

// DESIGN.md section 5, copied by hand: the contract both sides were written against.
const DESIGN = {
  jsonData: [
    'api',
    'cloud',
    'region',
    'authType',
    'tenantId',
    'clientId',
    'managedIdentityClientId',
    'fallbackAuthType',
    'maxCallsPerMinute',
    'maxCallsPerHour',
    'cacheTtlSeconds',
    'queryTimeoutSeconds',
    'rowLimit',
    'customEndpoints',
    'tlsAuthWithCACert',
  ],
  customEndpoints: ['apiUrl', 'authorityUrl'],
  secureJsonData: ['clientSecret', 'clientCertificate', 'clientCertificatePassword', 'tlsCACert'],
  query: ['queryText', 'format', 'timeColumn', 'applyTimeRange'],
  api: ['graph', 'xdr', 'mde'],
  cloud: ['global', 'gcc', 'gcchigh', 'dod'],
  authType: ['clientSecret', 'clientCertificate', 'managedIdentity', 'workloadIdentity', 'currentUser'],
  format: ['table', 'time_series', 'logs'],
};

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('settings and query contract (DESIGN.md section 5)', () => {
  it('type lists match their interfaces', () => {
    expect(checks).toEqual([true, true, true, true]);
  });

  it.each([
    { name: 'jsonData', got: JSON_DATA_FIELDS, want: DESIGN.jsonData },
    { name: 'customEndpoints', got: CUSTOM_ENDPOINT_FIELDS, want: DESIGN.customEndpoints },
    { name: 'secureJsonData', got: SECURE_JSON_FIELDS, want: DESIGN.secureJsonData },
    { name: 'query', got: QUERY_FIELDS, want: DESIGN.query },
    { name: 'api values', got: HUNTING_APIS, want: DESIGN.api },
    { name: 'cloud values', got: CLOUDS, want: DESIGN.cloud },
    { name: 'authType values', got: AUTH_TYPES, want: DESIGN.authType },
    { name: 'format values', got: QUERY_FORMATS, want: DESIGN.format },
  ])('$name fields are the documented ones', ({ got, want }) => {
    expect(sorted(got)).toEqual(sorted(want));
  });

  it('defaults are the documented ones', () => {
    expect(DEFAULTS).toMatchObject({
      api: 'graph',
      maxCallsPerMinute: 45,
      maxCallsPerHour: 1500,
      rowLimit: 100000,
      timeColumn: 'Timestamp',
      applyTimeRange: true,
    });
  });
});

// The Go half: the backend decodes these names from JSON tags and secure-field keys. Until the Go side
// publishes a JSON fixture of the contract, read the names straight from its sources.
describe('the Go backend decodes the same names', () => {
  const pluginDir = path.resolve(__dirname, '../pkg/plugin');
  const goSource = fs
    .readdirSync(pluginDir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .map((f) => fs.readFileSync(path.join(pluginDir, f), 'utf8'))
    .join('\n');
  const jsonTags = new Set([...goSource.matchAll(/json:"([A-Za-z0-9_]+)[,"]/g)].map((m) => m[1]));
  const quoted = new Set([...goSource.matchAll(/\["([A-Za-z0-9_]+)"\]/g)].map((m) => m[1]));

  it.each([...JSON_DATA_FIELDS, ...CUSTOM_ENDPOINT_FIELDS, ...QUERY_FIELDS])(
    'json tag %s exists in pkg/plugin',
    (field) => {
      expect(jsonTags).toContain(field);
    }
  );

  it.each([...SECURE_JSON_FIELDS])('secure field %s is read in pkg/plugin', (field) => {
    expect(quoted).toContain(field);
  });
});
