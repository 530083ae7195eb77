import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

// The settings and query contract of DESIGN.md section 5. The Go side (pkg/plugin) decodes the same field
// names; src/contract.test.ts fails when the lists below and the interfaces drift apart.

export type HuntingApi = 'graph' | 'xdr' | 'mde';
export type Cloud = 'global' | 'gcc' | 'gcchigh' | 'dod';
export type AuthType = 'clientSecret' | 'clientCertificate' | 'managedIdentity' | 'workloadIdentity' | 'currentUser';
export type FallbackAuthType = Exclude<AuthType, 'currentUser'>;
export type QueryFormat = 'table' | 'time_series' | 'logs';

export interface CustomEndpoints {
  apiUrl?: string;
  authorityUrl?: string;
}

/** The plugin's own jsonData fields (DataSourceJsonData adds Grafana's generic ones). */
export interface QuarryJsonFields {
  api?: HuntingApi;
  cloud?: Cloud;
  region?: string;
  authType?: AuthType;
  tenantId?: string;
  clientId?: string;
  managedIdentityClientId?: string;
  fallbackAuthType?: FallbackAuthType;
  maxCallsPerMinute?: number;
  maxCallsPerHour?: number;
  cacheTtlSeconds?: number;
  queryTimeoutSeconds?: number;
  rowLimit?: number;
  customEndpoints?: CustomEndpoints;
  tlsAuthWithCACert?: boolean;
}

export interface QuarryOptions extends DataSourceJsonData, QuarryJsonFields {
  // DataSourceJsonData declares authType as any string; the plugin narrows it.
  authType?: AuthType;
  // Grafana's own "Forward OAuth identity" switch (not in @grafana/data 12.4's types): the current-user
  // mode needs it, or Grafana never hands the user's token to the plugin.
  oauthPassThru?: boolean;
  // Grafana's standard TLS server name (with tlsAuthWithCACert): the name the server's certificate must
  // carry. Grafana's HTTP client reads it, so it is not part of the plugin's own contract.
  serverName?: string;
}

export interface QuarrySecureJsonData {
  clientSecret?: string;
  clientCertificate?: string;
  clientCertificatePassword?: string;
  tlsCACert?: string;
}

export interface QuarryQuery extends DataQuery {
  queryText?: string;
  format?: QueryFormat;
  timeColumn?: string;
  applyTimeRange?: boolean;
}

/** How a variable query turns rows into variable options. Frontend only: the backend never sees it. */
export type VariableColumns = 'first' | 'textValue';

export interface QuarryVariableQuery extends QuarryQuery {
  variableColumns?: VariableColumns;
}

/** Column names an annotation query maps to events. Frontend only. */
export interface QuarryAnnotationQuery extends QuarryQuery {
  timeField?: string;
  timeEndField?: string;
  textField?: string;
  tagsField?: string;
}

// Field names of the contract, in one place (keys are checked against the interfaces at compile time).
export const JSON_DATA_FIELDS = [
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
] as const satisfies ReadonlyArray<keyof QuarryJsonFields>;

export const CUSTOM_ENDPOINT_FIELDS = ['apiUrl', 'authorityUrl'] as const satisfies ReadonlyArray<
  keyof CustomEndpoints
>;

export const SECURE_JSON_FIELDS = [
  'clientSecret',
  'clientCertificate',
  'clientCertificatePassword',
  'tlsCACert',
] as const satisfies ReadonlyArray<keyof QuarrySecureJsonData>;

export const QUERY_FIELDS = ['queryText', 'format', 'timeColumn', 'applyTimeRange'] as const satisfies ReadonlyArray<
  keyof QuarryQuery
>;

export const HUNTING_APIS: readonly HuntingApi[] = ['graph', 'xdr', 'mde'];
export const CLOUDS: readonly Cloud[] = ['global', 'gcc', 'gcchigh', 'dod'];
export const AUTH_TYPES: readonly AuthType[] = [
  'clientSecret',
  'clientCertificate',
  'managedIdentity',
  'workloadIdentity',
  'currentUser',
];
export const QUERY_FORMATS: readonly QueryFormat[] = ['table', 'time_series', 'logs'];

/** Regions of the legacy hosts; an empty region means the global host. */
export const REGIONS: Record<Exclude<HuntingApi, 'graph'>, readonly string[]> = {
  xdr: ['us', 'eu', 'uk', 'au', 'swa', 'ina', 'aea', 'api-us', 'api-eu', 'api-uk'],
  mde: ['us', 'eu', 'uk', 'au'],
};

export const DEFAULTS = {
  api: 'graph' as HuntingApi,
  cloud: 'global' as Cloud,
  authType: 'clientSecret' as AuthType,
  maxCallsPerMinute: 45,
  maxCallsPerHour: 1500,
  rowLimit: 100000,
  format: 'table' as QueryFormat,
  timeColumn: 'Timestamp',
  applyTimeRange: true,
};

/** The date the legacy XDR and MDE APIs stop returning data (DESIGN.md section 2). */
export const LEGACY_RETIREMENT_DATE = '2027-02-01';

export const DEFAULT_QUERY: Partial<QuarryQuery> = {
  format: DEFAULTS.format,
  timeColumn: DEFAULTS.timeColumn,
  applyTimeRange: DEFAULTS.applyTimeRange,
};

/** The body of GET resources/schema served by the backend. */
export interface SchemaColumn {
  name: string;
  type: string;
  description?: string;
}

export interface SchemaTable {
  name: string;
  description?: string;
  columns: SchemaColumn[];
}

export interface HuntingSchema {
  tables: SchemaTable[];
  legacy?: { tables?: Record<string, string>; columns?: Record<string, string> };
}

/** What the backend puts in frame meta.custom. */
export interface QuarryFrameMeta {
  api?: HuntingApi;
  rows?: number;
  truncated?: boolean;
  cache?: 'miss' | 'hit' | 'shared';
  stats?: { ExecutionTime?: number; [key: string]: unknown };
}
