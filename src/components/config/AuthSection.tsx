import React from 'react';
import { Alert, Combobox, Field, Input, SecretInput, SecretTextArea } from '@grafana/ui';
import { ConfigSection } from '@grafana/plugin-ui';

import { selectors } from '../../selectors';
import { AuthType, DEFAULTS, FallbackAuthType, QuarryOptions, QuarrySecureJsonData } from '../../types';
import { AUTH_FIELDS, AUTH_JSON_FIELDS, AUTH_OPTIONS, FALLBACK_OPTIONS } from './options';
import { OnChange, Settings, withJsonData, withSecret, withSecretReset } from './update';
import { certificateError, guidError, tenantError } from './validation';

interface Props {
  options: Settings;
  onOptionsChange: OnChange;
}

const WIDTH = 60;

export function AuthSection({ options, onOptionsChange }: Props) {
  const authType = options.jsonData.authType ?? DEFAULTS.authType;
  const { jsonData } = options;
  const workload = authType === 'workloadIdentity';
  const needsApp = authType !== 'managedIdentity';
  const fallback = jsonData.fallbackAuthType;
  const showMiClientId =
    authType === 'managedIdentity' || (authType === 'currentUser' && fallback === 'managedIdentity');

  const text = (key: 'tenantId' | 'clientId' | 'managedIdentityClientId') => (e: React.ChangeEvent<HTMLInputElement>) =>
    onOptionsChange(withJsonData(options, { [key]: e.currentTarget.value.trim() || undefined }));

  return (
    <ConfigSection title="Authentication" description="How the plugin signs in to Microsoft Entra ID.">
      <Field label="Sign-in mode" description="Each mode asks only for what it needs.">
        <Combobox
          id={selectors.config.authType}
          width={WIDTH}
          options={AUTH_OPTIONS}
          value={authType}
          onChange={(v) => onOptionsChange(switchAuthType(options, v.value))}
        />
      </Field>
      {authType === 'currentUser' && (
        <Alert severity="info" title="Needs Microsoft Entra ID sign-in in Grafana">
          Users must sign in to Grafana with Microsoft Entra ID, and the Grafana admin must enable forwarding of the
          user&apos;s identity ([auth.azuread] with user identity). The app below exchanges the user&apos;s token for
          one that carries the user&apos;s own ThreatHunting.Read permission.
        </Alert>
      )}
      {needsApp && (
        <>
          <RequiredText
            label="Directory (tenant) ID"
            description={
              workload
                ? 'Leave empty to use AZURE_TENANT_ID from the pod environment.'
                : 'From the app registration’s Overview page.'
            }
            id={selectors.config.tenantId}
            value={jsonData.tenantId}
            required={!workload}
            validate={tenantError}
            onChange={text('tenantId')}
          />
          <RequiredText
            label="Application (client) ID"
            description={
              workload
                ? 'Leave empty to use AZURE_CLIENT_ID from the pod environment.'
                : 'From the app registration’s Overview page.'
            }
            id={selectors.config.clientId}
            value={jsonData.clientId}
            required={!workload}
            validate={(v) => guidError(v, 'Client ID')}
            onChange={text('clientId')}
          />
        </>
      )}
      {(authType === 'clientSecret' || authType === 'currentUser') && (
        <SecretField
          options={options}
          onOptionsChange={onOptionsChange}
          name="clientSecret"
          label="Client secret"
          description="The secret's Value (not its ID) from Certificates & secrets."
        />
      )}
      {authType === 'clientCertificate' && (
        <>
          <Field
            label="Client certificate"
            description="PEM with the certificate and its private key, e.g. the output of: cat cert.pem key.pem"
            required
            invalid={!!certError(options)}
            error={certError(options)}
          >
            <SecretTextArea
              id={selectors.config.clientCertificate}
              isConfigured={!!options.secureJsonFields?.clientCertificate}
              value={options.secureJsonData?.clientCertificate ?? ''}
              placeholder={'-----BEGIN CERTIFICATE-----\n...\n-----BEGIN PRIVATE KEY-----\n...'}
              cols={WIDTH}
              rows={5}
              onChange={(e) => onOptionsChange(withSecret(options, 'clientCertificate', e.currentTarget.value))}
              onReset={() => onOptionsChange(withSecretReset(options, 'clientCertificate'))}
            />
          </Field>
          <SecretField
            options={options}
            onOptionsChange={onOptionsChange}
            name="clientCertificatePassword"
            label="Private key password"
            description="Only if the private key is encrypted."
            optional
          />
        </>
      )}
      {authType === 'currentUser' && (
        <Field
          label="Without a signed-in user"
          description="Alert rules, public dashboards and reports run without a user. Choose how they sign in."
        >
          <Combobox
            id={selectors.config.fallbackAuthType}
            width={WIDTH}
            options={FALLBACK_OPTIONS}
            value={fallback ?? ''}
            onChange={(v) =>
              onOptionsChange(
                withJsonData(options, {
                  fallbackAuthType: (v.value || undefined) as FallbackAuthType | undefined,
                  managedIdentityClientId: v.value === 'managedIdentity' ? jsonData.managedIdentityClientId : undefined,
                })
              )
            }
          />
        </Field>
      )}
      {showMiClientId && (
        <RequiredText
          label="Managed identity client ID"
          description="For a user-assigned identity. Leave empty to use the system-assigned identity."
          id={selectors.config.managedIdentityClientId}
          value={jsonData.managedIdentityClientId}
          required={false}
          validate={(v) => guidError(v, 'Managed identity client ID')}
          onChange={text('managedIdentityClientId')}
        />
      )}
    </ConfigSection>
  );
}

