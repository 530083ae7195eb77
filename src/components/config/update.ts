import { DataSourceSettings } from '@grafana/data';

import { QuarryOptions, QuarrySecureJsonData } from '../../types';

export type Settings = DataSourceSettings<QuarryOptions, QuarrySecureJsonData>;
export type OnChange = (options: Settings) => void;

/** withJsonData applies a patch; undefined values remove the key so defaults apply in the backend. */
export function withJsonData(options: Settings, patch: Partial<QuarryOptions>): Settings {
  const jsonData: Record<string, unknown> = { ...options.jsonData };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) {
      delete jsonData[k];
    } else {
      jsonData[k] = v;
    }
  }
  return { ...options, jsonData: jsonData as QuarryOptions };
}

export function withSecret(options: Settings, key: keyof QuarrySecureJsonData, value: string): Settings {
  return { ...options, secureJsonData: { ...options.secureJsonData, [key]: value } };
}

/** withSecretReset forgets a stored secret: Grafana deletes it on save when the field is sent empty. */
export function withSecretReset(options: Settings, key: keyof QuarrySecureJsonData): Settings {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}
