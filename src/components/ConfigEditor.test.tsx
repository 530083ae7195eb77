import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { selectors } from '../selectors';
import { settings } from '../test/settings';
import { AuthType, QuarryOptions } from '../types';
import { ConfigEditor, pluginDocsUrl } from './ConfigEditor';
import { AuthSection, switchAuthType } from './config/AuthSection';
import { ConnectionSection } from './config/ConnectionSection';
import { CustomEndpointsSection } from './config/CustomEndpointsSection';
import { LimitsSection } from './config/LimitsSection';
import { TlsSection } from './config/TlsSection';
import { OnChange, Settings } from './config/update';

type Editor = React.ComponentType<{ options: Settings; onOptionsChange: OnChange }>;

/**
 * Stateful host like Grafana's settings page; `last` is what Grafana would save. Most tests render only
 * the section they exercise: a full page render costs several times more in jsdom.
 */
function renderEditor(initial: Settings, Editor: Editor = ConfigEditor) {
  const saved: { last: Settings } = { last: initial };
  function Host() {
    const [options, setOptions] = useState(initial);
    return (
      <Editor
        options={options}
        onOptionsChange={(o) => {
          saved.last = o as Settings;
          setOptions(o as Settings);
        }}
      />
    );
  }
  render(<Host />);
  return saved;
}

const byId = (id: string) => document.getElementById(id);
/** Field labels on screen (a label element also holds the field's description, after the label text). */
const labels = () => {
  const texts = [...document.querySelectorAll('label')].map((l) => l.textContent ?? '');
  return ALL_LABELS.filter((want) => texts.some((t) => t.startsWith(want)));
};
const ALL_LABELS = [
  'Directory (tenant) ID',
  'Application (client) ID',
  'Client secret',
  'Client certificate',
  'Private key password',
  'Managed identity client ID',
  'Without a signed-in user',
];

