import React, { useState } from 'react';
import { Alert, Field, Input, SecretTextArea, Switch } from '@grafana/ui';
import { ConfigSection } from '@grafana/plugin-ui';

import { selectors } from '../../selectors';
import { OnChange, Settings, withJsonData, withSecret, withSecretReset } from './update';
import { httpsUrlError } from './validation';

interface Props {
  options: Settings;
  onOptionsChange: OnChange;
}

export function CustomEndpointsSection({ options, onOptionsChange }: Props) {
  const endpoints = options.jsonData.customEndpoints;
  const inUse = !!(endpoints?.apiUrl || endpoints?.authorityUrl || options.jsonData.tlsAuthWithCACert);
  const [shown, setShown] = useState(inUse);

  const setEndpoint = (key: 'apiUrl' | 'authorityUrl', value: string) => {
    const next = { ...endpoints, [key]: value.trim() || undefined };
    const empty = !next.apiUrl && !next.authorityUrl;
    onOptionsChange(withJsonData(options, { customEndpoints: empty ? undefined : next }));
  };
  const apiError = endpoints?.apiUrl ? httpsUrlError(endpoints.apiUrl, 'API URL') : undefined;
  const authorityError = endpoints?.authorityUrl ? httpsUrlError(endpoints.authorityUrl, 'Sign-in URL') : undefined;

  return (
    <ConfigSection
      title="Custom endpoints"
      description="For the offline emulator or a private cloud. Most data sources never need this."
    >
      <Field label="Use custom endpoints" description="Replace the Microsoft hosts chosen by API and cloud.">
        <Switch
          id={selectors.config.customEndpointsToggle}
          value={shown}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setShown(on);
            if (!on) {
              onOptionsChange(withJsonData(options, { customEndpoints: undefined, tlsAuthWithCACert: undefined }));
            }
          }}
        />
      </Field>
      {shown && (
        <>
          <Alert severity="warning" title="Needs the Grafana admin's approval">
            Custom endpoints are refused unless the Grafana server sets allow_custom_endpoints = true under
            [plugin.quarry-defender-datasource] in grafana.ini (or GF_PLUGIN_ALLOW_CUSTOM_ENDPOINTS=true). Tokens and
            queries go to the hosts below, so only use hosts you trust.
          </Alert>
          <Field
            label="API URL"
            description="Replaces the hunting API host, e.g. https://127.0.0.1:8443"
            invalid={!!apiError}
            error={apiError}
          >
            <Input
              id={selectors.config.apiUrl}
              width={60}
              value={endpoints?.apiUrl ?? ''}
              placeholder="https://"
              onChange={(e) => setEndpoint('apiUrl', e.currentTarget.value)}
            />
          </Field>
          <Field
            label="Sign-in URL"
            description="Replaces the Entra ID authority host (without tenant), e.g. https://127.0.0.1:8443"
            invalid={!!authorityError}
            error={authorityError}
          >
            <Input
              id={selectors.config.authorityUrl}
              width={60}
              value={endpoints?.authorityUrl ?? ''}
              placeholder="https://"
              onChange={(e) => setEndpoint('authorityUrl', e.currentTarget.value)}
            />
          </Field>
          <Field
            label="Trust a custom CA"
            description="For hosts whose certificate is signed by your own CA; applies to sign-in and API calls."
          >
            <Switch
              id={selectors.config.tlsAuthWithCACert}
              value={!!options.jsonData.tlsAuthWithCACert}
              onChange={(e) =>
                onOptionsChange(withJsonData(options, { tlsAuthWithCACert: e.currentTarget.checked || undefined }))
              }
            />
          </Field>
          {options.jsonData.tlsAuthWithCACert && (
            <Field label="CA certificate" description="PEM, starting with -----BEGIN CERTIFICATE-----" required>
              <SecretTextArea
                id={selectors.config.tlsCACert}
                isConfigured={!!options.secureJsonFields?.tlsCACert}
                value={options.secureJsonData?.tlsCACert ?? ''}
                placeholder="-----BEGIN CERTIFICATE-----"
                cols={60}
                rows={4}
                onChange={(e) => onOptionsChange(withSecret(options, 'tlsCACert', e.currentTarget.value))}
                onReset={() => onOptionsChange(withSecretReset(options, 'tlsCACert'))}
              />
            </Field>
          )}
        </>
      )}
    </ConfigSection>
  );
}
