import React, { useEffect } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourceDescription } from '@grafana/plugin-ui';
import { config } from '@grafana/runtime';
import { Divider, Stack } from '@grafana/ui';

import { DEFAULTS, QuarryOptions, QuarrySecureJsonData } from '../types';
import { AuthSection } from './config/AuthSection';
import { ConnectionSection } from './config/ConnectionSection';
import { CustomEndpointsSection } from './config/CustomEndpointsSection';
import { LimitsSection } from './config/LimitsSection';
import { TlsSection } from './config/TlsSection';

type Props = DataSourcePluginOptionsEditorProps<QuarryOptions, QuarrySecureJsonData>;

/** This plugin's page in Grafana, which shows its README (settings, queries, macros). */
export function pluginDocsUrl(pluginId: string): string {
  return `${config.appSubUrl}/plugins/${pluginId}`;
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { api, cloud, authType } = options.jsonData;
  // A new data source saves the defaults it shows, so the stored settings say what is actually used.
  useEffect(() => {
    if (!api || !cloud || !authType) {
      onOptionsChange({
        ...options,
        jsonData: {
          ...options.jsonData,
          api: api ?? DEFAULTS.api,
          cloud: cloud ?? DEFAULTS.cloud,
          authType: authType ?? DEFAULTS.authType,
        },
      });
    }
    // Only on first render: later changes go through the sections.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Stack direction="column" gap={2}>
      <DataSourceDescription
        dataSourceName="Microsoft Defender Advanced Hunting"
        docsLink={pluginDocsUrl(options.type)}
        hasRequiredFields
      />
      <Divider />
      <ConnectionSection options={options} onOptionsChange={onOptionsChange} />
      <Divider />
      <AuthSection options={options} onOptionsChange={onOptionsChange} />
      <Divider />
      <LimitsSection options={options} onOptionsChange={onOptionsChange} />
      <Divider />
      <CustomEndpointsSection options={options} onOptionsChange={onOptionsChange} />
      <Divider />
      <TlsSection options={options} onOptionsChange={onOptionsChange} />
    </Stack>
  );
}
