import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv, TemplateSrv } from '@grafana/runtime';

import { annotationSupport } from './annotations';
import { formatKqlVariable } from './kql/literal';
import { DEFAULT_QUERY, DEFAULTS, HuntingSchema, QuarryOptions, QuarryQuery } from './types';
import { QuarryVariableSupport } from './variables';

// Built-in variables the backend expands as macros (so alert rules see the same KQL). Interpolating them
// here would turn $__interval into a quoted string literal.
const BACKEND_MACRO_VARS = ['__interval', '__interval_ms'];

export class DataSource extends DataSourceWithBackend<QuarryQuery, QuarryOptions> {
  readonly api: NonNullable<QuarryOptions['api']>;
  private schema?: Promise<HuntingSchema>;

  constructor(
    instanceSettings: DataSourceInstanceSettings<QuarryOptions>,
    private readonly templateSrv: TemplateSrv = getTemplateSrv()
  ) {
    super(instanceSettings);
    this.api = instanceSettings.jsonData?.api ?? DEFAULTS.api;
    this.variables = new QuarryVariableSupport(this);
    this.annotations = annotationSupport;
  }

  getDefaultQuery(_: CoreApp): Partial<QuarryQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: QuarryQuery): boolean {
    return !query.hide && !!query.queryText?.trim();
  }

  applyTemplateVariables(query: QuarryQuery, scopedVars: ScopedVars): QuarryQuery {
    const vars = withoutBackendMacros(scopedVars);
    return {
      ...query,
      queryText: this.templateSrv.replace(query.queryText ?? '', vars, formatKqlVariable),
      timeColumn: this.templateSrv.replace(query.timeColumn || DEFAULTS.timeColumn, vars),
      format: query.format ?? DEFAULTS.format,
      applyTimeRange: query.applyTimeRange ?? DEFAULTS.applyTimeRange,
    };
  }

  interpolateVariablesInQueries(queries: QuarryQuery[], scopedVars: ScopedVars): QuarryQuery[] {
    return queries.map((q) => ({ ...this.applyTemplateVariables(q, scopedVars), datasource: this.getRef() }));
  }

  /** getSchema fetches the advanced hunting schema once per data source instance; a failure is retried. */
  getSchema(): Promise<HuntingSchema> {
    if (!this.schema) {
      this.schema = this.getResource<HuntingSchema>('schema').catch((err) => {
        this.schema = undefined;
        throw err;
      });
    }
    return this.schema;
  }
}

function withoutBackendMacros(scopedVars: ScopedVars | undefined): ScopedVars {
  const out: ScopedVars = { ...scopedVars };
  for (const name of BACKEND_MACRO_VARS) {
    delete out[name];
  }
  return out;
}