describe('ConfigEditor connection', () => {
  it('starts on Microsoft Graph without region or retirement warning', () => {
    renderEditor(settings(), ConnectionSection);
    expect(screen.getByRole('radio', { name: 'Microsoft Graph' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Global' })).toBeChecked();
    expect(byId(selectors.config.region)).toBeNull();
    expect(screen.queryByTestId(selectors.config.legacyWarning)).toBeNull();
  });

  it('marks the legacy APIs as retiring and offers a region for them', () => {
    const saved = renderEditor(settings(), ConnectionSection);
    fireEvent.click(screen.getByRole('radio', { name: 'Defender XDR (legacy)' }));
    expect(saved.last.jsonData.api).toBe('xdr');
    expect(screen.getByTestId(selectors.config.legacyWarning)).toHaveTextContent('2027-02-01');
    expect(byId(selectors.config.region)).not.toBeNull();
  });

  it('drops the region when going back to Graph or to a government cloud', () => {
    const saved = renderEditor(settings({ api: 'mde', region: 'eu' }), ConnectionSection);
    fireEvent.click(screen.getByRole('radio', { name: 'US Gov GCC High' }));
    expect(saved.last.jsonData).toMatchObject({ api: 'mde', cloud: 'gcchigh' });
    expect(saved.last.jsonData.region).toBeUndefined();
    expect(byId(selectors.config.region)).toBeNull();
  });
});

describe('ConfigEditor sign-in modes show exactly the fields they need', () => {
  const cases: Array<{ name: AuthType; jsonData?: Partial<QuarryOptions>; want: string[] }> = [
    { name: 'clientSecret', want: ['Directory (tenant) ID', 'Application (client) ID', 'Client secret'] },
    {
      name: 'clientCertificate',
      want: ['Directory (tenant) ID', 'Application (client) ID', 'Client certificate', 'Private key password'],
    },
    { name: 'managedIdentity', want: ['Managed identity client ID'] },
    { name: 'workloadIdentity', want: ['Directory (tenant) ID', 'Application (client) ID'] },
    {
      name: 'currentUser',
      want: ['Directory (tenant) ID', 'Application (client) ID', 'Client secret', 'Without a signed-in user'],
    },
  ];
  it.each(cases)('$name', ({ name, want }) => {
    renderEditor(settings({ authType: name }), AuthSection);
    expect(labels()).toEqual(want);
  });

  it('current user with a managed identity fallback asks for the identity', () => {
    renderEditor(settings({ authType: 'currentUser', fallbackAuthType: 'managedIdentity' }), AuthSection);
    expect(labels()).toContain('Managed identity client ID');
  });
});

describe('switchAuthType', () => {
  it('keeps only the new mode’s fields and unsaved secrets', () => {
    const from = settings({ authType: 'clientSecret', tenantId: 't', clientId: 'c', rowLimit: 10 });
    from.secureJsonData = { clientSecret: 'typed', tlsCACert: 'ca' };
    const to = switchAuthType(from, 'managedIdentity');
    expect(to.jsonData).toEqual({ authType: 'managedIdentity', rowLimit: 10 });
    expect(to.secureJsonData).toEqual({ tlsCACert: 'ca' });
  });
  it('keeps tenant and client when moving between app modes', () => {
    const to = switchAuthType(
      settings({ authType: 'clientSecret', tenantId: 't', clientId: 'c' }),
      'clientCertificate'
    );
    expect(to.jsonData).toEqual({ authType: 'clientCertificate', tenantId: 't', clientId: 'c' });
  });
  it("turns on Grafana's OAuth identity forwarding for the current-user mode only", () => {
    const toUser = switchAuthType(settings({ authType: 'clientSecret', tenantId: 't', clientId: 'c' }), 'currentUser');
    expect(toUser.jsonData).toMatchObject({ authType: 'currentUser', oauthPassThru: true });
    const back = switchAuthType(toUser, 'clientSecret');
    expect(back.jsonData).not.toHaveProperty('oauthPassThru');
  });
});

describe('ConfigEditor fields', () => {
  it('writes tenant and client ids and the secret', () => {
    const saved = renderEditor(settings(), AuthSection);
    fireEvent.change(byId(selectors.config.tenantId)!, { target: { value: ' 00000000-0000-4000-8000-00000000c0de ' } });
    fireEvent.change(byId(selectors.config.clientId)!, { target: { value: '00000000-0000-4000-8000-0000000000a1' } });
    fireEvent.change(byId(selectors.config.clientSecret)!, { target: { value: 'quarry-demo-secret' } });
    expect(saved.last.jsonData).toMatchObject({
      tenantId: '00000000-0000-4000-8000-00000000c0de',
      clientId: '00000000-0000-4000-8000-0000000000a1',
    });
    expect(saved.last.secureJsonData).toEqual({ clientSecret: 'quarry-demo-secret' });
  });

  it('explains a malformed client id', () => {
    renderEditor(settings({ clientId: 'my-app' }), AuthSection);
    expect(screen.getByText(/Client ID must be a GUID/)).toBeInTheDocument();
  });

  it('accepts a tenant domain but not a random word', () => {
    renderEditor(settings({ tenantId: 'contoso.onmicrosoft.com' }), AuthSection);
    expect(screen.queryByText(/Tenant ID must be/)).toBeNull();
    fireEvent.change(byId(selectors.config.tenantId)!, { target: { value: 'contoso' } });
    expect(screen.getByText(/Tenant ID must be the Directory \(tenant\) ID/)).toBeInTheDocument();
  });

  it('shows a configured secret and resets it', () => {
    const saved = renderEditor(settings({}, { clientSecret: true }), AuthSection);
    expect(byId(selectors.config.clientSecret)).toHaveValue('configured');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(saved.last.secureJsonFields.clientSecret).toBe(false);
    expect(saved.last.secureJsonData).toEqual({ clientSecret: '' });
  });

  it('flags a certificate without its private key', () => {
    renderEditor(settings({ authType: 'clientCertificate' }), AuthSection);
    fireEvent.change(byId(selectors.config.clientCertificate)!, {
      target: { value: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
    });
    expect(screen.getByText(/must also contain the private key/)).toBeInTheDocument();
  });
});

describe('ConfigEditor limits', () => {
  const cases: Array<{ name: string; id: keyof typeof selectors.config; in: string; want?: number; error?: RegExp }> = [
    { name: 'valid calls per minute', id: 'maxCallsPerMinute', in: '30', want: 30 },
    {
      name: 'not a number',
      id: 'maxCallsPerMinute',
      in: 'lots',
      error: /Calls per minute must be a whole number between 1 and 1000/,
    },
    {
      name: 'row limit above the API maximum',
      id: 'rowLimit',
      in: '250000',
      error: /Row limit must be between 1 and 100000; 250000 is out of range/,
    },
    { name: 'cache off', id: 'cacheTtlSeconds', in: '0', want: 0 },
    { name: 'timeout too short', id: 'queryTimeoutSeconds', in: '1', error: /between 5 and 600/ },
  ];
  it.each(cases)('$name', ({ id, in: value, want, error }) => {
    const saved = renderEditor(settings(), LimitsSection);
    fireEvent.change(byId(selectors.config[id])!, { target: { value } });
    const key = id as keyof QuarryOptions;
    if (error) {
      expect(screen.getByText(error)).toBeInTheDocument();
      expect(saved.last.jsonData[key]).toBeUndefined();
    } else {
      expect(saved.last.jsonData[key]).toBe(want);
    }
  });

  it('clearing a limit goes back to the default', () => {
    const saved = renderEditor(settings({ rowLimit: 5000 }), LimitsSection);
    fireEvent.change(byId(selectors.config.rowLimit)!, { target: { value: '' } });
    expect(saved.last.jsonData).not.toHaveProperty('rowLimit');
  });

  it('warns when the hourly budget is below the per-minute one', () => {
    renderEditor(settings({ maxCallsPerMinute: 45, maxCallsPerHour: 10 }), LimitsSection);
    expect(screen.getByText(/Calls per hour \(10\) is lower than calls per minute \(45\)/)).toBeInTheDocument();
  });
});

describe('ConfigEditor custom endpoints', () => {
  it('are hidden until switched on, then name the setting the Grafana admin changes', () => {
    const saved = renderEditor(settings(), CustomEndpointsSection);
    expect(byId(selectors.config.apiUrl)).toBeNull();
    fireEvent.click(byId(selectors.config.customEndpointsToggle)!);
    expect(screen.getByText(/allow_custom_endpoints = true/)).toHaveTextContent(
      '[plugin.quarry-defender-datasource] section of grafana.ini'
    );
    // The variable the admin sets, not the one Grafana hands the plugin (GF_PLUGIN_ALLOW_...).
    expect(screen.getByText(/GF_PLUGIN_QUARRY_DEFENDER_DATASOURCE_ALLOW_CUSTOM_ENDPOINTS=true/)).toBeInTheDocument();
    expect(screen.queryByText(/GF_PLUGIN_ALLOW_CUSTOM_ENDPOINTS/)).toBeNull();
    fireEvent.change(byId(selectors.config.apiUrl)!, { target: { value: 'http://127.0.0.1:8443' } });
    expect(screen.getByText(/API URL must start with https:\/\//)).toBeInTheDocument();
    fireEvent.change(byId(selectors.config.apiUrl)!, { target: { value: 'https://127.0.0.1:8443' } });
    fireEvent.change(byId(selectors.config.authorityUrl)!, { target: { value: 'https://127.0.0.1:8443' } });
    expect(saved.last.jsonData).toMatchObject({
      customEndpoints: { apiUrl: 'https://127.0.0.1:8443', authorityUrl: 'https://127.0.0.1:8443' },
    });
  });

  it('switching off removes them from the settings but keeps the TLS settings', () => {
    const saved = renderEditor(
      settings({ customEndpoints: { apiUrl: 'https://x.example' }, tlsAuthWithCACert: true }),
      CustomEndpointsSection
    );
    expect(byId(selectors.config.apiUrl)).toHaveValue('https://x.example');
    fireEvent.click(byId(selectors.config.customEndpointsToggle)!);
    expect(saved.last.jsonData).not.toHaveProperty('customEndpoints');
    expect(saved.last.jsonData).toHaveProperty('tlsAuthWithCACert', true);
  });
});

describe('ConfigEditor TLS', () => {
  it('trusts a custom CA with a server name, under the keys Grafana and provisioning use', () => {
    const saved = renderEditor(settings(), TlsSection);
    expect(byId(selectors.config.tlsCACert)).toBeNull();
    expect(byId(selectors.config.serverName)).toBeNull();
    fireEvent.click(byId(selectors.config.tlsAuthWithCACert)!);
    fireEvent.change(byId(selectors.config.tlsCACert)!, { target: { value: '-----BEGIN CERTIFICATE-----' } });
    fireEvent.change(byId(selectors.config.serverName)!, { target: { value: ' localhost ' } });
    expect(saved.last.jsonData).toEqual({ tlsAuthWithCACert: true, serverName: 'localhost' });
    expect(saved.last.secureJsonData).toEqual({ tlsCACert: '-----BEGIN CERTIFICATE-----' });
  });

  it('shows a stored CA as configured; switching off drops the server name, which only applies with the CA', () => {
    const saved = renderEditor(
      settings({ tlsAuthWithCACert: true, serverName: 'localhost' }, { tlsCACert: true }),
      TlsSection
    );
    expect(byId(selectors.config.serverName)).toHaveValue('localhost');
    expect(byId(selectors.config.tlsCACert)).toHaveValue('configured');
    fireEvent.click(byId(selectors.config.tlsAuthWithCACert)!);
    expect(saved.last.jsonData).toEqual({});
  });
});

describe('ConfigEditor for a new data source', () => {
  it('shows every section and saves the defaults it shows: Graph, global cloud, client secret', () => {
    const saved = renderEditor(settings());
    expect(saved.last.jsonData).toEqual({ api: 'graph', cloud: 'global', authType: 'clientSecret' });
    for (const title of ['Connection', 'Authentication', 'Limits', 'Custom endpoints', 'TLS']) {
      expect(screen.getByRole('heading', { name: title })).toBeInTheDocument();
    }
  });

  it("links to this plugin's own documentation in Grafana, not to a Microsoft page", () => {
    renderEditor(settings());
    const link = screen.getByRole('link', { name: 'view the documentation' });
    expect(link).toHaveAttribute('href', pluginDocsUrl('quarry-defender-datasource'));
    expect(link.getAttribute('href')).toMatch(/\/plugins\/quarry-defender-datasource$/);
  });
});
