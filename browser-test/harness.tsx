import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, DataQueryRequest, dateTime, LoadingState, PanelData, PluginType } from '@grafana/data';
import { GlobalStyles, ThemeContext } from '@grafana/ui';
import { lastValueFrom } from 'rxjs';

import { ConfigEditor } from '../src/components/ConfigEditor';
import { AnnotationQueryEditor } from '../src/components/AnnotationQueryEditor';
import { QueryEditor } from '../src/components/QueryEditor';
import { VariableQueryEditor } from '../src/components/VariableQueryEditor';
import { DataSource } from '../src/datasource';
import { selectors } from '../src/selectors';
import { QuarryOptions, QuarryQuery, QuarrySecureJsonData } from '../src/types';
import { setupMonaco } from './kusto';
import { installStubs, requests } from './stubs';

import type { DataSourceSettings } from '@grafana/data';

type Settings = DataSourceSettings<QuarryOptions, QuarrySecureJsonData>;

/** What the browser test reads back: the latest settings and query the editors reported. */
interface HarnessState {
  options?: Settings;
  query?: QuarryQuery;
  runs: number;
  requests: typeof requests;
  selectors: typeof selectors;
}
declare global {
  interface Window {
    quarry: HarnessState;
  }
}
window.quarry = { runs: 0, requests, selectors };

const params = new URLSearchParams(window.location.search);
const theme = createTheme({ colors: { mode: params.get('theme') === 'dark' ? 'dark' : 'light' } });
const view = params.get('view') ?? 'config';
const initialJson = JSON.parse(params.get('jsonData') ?? '{}') as QuarryOptions;
const initialSecure = JSON.parse(params.get('secureJsonFields') ?? '{}') as Record<string, boolean>;

setupMonaco();
installStubs();

const settings: Settings = {
  id: 1,
  uid: 'quarry-harness',
  orgId: 1,
  name: 'Microsoft Defender',
  type: 'quarry-defender-datasource',
  typeName: 'Microsoft Defender Advanced Hunting',
  typeLogoUrl: '',
  access: 'proxy',
  url: '',
  user: '',
  database: '',
  basicAuth: false,
  basicAuthUser: '',
  isDefault: false,
  jsonData: initialJson,
  secureJsonFields: initialSecure,
  secureJsonData: {},
  readOnly: false,
  withCredentials: false,
};

function ConfigPage() {
  const [options, setOptions] = useState<Settings>(settings);
  return (
    <ConfigEditor
      options={options}
      onOptionsChange={(o) => {
        window.quarry.options = o as Settings;
        setOptions(o as Settings);
      }}
    />
  );
}

const ds = new DataSource({
  id: 1,
  uid: settings.uid,
  type: settings.type,
  name: settings.name,
  access: 'proxy',
  readOnly: false,
  jsonData: initialJson,
  meta: {
    id: settings.type,
    name: settings.typeName,
    type: PluginType.datasource,
    module: '',
    baseUrl: '',
    info: {} as never,
  },
});

function QueryPage() {
  const [query, setQuery] = useState<QuarryQuery>({ refId: 'A', ...ds.getDefaultQuery('panel-editor' as never) });
  const [data, setData] = useState<PanelData>();
  const latest = React.useRef(query);
  const run = async () => {
    window.quarry.runs++;
    const from = dateTime('2026-11-20T00:00:00Z');
    const to = dateTime('2026-11-21T00:00:00Z');
    const request = {
      requestId: 'harness',
      interval: '1m',
      intervalMs: 60000,
      range: { from, to, raw: { from, to } },
      scopedVars: {},
      targets: [latest.current],
      timezone: 'utc',
      app: 'panel-editor',
      startTime: Date.now(),
    } as unknown as DataQueryRequest<QuarryQuery>;
    try {
      const response = await lastValueFrom(ds.query(request));
      setData({ state: LoadingState.Done, series: response.data, timeRange: request.range });
    } catch (err) {
      console.error('query failed:', err instanceof Error ? err.stack : JSON.stringify(err));
    }
  };
  const props = {
    datasource: ds,
    query,
    data,
    onChange: (q: QuarryQuery) => {
      latest.current = q;
      window.quarry.query = q;
      setQuery(q);
    },
    onRunQuery: run,
  };
  // The variable and annotation editors wrap the same query editor with their extra fields.
  if (view === 'variable') {
    return <VariableQueryEditor {...props} />;
  }
  if (view === 'annotation') {
    return <AnnotationQueryEditor {...props} />;
  }
  return <QueryEditor {...props} />;
}

function Page() {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div style={{ padding: 24, background: theme.colors.background.primary, minHeight: '100vh' }}>
        {view === 'config' ? <ConfigPage /> : <QueryPage />}
      </div>
    </ThemeContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(<Page />);
