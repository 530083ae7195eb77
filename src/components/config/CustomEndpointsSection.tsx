import React, { useState } from 'react';
import { Alert, Field, Input, Switch } from '@grafana/ui';
import { ConfigSection } from '@grafana/plugin-ui';

import { selectors } from '../../selectors';
import { OnChange, Settings, withJsonData } from './update';
import { httpsUrlError } from './validation';

interface Props {
  options: Settings;
  onOptionsChange: OnChange;
}

export function CustomEndpointsSection({ options, onOptionsChange }: Props) {
  const endpoints = options.jsonData.customEndpoints;
  const inUse = !!(endpoints?.apiUrl || endpoints?.authorityUrl);
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
              onOptionsChange(withJsonData(options, { customEndpoints: undefined }));
            }
          }}
        />
      </Field>
      {shown && (
        <>
          <Alert severity="warning" title="Needs the Grafana admin's approval">
            Custom endpoints are refused unless the Grafana server allows them: set allow_custom_endpoints = true in the
            [plugin.quarry-defender-datasource] section of grafana.ini, or the environment variable
            GF_PLUGIN_QUARRY_DEFENDER_DATASOURCE_ALLOW_CUSTOM_ENDPOINTS=true, and restart Grafana. Tokens and queries go
            to the hosts below, so only use hosts you trust. A host with its own CA also needs the TLS settings below.
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
        </>
      )}
    </ConfigSection>
  );
}
