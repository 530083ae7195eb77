import assert from 'node:assert/strict';

/** open loads the harness with a view, a theme and optional initial settings, and waits for React. */
export async function open(page, url, { view = 'config', theme = 'light', jsonData, secureJsonFields } = {}) {
  const q = new URLSearchParams({ view, theme });
  if (jsonData) {
    q.set('jsonData', JSON.stringify(jsonData));
  }
  if (secureJsonFields) {
    q.set('secureJsonFields', JSON.stringify(secureJsonFields));
  }
  await page.goto(`${url}?${q}`);
  await page.waitForSelector(view === 'config' ? 'h3:has-text("Authentication")' : '.monaco-editor', {
    timeout: 30000,
  });
}

/** state returns what the editors last reported to Grafana. */
export async function state(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify({ ...window.quarry })));
}

/** pick chooses an option of a Grafana Combobox by typing its label and clicking it in the menu. */
export async function pick(page, id, label) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(label);
  await page.getByRole('option', { name: label, exact: false }).first().click();
}

export async function fill(page, id, value) {
  await page.locator(`#${id}`).fill(value);
}

export function deepEqual(actual, expected, what) {
  assert.deepStrictEqual(actual, expected, `${what}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
}

export { assert };
