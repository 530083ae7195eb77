import React from 'react';
import { Field, Input, SecretTextArea, Switch } from '@grafana/ui';
import { ConfigSection } from '@grafana/plugin-ui';

import { selectors } from '../../selectors';
import { OnChange, Settings, withJsonData, withSecret, withSecretReset } from './update';

interface Props {
  options: Settings;
  onOptionsChange: OnChange;
}

/**
 * Grafana's standard TLS settings (jsonData.tlsAuthWithCACert and serverName, secureJsonData.tlsCACert),
 * the same keys provisioning uses. They apply to sign-in and API calls, with Microsoft's hosts (behind a
 * proxy that inspects TLS) as well as with custom endpoints.
 */
export function TlsSection({ options, onOptionsChange }: Props) {
  const on = !!options.jsonData.tlsAuthWithCACert;
  return (
    <ConfigSection
      title="TLS"
      description="For the emulator, a private CA, or a proxy that inspects TLS. Most data sources never need this."
    >
      <Field
        label="Trust a custom CA"
        description="For hosts whose certificate is signed by your own CA; applies to sign-in and API calls."
      >
        <Switch
          id={selectors.config.tlsAuthWithCACert}
          value={on}
          // The server name only takes effect with the CA (Grafana's HTTP client ignores it otherwise).
          onChange={(e) =>
            onOptionsChange(
              withJsonData(options, {
                tlsAuthWithCACert: e.currentTarget.checked || undefined,
                serverName: e.currentTarget.checked ? options.jsonData.serverName : undefined,
              })
            )
          }
        />
      </Field>
      {on && (
        <>
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
          <Field
            label="Server name"
            description="The name to expect in the server's certificate when it differs from the host in the URL (the emulator's certificate names localhost). Empty: the URL's host."
          >
            <Input
              id={selectors.config.serverName}
              width={40}
              value={options.jsonData.serverName ?? ''}
              placeholder="localhost"
              onChange={(e) =>
                onOptionsChange(withJsonData(options, { serverName: e.currentTarget.value.trim() || undefined }))
              }
            />
          </Field>
        </>
      )}
    </ConfigSection>
  );
}
