import { DataSourceInstanceSettings, PluginType, ScopedVars } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

import { QuarryOptions } from '../types';

type Formatter = (value: unknown) => string;

/**
 * fakeTemplateSrv replaces $name, ${name} and [[name]] like Grafana's TemplateSrv does for the cases the
 * plugin relies on: scoped variables win over dashboard ones, unknown names stay as they are, and a format
 * function receives a string for single values and an array for multi-value and All.
 */
export function fakeTemplateSrv(vars: Record<string, string | string[]>): TemplateSrv {
  const replace = (target?: string, scopedVars?: ScopedVars, format?: string | Function): string =>
    (target ?? '').replace(/\$(\w+)|\$\{(\w+)\}|\[\[(\w+)\]\]/g, (match, a, b, c) => {
      const name = a ?? b ?? c;
      const scoped = scopedVars?.[name];
      const value = scoped ? scoped.value : vars[name];
      if (value === undefined) {
        return match;
      }
      return typeof format === 'function' ? (format as Formatter)(value) : String(value);
    });
  return {
    replace,
    getVariables: () => [],
    containsTemplate: (t?: string) => !!t && /\$\w+/.test(t),
    updateTimeRange: () => {},
  } as unknown as TemplateSrv;
}

export function instanceSettings(jsonData: Partial<QuarryOptions> = {}): DataSourceInstanceSettings<QuarryOptions> {
  return {
    // Required by the type although deprecated.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    id: 1,
    uid: 'quarry-uid',
    type: 'quarry-defender-datasource',
    name: 'Defender',
    access: 'proxy',
    readOnly: false,
    jsonData: jsonData as QuarryOptions,
    meta: {
      id: 'quarry-defender-datasource',
      name: 'Microsoft Defender Advanced Hunting',
      type: PluginType.datasource,
      module: '',
      baseUrl: '',
      info: {
        author: { name: 'Quarry' },
        description: '',
        links: [],
        logos: { small: '', large: '' },
        screenshots: [],
        updated: '',
        version: '',
      },
    },
  };
}
