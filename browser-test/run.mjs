// npm run test:browser: builds the harness page, serves it on loopback and drives Debian's Chromium
// through the config and query editors. Prints "N passed, N failed"; exits non-zero on any failure.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';

import { serve } from './serve.mjs';
import { configTests } from './config.spec.mjs';
import { queryTests } from './query.spec.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const shots = join(here, 'screenshots');

async function main() {
  const only = process.argv[2];
  if (!process.env.SKIP_BUILD) {
    const t0 = Date.now();
    await build({ configFile: join(here, 'vite.config.mjs') });
    console.log(`harness built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  mkdirSync(shots, { recursive: true });
  const { server, url } = await serve(join(here, 'dist'), {
    '/public/build/img/icons/': join(here, '..', 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  let passed = 0;
  let failed = 0;
  try {
    for (const t of [...configTests, ...queryTests]) {
      if (only && !t.name.includes(only)) {
        continue;
      }
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      const pageErrors = [];
      const consoleErrors = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      // Grafana's web fonts are not in any npm package; the page falls back to system fonts.
      page.on(
        'response',
        (r) =>
          r.status() >= 400 && !r.url().includes('/public/fonts/') && consoleErrors.push(`${r.status()} ${r.url()}`)
      );
      page.setDefaultTimeout(15000);
      const t0 = Date.now();
      try {
        await t.run({ page, url, shots });
        if (pageErrors.length) {
          throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
        }
        passed++;
        console.log(`ok    ${t.name} (${Date.now() - t0} ms)`);
      } catch (err) {
        failed++;
        console.log(`FAIL  ${t.name}: ${err.message}`);
        for (const e of consoleErrors.filter((e) => !e.startsWith('Failed to load resource')).slice(0, 8)) {
          console.log(`      console error: ${e.slice(0, 500)}`);
        }
        await page
          .screenshot({ path: join(shots, `FAILED-${t.name.replace(/\W+/g, '-')}.png`), fullPage: true })
          .catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
