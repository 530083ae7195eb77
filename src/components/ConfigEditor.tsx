import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourceDescription } from '@grafana/plugin-ui';
import { Divider, Stack } from '@grafana/ui';

import { QuarryOptions, QuarrySecureJsonData } from '../types';
import { AuthSection } from './config/AuthSection';
import { ConnectionSection } from './config/ConnectionSection';
import { CustomEndpointsSection } from './config/CustomEndpointsSection';
import { LimitsSection } from './config/LimitsSection';

type Props = DataSourcePluginOptionsEditorProps<QuarryOptions, QuarrySecureJsonData>;

export function ConfigEditor({ options, onOptionsChange }: Props) {
  return (
    <Stack direction="column" gap={2}>
      <DataSourceDescription
        dataSourceName="Microsoft Defender Advanced Hunting"
        docsLink="https://learn.microsoft.com/en-us/graph/api/security-security-runhuntingquery"
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
    </Stack>
  );
}