function certError(options: Settings): string | undefined {
  const v = options.secureJsonData?.clientCertificate;
  return v ? certificateError(v) : undefined;
}

/** switchAuthType keeps only the fields the new mode uses, so saved settings never carry stale ones. */
export function switchAuthType(options: Settings, authType: AuthType): Settings {
  const keep = AUTH_FIELDS[authType];
  const patch: Partial<Record<keyof QuarryOptions, undefined>> = {};
  for (const key of AUTH_JSON_FIELDS) {
    if (!keep.json.includes(key)) {
      patch[key] = undefined;
    }
  }
  // Grafana hands the signed-in user's token to the plugin only with "Forward OAuth identity" on: the
  // current-user mode cannot work without it, and no other mode should receive users' tokens.
  const oauthPassThru = authType === 'currentUser' ? true : undefined;
  const next = withJsonData(options, { ...patch, authType, oauthPassThru });
  // Unsaved secrets typed for the old mode are dropped; secrets already stored stay until reset.
  const secureJsonData: QuarrySecureJsonData = {};
  for (const [k, v] of Object.entries(options.secureJsonData ?? {})) {
    if (keep.secure.includes(k) || k === 'tlsCACert') {
      secureJsonData[k as keyof QuarrySecureJsonData] = v;
    }
  }
  return { ...next, secureJsonData };
}

interface TextProps {
  label: string;
  description: string;
  id: string;
  value?: string;
  required: boolean;
  validate: (v: string) => string | undefined;
  onChange: (e: React.ChangeEvent<HTMLInputElement>) => void;
}

function RequiredText({ label, description, id, value, required, validate, onChange }: TextProps) {
  const error = value ? validate(value) : undefined;
  return (
    <Field label={label} description={description} required={required} invalid={!!error} error={error}>
      <Input
        id={id}
        width={WIDTH}
        value={value ?? ''}
        placeholder="00000000-0000-0000-0000-000000000000"
        onChange={onChange}
      />
    </Field>
  );
}

interface SecretProps {
  options: Settings;
  onOptionsChange: OnChange;
  name: 'clientSecret' | 'clientCertificatePassword';
  label: string;
  description: string;
  optional?: boolean;
}

function SecretField({ options, onOptionsChange, name, label, description, optional }: SecretProps) {
  return (
    <Field label={label} description={description} required={!optional}>
      <SecretInput
        id={name === 'clientSecret' ? selectors.config.clientSecret : selectors.config.clientCertificatePassword}
        width={WIDTH}
        isConfigured={!!options.secureJsonFields?.[name]}
        value={options.secureJsonData?.[name] ?? ''}
        placeholder={optional ? 'Optional' : ''}
        onChange={(e) => onOptionsChange(withSecret(options, name, e.currentTarget.value))}
        onReset={() => onOptionsChange(withSecretReset(options, name))}
      />
    </Field>
  );
}
