import { DataSourceSettings } from '@grafana/data';

import { QuarryOptions, QuarrySecureJsonData } from '../types';

export function settings(
  jsonData: Partial<QuarryOptions> = {},
  secureJsonFields: Record<string, boolean> = {}
): DataSourceSettings<QuarryOptions, QuarrySecureJsonData> {
  return {
    id: 1,
    uid: 'quarry-uid',
    orgId: 1,
    name: 'Defender',
    type: 'quarry-defender-datasource',
    typeName: 'Microsoft Defender Advanced Hunting',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    // Required by the type although deprecated.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: jsonData as QuarryOptions,
    secureJsonFields,
    secureJsonData: {},
    readOnly: false,
    withCredentials: false,
  };
}
