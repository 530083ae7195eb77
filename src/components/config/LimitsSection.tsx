import React, { useState } from 'react';
import { Field, Input, Stack } from '@grafana/ui';
import { ConfigSection } from '@grafana/plugin-ui';

import { selectors } from '../../selectors';
import { DEFAULTS, QuarryOptions } from '../../types';
import { OnChange, Settings, withJsonData } from './update';
import { parseWhole, Range } from './validation';

interface Props {
  options: Settings;
  onOptionsChange: OnChange;
}

type LimitKey = 'maxCallsPerMinute' | 'maxCallsPerHour' | 'cacheTtlSeconds' | 'queryTimeoutSeconds' | 'rowLimit';

interface Limit {
  key: LimitKey;
  label: string;
  description: string;
  placeholder: string;
  range: Range;
}

// Defaults and maxima follow Microsoft's documented limits (DESIGN.md section 4).
export const LIMITS: Limit[] = [
  {
    key: 'maxCallsPerMinute',
    label: 'Calls per minute',
    description: 'Shared by every panel, user and alert rule of this tenant. Microsoft allows 45.',
    placeholder: String(DEFAULTS.maxCallsPerMinute),
    range: { min: 1, max: 1000 },
  },
  {
    key: 'maxCallsPerHour',
    label: 'Calls per hour',
    description: 'Microsoft allows 1,500 per hour per tenant.',
    placeholder: String(DEFAULTS.maxCallsPerHour),
    range: { min: 1, max: 100000 },
  },
  {
    key: 'cacheTtlSeconds',
    label: 'Cache results for (seconds)',
    description:
      'Identical queries within this time reuse the result instead of spending a call. 0 turns the cache off.',
    placeholder: '30',
    range: { min: 0, max: 86400 },
  },
  {
    key: 'queryTimeoutSeconds',
    label: 'Query timeout (seconds)',
    description:
      'Give up after this long. Microsoft stops queries after 3 minutes (Graph, XDR) or 200 s (Defender for Endpoint).',
    placeholder: 'API limit',
    range: { min: 5, max: 600 },
  },
  {
    key: 'rowLimit',
    label: 'Row limit',
    description: 'Results with this many rows are flagged as possibly truncated. The APIs return at most 100,000 rows.',
    placeholder: String(DEFAULTS.rowLimit),
    range: { min: 1, max: 100000 },
  },
];

export function LimitsSection({ options, onOptionsChange }: Props) {
  const perMinute = options.jsonData.maxCallsPerMinute;
  const perHour = options.jsonData.maxCallsPerHour;
  const crossError =
    perMinute !== undefined && perHour !== undefined && perHour < perMinute
      ? `Calls per hour (${perHour}) is lower than calls per minute (${perMinute}); raise it or lower calls per minute.`
      : undefined;
  return (
    <ConfigSection
      title="Limits"
      description="Keep dashboards within Microsoft's quotas. Leave a field empty to use the default shown."
      isCollapsible
      isInitiallyOpen
    >
      <Stack direction="column" gap={0}>
        {LIMITS.map((l) => (
          <LimitField
            key={l.key}
            limit={l}
            value={options.jsonData[l.key]}
            extraError={l.key === 'maxCallsPerHour' ? crossError : undefined}
            onValue={(n) => onOptionsChange(withJsonData(options, { [l.key]: n } as Partial<QuarryOptions>))}
          />
        ))}
      </Stack>
    </ConfigSection>
  );
}

interface FieldProps {
  limit: Limit;
  value?: number;
  extraError?: string;
  onValue: (n: number | undefined) => void;
}

function LimitField({ limit, value, extraError, onValue }: FieldProps) {
  // The raw text is kept locally so an invalid entry stays visible with its message instead of vanishing;
  // only valid numbers reach jsonData.
  const [raw, setRaw] = useState(value === undefined ? '' : String(value));
  const parse = (text: string) => (text.trim() === '' ? undefined : parseWhole(text, limit.label, limit.range));
  const parsed = parse(raw);
  const error = typeof parsed === 'string' ? parsed : extraError;
  return (
    <Field label={limit.label} description={limit.description} invalid={!!error} error={error}>
      <Input
        id={selectors.config[limit.key]}
        width={20}
        inputMode="numeric"
        value={raw}
        placeholder={limit.placeholder}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setRaw(next);
          const n = parse(next);
          if (typeof n !== 'string') {
            onValue(n);
          }
        }}
      />
    </Field>
  );
}
