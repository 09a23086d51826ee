// Browser test of `salesflow demo` (ctest label e2e, tests/demo): Debian's chromium driven by
// playwright-core against the whole pipeline in one process (embedded broker, producer,
// bronze, silver, Delta loader, dashboard). Checks the promise: the dashboard shows
// data within 30 s of the start, every chart draws, the sales count grows live without a
// reload, and Ctrl-C (SIGINT) stops the demo with exit 0. Screenshots go to --out.
// Usage: node web/e2e/demo.e2e.mjs --binary build/salesflow --out build/e2e
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, exitWithResults, launchChromium, parseArgs, spawnUntilUrl } from './browser_test.mjs';

const { binary, outDir } = parseArgs();
const dataDir = mkdtempSync(join(tmpdir(), 'sf-demo-e2e-'));
let demo;
let browser;

const digits = (s) => Number((s ?? '').replace(/[^0-9]/g, '') || '0');

function startDemo() {
  const started = spawnUntilUrl(
    binary,
    ['--data-dir', dataDir, 'demo', '--port', '0', '--history-events', '3000', '--rate', '20'],
    { label: 'demo', urlPattern: /dashboard at (http:\/\/[^\s]+)/, timeoutMs: 15000 },
  );
  demo = started.child;
  return started.url;
}

async function main() {
  const started = Date.now();
  const url = await startDemo();
  browser = await launchChromium('sf-demo-chromium-');
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url);

  // Data within 30 s of the demo's start (no login: the demo has no users, loopback only).
  const left = Math.max(1000, 30000 - (Date.now() - started));
  let first = 0;
  try {
    await page.waitForFunction(
      () => Number((document.querySelector('[data-testid="kpi-sales-value"]')?.textContent ?? '').replace(/[^0-9]/g, '') || '0') > 0,
      null,
      { timeout: left },
    );
    first = digits(await page.getByTestId('kpi-sales-value').textContent());
  } catch {
    // reported below
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  check('sales on the dashboard within 30 s of the start', first > 0, `${first} sales after ${seconds} s`);
  await page.screenshot({ path: join(outDir, 'demo-01-first-data.png') });

  for (const chart of ['chart-time', 'chart-products', 'chart-categories', 'chart-countries', 'chart-segments']) {
    const el = page.getByTestId(chart);
    const points = Number(await el.getAttribute('data-points'));
    const svg = await el.locator('svg.main-svg').count();
    check(`${chart} renders data`, points > 0 && svg > 0, `points=${points} svg=${svg}`);
  }
  check('top clients table has rows', (await page.getByTestId('client-row').count()) > 0);

  // Live: the count grows without a reload (backfill end + 20 events/s).
  let grown = false;
  try {
    await page.waitForFunction(
      (before) => Number((document.querySelector('[data-testid="kpi-sales-value"]')?.textContent ?? '').replace(/[^0-9]/g, '') || '0') > before,
      first,
      { timeout: 30000 },
    );
    grown = true;
  } catch {
    // reported below
  }
  const later = digits(await page.getByTestId('kpi-sales-value').textContent());
  check('sales count grows live without reload', grown, `${first} -> ${later}`);
  await page.screenshot({ path: join(outDir, 'demo-02-live.png') });
  check('no page errors', consoleErrors.length === 0, consoleErrors.join(' | '));

  await browser.close();
  browser = undefined;
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 60000);
    demo.removeAllListeners('exit');
    demo.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
    demo.kill('SIGINT');
  });
  check('Ctrl-C (SIGINT) stops the demo with exit 0', code === 0, `exit ${code}`);
  demo = undefined;
}

try {
  await main();
} catch (e) {
  check('demo e2e ran to the end', false, String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  if (demo) demo.kill('SIGKILL');
}
exitWithResults();
