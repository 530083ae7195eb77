import schemaFile from '../../../pkg/defenderschema/advanced-hunting-schema.json';
import { HuntingSchema } from '../../types';
import { referencedTables } from './completion';
import { STARTER_QUERIES } from './starterQueries';

const schema = schemaFile as unknown as HuntingSchema;

// KQL words and functions the starter queries use; anything else capitalised must be a table, a column of
// a table the query reads, or a name the query itself defines (x = ..., let x).
const KEYWORDS = new Set(['Timestamp1']);

describe('starter queries against the advanced hunting schema', () => {
  it.each(STARTER_QUERIES.map((s) => [s.title, s.queryText]))('%s names real tables and columns', (_title, kql) => {
    const tables = referencedTables(schema, kql);
    expect(tables.length).toBeGreaterThan(0);
    const columns = new Set(tables.flatMap((t) => t.columns.map((c) => c.name)));
    const defined = new Set(
      [...kql.matchAll(/\b([A-Za-z_]\w*)\s*=(?![=~])/g), ...kql.matchAll(/\blet\s+(\w+)/g)].map((m) => m[1])
    );
    const code = kql.replace(/@?"([^"\\]|\\.)*"/g, '""');
    const unknown = [...code.matchAll(/\b[A-Z]\w*\b/g)]
      .map((m) => m[0])
      .filter((w) => !columns.has(w) && !defined.has(w) && !KEYWORDS.has(w) && !tables.some((t) => t.name === w));
    expect(unknown).toEqual([]);
  });
});
