import React, { useState } from 'react';
import { Alert, Button, Stack } from '@grafana/ui';

import { selectors } from '../../selectors';
import { DEFAULTS, LEGACY_RETIREMENT_DATE } from '../../types';
import { API_OPTIONS, regionOptions } from './options';
import { OnChange, Settings, withJsonData } from './update';

interface Props {
  options: Settings;
  onOptionsChange: OnChange;
}

/** graphChanges lists, in plain words, what moving these settings to Microsoft Graph changes. */
export function graphChanges(options: Settings): string[] {
  const { api = DEFAULTS.api, region, authType = DEFAULTS.authType, customEndpoints } = options.jsonData;
  const from = API_OPTIONS.find((o) => o.value === api)?.label ?? api;
  const changes = [`API: ${from} → Microsoft Graph (security/runHuntingQuery).`];
  if (region) {
    const label = (api !== 'graph' && regionOptions(api).find((o) => o.value === region)?.label) || region;
    changes.push(`Region: ${label} is cleared. Graph has one host per cloud and routes the call itself.`);
  }
  changes.push(
    authType === 'currentUser'
      ? 'Permission: the app registration needs the delegated Microsoft Graph permission ThreatHunting.Read.All, with admin consent.'
      : 'Permission: the app needs the Microsoft Graph application permission ThreatHunting.Read.All, with admin consent in Entra ID.'
  );
  if (customEndpoints?.apiUrl) {
    changes.push(
      `Custom API URL ${customEndpoints.apiUrl} stays: it must serve Graph's /v1.0/security/runHuntingQuery.`
    );
  }
  changes.push(
    'Queries keep working: retired names such as ProcessCreationEvents or EventTime are rewritten for Graph, with a notice on the panel. Run quarry-migrate to update saved dashboards and alert rules.'
  );
  return changes;
}

/**
 * MoveToGraph is the one switch from a legacy API to Microsoft Graph: it shows what changes, and only on
 * confirmation sets api to graph and clears the legacy-only region. Sign-in settings stay as they are.
 */
export function MoveToGraph({ options, onOptionsChange }: Props) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div>
        <Button
          icon="arrow-right"
          variant="primary"
          data-testid={selectors.config.moveToGraph}
          onClick={() => setConfirming(true)}
        >
          Move to Microsoft Graph
        </Button>
      </div>
    );
  }
  return (
    <Alert
      severity="info"
      title="Move this data source to Microsoft Graph?"
      data-testid={selectors.config.moveToGraphConfirm}
    >
      <ul>
        {graphChanges(options).map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p>
        After saving, Save &amp; test checks Graph. Until {LEGACY_RETIREMENT_DATE} you can switch back to the legacy
        API.
      </p>
      <Stack direction="row" gap={1}>
        <Button
          variant="primary"
          onClick={() => {
            setConfirming(false);
            onOptionsChange(withJsonData(options, { api: 'graph', region: undefined }));
          }}
        >
          Move to Graph
        </Button>
        <Button variant="secondary" fill="outline" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </Stack>
    </Alert>
  );
}
