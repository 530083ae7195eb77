import { SelectableValue } from '@grafana/data';
import { ComboboxOption } from '@grafana/ui';

import {
  AuthType,
  Cloud,
  FallbackAuthType,
  HuntingApi,
  LEGACY_RETIREMENT_DATE,
  QuarryJsonFields,
  REGIONS,
} from '../../types';

export const API_OPTIONS: Array<SelectableValue<HuntingApi>> = [
  {
    value: 'graph',
    label: 'Microsoft Graph',
    description: 'security/runHuntingQuery, the current API (permission ThreatHunting.Read.All)',
  },
  {
    value: 'xdr',
    label: 'Defender XDR (legacy)',
    description: `api/advancedhunting/run, retiring on ${LEGACY_RETIREMENT_DATE} (AdvancedHunting.Read.All)`,
  },
  {
    value: 'mde',
    label: 'Defender for Endpoint (legacy)',
    description: `api/advancedqueries/run, retiring on ${LEGACY_RETIREMENT_DATE} (AdvancedQuery.Read.All)`,
  },
];

export const CLOUD_OPTIONS: Array<SelectableValue<Cloud>> = [
  { value: 'global', label: 'Global', description: 'Commercial cloud (login.microsoftonline.com)' },
  { value: 'gcc', label: 'US Gov GCC', description: 'GCC (Graph on graph.microsoft.com)' },
  { value: 'gcchigh', label: 'US Gov GCC High', description: 'GCC High (graph.microsoft.us)' },
  { value: 'dod', label: 'US Gov DoD', description: 'DoD (dod-graph.microsoft.us)' },
];

const REGION_LABELS: Record<string, string> = {
  us: 'United States',
  eu: 'Europe',
  uk: 'United Kingdom',
  au: 'Australia',
  swa: 'Switzerland',
  ina: 'India',
  aea: 'United Arab Emirates',
  'api-us': 'United States (older api-us host)',
  'api-eu': 'Europe (older api-eu host)',
  'api-uk': 'United Kingdom (older api-uk host)',
};

export function regionOptions(api: Exclude<HuntingApi, 'graph'>): Array<ComboboxOption<string>> {
  const host = api === 'xdr' ? 'api.security.microsoft.com' : 'api.securitycenter.microsoft.com';
  return [
    { value: '', label: 'Global (nearest region)', description: host },
    ...REGIONS[api].map((r) => ({
      value: r,
      label: REGION_LABELS[r] ?? r,
      description:
        api === 'xdr' && !r.startsWith('api-')
          ? `${r}.${host}`
          : `${r.startsWith('api-') ? r : 'api-' + r}.${host.slice(4)}`,
    })),
  ];
}

export const AUTH_OPTIONS: Array<ComboboxOption<AuthType>> = [
  {
    value: 'clientSecret',
    label: 'App registration: client secret',
    description: 'An Entra ID app with an application permission and a client secret',
  },
  {
    value: 'clientCertificate',
    label: 'App registration: certificate',
    description: 'An Entra ID app that signs in with a certificate (PEM with private key)',
  },
  {
    value: 'managedIdentity',
    label: 'Managed identity',
    description: 'Grafana runs in Azure with a system- or user-assigned managed identity',
  },
  {
    value: 'workloadIdentity',
    label: 'Workload identity',
    description: 'Grafana runs in Kubernetes (AKS) with a federated service account token',
  },
  {
    value: 'currentUser',
    label: 'Current user',
    description: 'Each Grafana user queries with their own Defender permissions (on-behalf-of)',
  },
];

export const FALLBACK_OPTIONS: Array<ComboboxOption<FallbackAuthType | ''>> = [
  { value: '', label: 'None', description: 'Alert rules and other requests without a signed-in user fail' },
  {
    value: 'clientSecret',
    label: 'App registration: client secret',
    description: 'The same app, with its application permission',
  },
  { value: 'managedIdentity', label: 'Managed identity', description: "Grafana's managed identity" },
  { value: 'workloadIdentity', label: 'Workload identity', description: "Grafana's federated service account" },
];

/** The jsonData and secureJsonData fields each sign-in mode uses; everything else is cleared on a switch. */
export const AUTH_FIELDS: Record<AuthType, { json: Array<keyof QuarryJsonFields>; secure: string[] }> = {
  clientSecret: { json: ['tenantId', 'clientId'], secure: ['clientSecret'] },
  clientCertificate: { json: ['tenantId', 'clientId'], secure: ['clientCertificate', 'clientCertificatePassword'] },
  managedIdentity: { json: ['managedIdentityClientId'], secure: [] },
  workloadIdentity: { json: ['tenantId', 'clientId'], secure: [] },
  currentUser: {
    json: ['tenantId', 'clientId', 'fallbackAuthType', 'managedIdentityClientId'],
    secure: ['clientSecret'],
  },
};

/** Every jsonData field some sign-in mode uses: the ones a mode switch may clear. */
export const AUTH_JSON_FIELDS = [...new Set(Object.values(AUTH_FIELDS).flatMap((f) => f.json))];
