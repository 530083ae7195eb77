import React, { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';

import { selectors } from '../../selectors';
import { settings } from '../../test/settings';
import { QuarryOptions } from '../../types';
import { ConnectionSection } from './ConnectionSection';
import { graphChanges } from './MoveToGraph';
import { Settings } from './update';

function renderConnection(jsonData: Partial<QuarryOptions>) {
  const saved: { last?: Settings; calls: number } = { calls: 0 };
  function Host() {
    const [options, setOptions] = useState(settings(jsonData));
    return (
      <ConnectionSection
        options={options}
        onOptionsChange={(o) => {
          saved.last = o;
          saved.calls++;
          setOptions(o);
        }}
      />
    );
  }
  render(<Host />);
  return saved;
}

describe('Move to Microsoft Graph', () => {
  it('is offered only on a legacy API', () => {
    renderConnection({ api: 'graph' });
    expect(screen.queryByTestId(selectors.config.moveToGraph)).toBeNull();
  });

  it('shows what changes before changing anything, then moves to Graph and clears the region', () => {
    const saved = renderConnection({
      api: 'mde',
      cloud: 'global',
      region: 'eu',
      authType: 'clientSecret',
      tenantId: 't',
      clientId: 'c',
    });
    fireEvent.click(screen.getByTestId(selectors.config.moveToGraph));
    const confirm = screen.getByTestId(selectors.config.moveToGraphConfirm);
    expect(saved.calls).toBe(0);
    expect(confirm).toHaveTextContent('API: Defender for Endpoint (legacy) → Microsoft Graph');
    expect(confirm).toHaveTextContent('Region: Europe is cleared');
    expect(confirm).toHaveTextContent('application permission ThreatHunting.Read.All, with admin consent');
    expect(confirm).toHaveTextContent('Run quarry-migrate');

    fireEvent.click(within(confirm).getByRole('button', { name: 'Move to Graph' }));
    expect(saved.last?.jsonData).toEqual({
      api: 'graph',
      cloud: 'global',
      authType: 'clientSecret',
      tenantId: 't',
      clientId: 'c',
    });
    expect(screen.getByRole('radio', { name: 'Microsoft Graph' })).toBeChecked();
    expect(screen.queryByTestId(selectors.config.legacyWarning)).toBeNull();
    expect(screen.queryByTestId(selectors.config.moveToGraph)).toBeNull();
  });

  it('changes nothing on cancel', () => {
    const saved = renderConnection({ api: 'xdr', region: 'api-us' });
    fireEvent.click(screen.getByTestId(selectors.config.moveToGraph));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(saved.calls).toBe(0);
    expect(screen.queryByTestId(selectors.config.moveToGraphConfirm)).toBeNull();
    expect(screen.getByRole('radio', { name: 'Defender XDR (legacy)' })).toBeChecked();
  });
});

describe('graphChanges', () => {
  it('names the delegated permission for the current-user mode and keeps custom endpoints in view', () => {
    const changes = graphChanges(
      settings({ api: 'xdr', authType: 'currentUser', customEndpoints: { apiUrl: 'https://proxy.example' } })
    );
    expect(changes[0]).toBe('API: Defender XDR (legacy) → Microsoft Graph (security/runHuntingQuery).');
    expect(changes.some((c) => c.startsWith('Region'))).toBe(false);
    expect(changes).toContain(
      'Permission: the app registration needs the delegated Microsoft Graph permission ThreatHunting.Read.All, with admin consent.'
    );
    expect(changes.find((c) => c.startsWith('Custom API URL'))).toContain('https://proxy.example');
  });
});
