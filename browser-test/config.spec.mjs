import { join } from 'node:path';

import { assert, deepEqual, fill, open, pick, state } from './helpers.mjs';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const APP = '00000000-0000-4000-8000-0000000000a1';
const MI = '00000000-0000-4000-8000-0000000000b7';
const PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIEfake\n-----END PRIVATE KEY-----';
const BASE = { api: 'graph', cloud: 'global' };

const sel = (page) => page.evaluate(() => window.quarry.selectors.config);

/** Each sign-in mode, filled the way a newcomer would, and the settings Grafana would save. */
const modes = [
  {
    mode: 'App registration: client secret',
    fill: async (page, s) => {
      await fill(page, s.tenantId, TENANT);
      await fill(page, s.clientId, APP);
      await fill(page, s.clientSecret, 'quarry-demo-secret');
    },
    jsonData: { ...BASE, authType: 'clientSecret', tenantId: TENANT, clientId: APP },
    secureJsonData: { clientSecret: 'quarry-demo-secret' },
  },
  {
    mode: 'App registration: certificate',
    fill: async (page, s) => {
      await fill(page, s.tenantId, TENANT);
      await fill(page, s.clientId, APP);
      await fill(page, s.clientCertificate, PEM);
      await fill(page, s.clientCertificatePassword, 'key-pass');
    },
    jsonData: { ...BASE, authType: 'clientCertificate', tenantId: TENANT, clientId: APP },
    secureJsonData: { clientCertificate: PEM, clientCertificatePassword: 'key-pass' },
  },
  {
    mode: 'Managed identity',
    fill: async (page, s) => {
      await fill(page, s.managedIdentityClientId, MI);
    },
    jsonData: { ...BASE, authType: 'managedIdentity', managedIdentityClientId: MI },
    secureJsonData: {},
  },
  {
    mode: 'Workload identity',
    fill: async (page, s) => {
      await fill(page, s.tenantId, TENANT);
      await fill(page, s.clientId, APP);
    },
    jsonData: { ...BASE, authType: 'workloadIdentity', tenantId: TENANT, clientId: APP },
    secureJsonData: {},
  },
  {
    mode: 'Current user',
    fill: async (page, s) => {
      await fill(page, s.tenantId, TENANT);
      await fill(page, s.clientId, APP);
      await fill(page, s.clientSecret, 'quarry-demo-secret');
      await pick(page, s.fallbackAuthType, 'Managed identity');
      await fill(page, s.managedIdentityClientId, MI);
    },
    jsonData: {
      ...BASE,
      authType: 'currentUser',
      oauthPassThru: true,
      tenantId: TENANT,
      clientId: APP,
      fallbackAuthType: 'managedIdentity',
      managedIdentityClientId: MI,
    },
    secureJsonData: { clientSecret: 'quarry-demo-secret' },
  },
];

