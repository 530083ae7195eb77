import { join } from 'node:path';

import { assert, deepEqual, open, state } from './helpers.mjs';

const sel = (page) => page.evaluate(() => window.quarry.selectors.query);

async function typeKql(page, text) {
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Escape');
}

async function suggestions(page) {
  const widget = page.locator('.suggest-widget .monaco-list-row');
  await widget.first().waitFor();
  return widget.allInnerTexts();
}

export const queryTests = [
  {
    name: 'query: type KQL, pick format, Shift+Enter runs with interpolated variables',
    async run({ page, url }) {
      await open(page, url, { view: 'query', jsonData: { api: 'graph' } });
      const s = await sel(page);
      await typeKql(page, 'DeviceLogonEvents | where $__timeFilter(Timestamp) | where AccountName == $user | take 10');
      await page.getByRole('radio', { name: 'Time series' }).check({ force: true });
      await page.locator(`#${s.timeColumn}`).fill('EventTime');
      await page.locator(`#${s.applyTimeRange}`).uncheck({ force: true });
      // Changing the format already ran the query; Shift+Enter must run it once more.
      const before = (await state(page)).runs;
      await page.locator('.monaco-editor').first().click();
      await page.keyboard.press('Shift+Enter');
      await page.getByTestId(s.stats).waitFor();
      await page.waitForFunction((n) => window.quarry.runs === n + 1, before);
      const st = await state(page);
      deepEqual(
        st.query,
        {
          refId: 'A',
          format: 'time_series',
          timeColumn: 'EventTime',
          applyTimeRange: false,
          queryText: 'DeviceLogonEvents | where $__timeFilter(Timestamp) | where AccountName == $user | take 10',
        },
        'query'
      );
      const sent = st.requests.filter((r) => r.url.startsWith('/api/ds/query')).pop();
      assert.ok(sent, 'a request to /api/ds/query');
      // The variable arrives as a KQL literal with its backslash escaped; the macro is left for the backend.
      assert.equal(
        sent.data.queries[0].queryText,
        "DeviceLogonEvents | where $__timeFilter(Timestamp) | where AccountName == 'CONTOSO\\\\alice' | take 10"
      );
      const stats = await page.getByTestId(s.stats).innerText();
      assert.equal(stats.trim(), '1,234 rows · executed in 1.23 s · not cached');
    },
  },
  {
    name: 'query: completion of tables and columns from the schema route',
    async run({ page, url }) {
      await open(page, url, { view: 'query' });
      await page.locator('.monaco-editor').first().click();
      await page.keyboard.type('DeviceProc', { delay: 5 });
      await page.keyboard.press('Control+Space');
      const tables = await suggestions(page);
      assert.ok(
        tables.some((t) => t.includes('DeviceProcessEvents')),
        `tables offered: ${tables.slice(0, 5).join(' | ')}`
      );
      await page.keyboard.press('Escape');
      await page.keyboard.type('essEvents | where ProcessComm', { delay: 5 });
      await page.keyboard.press('Control+Space');
      const columns = await suggestions(page);
      assert.ok(
        columns.some((t) => t.includes('ProcessCommandLine') && t.includes('string')),
        `columns offered: ${columns.slice(0, 5).join(' | ')}`
      );
      const st = await state(page);
      assert.ok(
        st.requests.some((r) => r.url === '/api/datasources/uid/quarry-harness/resources/schema'),
        'schema fetched from the resource route'
      );
    },
  },
  {
    name: 'query: starter query menu fills the editor and runs',
    async run({ page, url }) {
      await open(page, url, { view: 'query' });
      const s = await sel(page);
      await page.getByTestId(s.starterQueries).click();
      await page.getByRole('menuitem', { name: /Top alerts/ }).click();
      const st = await state(page);
      assert.match(st.query.queryText, /^AlertInfo\n\| where \$__timeFilter\(Timestamp\)/);
      assert.equal(st.query.format, 'table');
      assert.ok(st.runs >= 1, 'choosing a starter query runs it');
      await page.locator('.view-lines', { hasText: 'AlertInfo' }).waitFor();
    },
  },
  {
    name: 'query: variable editor takes text and value from two columns',
    async run({ page, url, shots }) {
      await open(page, url, { view: 'variable' });
      await typeKql(page, 'DeviceInfo | distinct DeviceName, DeviceId');
      await page.getByRole('radio', { name: 'Text and value' }).check({ force: true });
      const st = await state(page);
      assert.equal(st.query.variableColumns, 'textValue');
      assert.equal(st.query.queryText, 'DeviceInfo | distinct DeviceName, DeviceId');
      await page.screenshot({ path: join(shots, 'variable-light.png'), fullPage: true });
    },
  },
  {
    name: 'query: annotation editor maps time, end time, text and tags columns',
    async run({ page, url, shots }) {
      await open(page, url, { view: 'annotation', theme: 'dark' });
      const s = await sel(page);
      await page.locator(`#${s.annotationTime}`).fill('Timestamp');
      await page.locator(`#${s.annotationTimeEnd}`).fill('LastSeen');
      await page.locator(`#${s.annotationText}`).fill('Title');
      await page.locator(`#${s.annotationTags}`).fill('Severity');
      const st = await state(page);
      deepEqual(
        {
          timeField: st.query.timeField,
          timeEndField: st.query.timeEndField,
          textField: st.query.textField,
          tagsField: st.query.tagsField,
        },
        { timeField: 'Timestamp', timeEndField: 'LastSeen', textField: 'Title', tagsField: 'Severity' },
        'annotation columns'
      );
      await page.screenshot({ path: join(shots, 'annotation-dark.png'), fullPage: true });
    },
  },
  ...['light', 'dark'].map((theme) => ({
    name: `query: screenshot (${theme})`,
    async run({ page, url, shots }) {
      await open(page, url, { view: 'query', theme });
      const s = await sel(page);
      await page.getByTestId(s.starterQueries).click();
      await page.getByRole('menuitem', { name: /Logon failures over time/ }).click();
      await page.getByTestId(s.stats).waitFor();
      await page.getByRole('button', { name: /Macros/ }).click();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(shots, `query-${theme}.png`), fullPage: true });
      await page.locator('.monaco-editor').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n| where Account', { delay: 5 });
      await page.keyboard.press('Control+Space');
      await suggestions(page);
      await page.screenshot({ path: join(shots, `query-completion-${theme}.png`), fullPage: true });
    },
  })),
];
