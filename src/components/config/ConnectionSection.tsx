import React from 'react';
import { Alert, Combobox, Field, RadioButtonGroup } from '@grafana/ui';
import { ConfigSection } from '@grafana/plugin-ui';

import { selectors } from '../../selectors';
import { DEFAULTS, LEGACY_RETIREMENT_DATE } from '../../types';
import { MoveToGraph } from './MoveToGraph';
import { API_OPTIONS, CLOUD_OPTIONS, regionOptions } from './options';
import { OnChange, Settings, withJsonData } from './update';

interface Props {
  options: Settings;
  onOptionsChange: OnChange;
}

export function ConnectionSection({ options, onOptionsChange }: Props) {
  const api = options.jsonData.api ?? DEFAULTS.api;
  const cloud = options.jsonData.cloud ?? DEFAULTS.cloud;
  const legacy = api !== 'graph';
  return (
    <ConfigSection title="Connection" description="Which hunting API to call and where your tenant lives.">
      <Field
        label="API"
        description="Microsoft Graph is the current advanced hunting API. Choose a legacy API only if your tenant still depends on it."
      >
        <RadioButtonGroup
          id={selectors.config.api}
          aria-label="API"
          options={API_OPTIONS}
          value={api}
          // The region only exists for the legacy hosts; drop it when moving to Graph.
          onChange={(v) =>
            onOptionsChange(
              withJsonData(options, { api: v, region: v === 'graph' ? undefined : options.jsonData.region })
            )
          }
        />
      </Field>
      {legacy && (
        <Alert
          severity="warning"
          title={`This API stops returning data on ${LEGACY_RETIREMENT_DATE}`}
          data-testid={selectors.config.legacyWarning}
        >
          Microsoft began retiring the Defender XDR and Defender for Endpoint hunting APIs in January 2026. Move to
          Microsoft Graph before {LEGACY_RETIREMENT_DATE}: give the app the ThreatHunting.Read.All permission and choose
          Microsoft Graph above. Queries stay the same.
        </Alert>
      )}
      {legacy && <MoveToGraph options={options} onOptionsChange={onOptionsChange} />}
      <Field label="Cloud" description="The Microsoft cloud your tenant is in; it decides the sign-in and API hosts.">
        <RadioButtonGroup
          id={selectors.config.cloud}
          aria-label="Cloud"
          options={CLOUD_OPTIONS}
          value={cloud}
          // Government clouds have one fixed host per API, so a region no longer applies.
          onChange={(v) =>
            onOptionsChange(
              withJsonData(options, { cloud: v, region: v === 'global' ? options.jsonData.region : undefined })
            )
          }
        />
      </Field>
      {legacy && cloud === 'global' && (
        <Field
          label="Region"
          description="Send queries to a regional host close to your data. Global lets Microsoft route the call."
        >
          <Combobox
            id={selectors.config.region}
            width={40}
            options={regionOptions(api)}
            value={options.jsonData.region ?? ''}
            onChange={(v) => onOptionsChange(withJsonData(options, { region: v.value || undefined }))}
          />
        </Field>
      )}
    </ConfigSection>
  );
}