export const configTests = [
  ...modes.map((m) => ({
    name: `config: sign-in mode "${m.mode}"`,
    async run({ page, url }) {
      await open(page, url);
      const s = await sel(page);
      // Start from another mode so the switch itself is exercised, and leave a typed secret behind.
      await pick(page, s.authType, m.mode === 'Workload identity' ? 'Current user' : 'Workload identity');
      await pick(page, s.authType, m.mode);
      await m.fill(page, s);
      const { options } = await state(page);
      deepEqual(options.jsonData, m.jsonData, 'jsonData');
      deepEqual(options.secureJsonData, m.secureJsonData, 'secureJsonData');
    },
  })),
  {
    name: 'config: legacy API with region, limits and custom endpoints',
    async run({ page, url }) {
      await open(page, url);
      const s = await sel(page);
      await page.getByRole('radio', { name: 'Defender XDR (legacy)' }).check({ force: true });
      await page.getByText('This API stops returning data on 2027-02-01').waitFor();
      await pick(page, s.region, 'Europe');
      await fill(page, s.maxCallsPerMinute, '30');
      await fill(page, s.maxCallsPerHour, '900');
      await fill(page, s.cacheTtlSeconds, '120');
      await fill(page, s.queryTimeoutSeconds, '200');
      await fill(page, s.rowLimit, '50000');
      await page.locator(`#${s.customEndpointsToggle}`).check({ force: true });
      await page.getByText('allow_custom_endpoints = true').waitFor();
      await fill(page, s.apiUrl, 'https://127.0.0.1:8443');
      await fill(page, s.authorityUrl, 'https://127.0.0.1:8443');
      await page.locator(`#${s.tlsAuthWithCACert}`).check({ force: true });
      await fill(page, s.tlsCACert, '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----');
      const { options } = await state(page);
      deepEqual(
        options.jsonData,
        {
          api: 'xdr',
          cloud: 'global',
          authType: 'clientSecret',
          region: 'eu',
          maxCallsPerMinute: 30,
          maxCallsPerHour: 900,
          cacheTtlSeconds: 120,
          queryTimeoutSeconds: 200,
          rowLimit: 50000,
          customEndpoints: { apiUrl: 'https://127.0.0.1:8443', authorityUrl: 'https://127.0.0.1:8443' },
          tlsAuthWithCACert: true,
        },
        'jsonData'
      );
      deepEqual(
        options.secureJsonData,
        { tlsCACert: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----' },
        'secureJsonData'
      );
    },
  },
  {
    name: 'config: Move to Microsoft Graph shows what changes, then switches',
    async run({ page, url }) {
      const jsonData = {
        api: 'mde',
        cloud: 'global',
        region: 'eu',
        authType: 'clientSecret',
        tenantId: TENANT,
        clientId: APP,
      };
      await open(page, url, { jsonData });
      const s = await sel(page);
      await page.getByTestId(s.moveToGraph).click();
      const confirm = page.getByTestId(s.moveToGraphConfirm);
      await confirm.getByText('Region: Europe is cleared').waitFor();
      await confirm.getByText('application permission ThreatHunting.Read.All').waitFor();
      await confirm.getByRole('button', { name: 'Move to Graph' }).click();
      const { options } = await state(page);
      deepEqual(
        options.jsonData,
        { api: 'graph', cloud: 'global', authType: 'clientSecret', tenantId: TENANT, clientId: APP },
        'jsonData'
      );
      assert.equal(
        await page.getByText('This API stops returning data on 2027-02-01').count(),
        0,
        'retirement warning gone'
      );
    },
  },
  {
    name: 'config: plain-language validation messages',
    async run({ page, url }) {
      await open(page, url);
      const s = await sel(page);
      await fill(page, s.clientId, 'my-app');
      await page.getByText('Client ID must be a GUID').waitFor();
      await fill(page, s.rowLimit, '500000');
      await page.getByText('Row limit must be between 1 and 100000; 500000 is out of range.').waitFor();
      const { options } = await state(page);
      assert.equal(options.jsonData.rowLimit, undefined, 'an out-of-range row limit must not be saved');
    },
  },
  {
    name: 'config: a stored secret shows as configured and can be reset',
    async run({ page, url }) {
      await open(page, url, {
        jsonData: { ...BASE, authType: 'clientSecret', tenantId: TENANT, clientId: APP },
        secureJsonFields: { clientSecret: true },
      });
      const s = await sel(page);
      assert.equal(await page.locator(`#${s.clientSecret}`).inputValue(), 'configured');
      await page.getByRole('button', { name: 'Reset' }).click();
      const { options } = await state(page);
      deepEqual(options.secureJsonFields, { clientSecret: false }, 'secureJsonFields');
      deepEqual(options.secureJsonData, { clientSecret: '' }, 'secureJsonData');
    },
  },
  ...['light', 'dark'].map((theme) => ({
    name: `config: screenshot (${theme})`,
    async run({ page, url, shots }) {
      await open(page, url, {
        theme,
        jsonData: {
          api: 'mde',
          cloud: 'global',
          authType: 'clientCertificate',
          tenantId: TENANT,
          clientId: 'not-a-guid',
        },
        secureJsonFields: { clientCertificate: true },
      });
      await page.screenshot({ path: join(shots, `config-${theme}.png`), fullPage: true });
      // The other end of the page: current-user sign-in and custom endpoints switched on.
      await open(page, url, {
        theme,
        jsonData: {
          api: 'graph',
          cloud: 'global',
          authType: 'currentUser',
          fallbackAuthType: 'managedIdentity',
          customEndpoints: { apiUrl: 'http://127.0.0.1:8443' },
        },
      });
      await page.screenshot({ path: join(shots, `config-current-user-${theme}.png`), fullPage: true });
    },
  })),
];
