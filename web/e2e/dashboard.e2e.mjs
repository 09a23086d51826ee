// Browser test of the dashboard (ctest label e2e): Debian's chromium driven by playwright-core
// against `salesflow dashboard --fixture reference --fixture-live` with one user. Checks the
// login, the KPI cards against the reference fixture's known totals, every chart, a filter,
// a sale arriving live without reload (SIGUSR1 to the server) and the language switch; then
// the same fixture written as Delta tables and served by the Delta loader, with a new commit
// reaching the page live (`--fixture-tables`).
// Screenshots go to --out (build/e2e). Usage:
//   node web/e2e/dashboard.e2e.mjs --binary build/salesflow --out build/e2e
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, exitWithResults, launchChromium, parseArgs, spawnUntilUrl } from './browser_test.mjs';

const { binary, outDir } = parseArgs();
const dataDir = mkdtempSync(join(tmpdir(), 'sf-e2e-'));
let server;
let browser;

// French and English number formats use different spaces; compare without them.
const norm = (s) => (s ?? '').replace(/[\s\u00a0\u202f]/g, '');

// Starts `salesflow dashboard` on a free port and resolves with its URL. Without `extra` it is
// the reference fixture with one user (e2e / e2e-password); with `extra`, open access.
async function startServer(dir = dataDir, extra = null) {
  if (!extra) {
    const add = spawnSync(binary, ['--data-dir', dir, 'user', 'add', 'e2e'], { input: 'e2e-password\n' });
    if (add.status !== 0) throw new Error(`user add failed: ${add.stderr}`);
  }
  const flags = extra ?? ['--fixture', 'reference', '--fixture-live'];
  const started = spawnUntilUrl(binary, ['--data-dir', dir, 'dashboard', ...flags, '--port', '0'], {
    label: 'server',
    urlPattern: /salesflow dashboard: (http:\/\/[^\s]+)/,
    timeoutMs: 10000,
  });
  server = started.child;
  return started.url;
}

async function text(page, testid) {
  return norm(await page.getByTestId(testid).textContent());
}

async function waitText(page, testid, expected, timeout = 5000) {
  try {
    await page.waitForFunction(
      ([id, want]) => (document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').replace(/[\s\u00a0\u202f]/g, '') === want,
      [testid, expected],
      { timeout },
    );
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const url = await startServer();
  browser = await launchChromium('sf-e2e-chromium-');
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  // Login.
  await page.goto(url);
  await page.getByTestId('login-user').waitFor({ timeout: 10000 });
  await page.screenshot({ path: join(outDir, '01-login.png') });
  await page.getByTestId('login-user').fill('e2e');
  await page.getByTestId('login-password').fill('wrong-password');
  await page.getByTestId('login-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="login-error"]')?.textContent !== '');
  check('wrong password is refused', (await page.getByTestId('login-error').textContent()).length > 0);
  check('user name is kept after a failed login', (await page.getByTestId('login-user').inputValue()) === 'e2e');
  consoleErrors.length = 0; // the refused login's 401 is logged by the browser on purpose
  await page.getByTestId('login-user').fill('e2e');
  await page.getByTestId('login-password').fill('e2e-password');
  await page.getByTestId('login-submit').click();

  // KPI cards: the reference fixture's totals (7 days cover all of it).
  check('revenue card shows 3 574,43 €', await waitText(page, 'kpi-revenue-value', '3574,43€', 10000), await text(page, 'kpi-revenue-value'));
  check('sales card shows 10', (await text(page, 'kpi-sales-value')) === '10');
  check('basket card shows 357,44 €', (await text(page, 'kpi-basket-value')) === '357,44€');
  check('top client card shows Alice Martin', (await text(page, 'kpi-top-value')) === 'AliceMartin');

  // Every chart rendered with data (plotly draws an SVG; data-points counts the series).
  for (const chart of ['chart-time', 'chart-products', 'chart-categories', 'chart-countries', 'chart-segments']) {
    const el = page.getByTestId(chart);
    const points = Number(await el.getAttribute('data-points'));
    const svg = await el.locator('svg.main-svg').count();
    check(`${chart} renders data`, points > 0 && svg > 0, `points=${points} svg=${svg}`);
  }
  const rows = await page.getByTestId('client-row').count();
  check('top clients table lists the 5 clients', rows === 5, `rows=${rows}`);
  check('first client is Alice Martin (platine)', norm(await page.getByTestId('client-row').first().textContent()).startsWith('AliceMartinCLI001FranceParticulierplatine'));
  await page.getByTestId('sort-client_nom').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="client-row"]')?.textContent?.includes('Alice') && document.querySelectorAll('th.active')[0]?.textContent?.includes('▲'));
  check('sorting by name puts Alice Martin first, ascending', true);
  await page.getByTestId('sort-chiffre_affaires').click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(outDir, '02-dashboard-fr.png'), fullPage: true });

  // A filter drives every panel.
  await page.getByTestId('filter-pays').selectOption('France');
  check('France filter: revenue 2 324,48 €', await waitText(page, 'kpi-revenue-value', '2324,48€'), await text(page, 'kpi-revenue-value'));
  check('France filter: 4 sales', (await text(page, 'kpi-sales-value')) === '4');
  const countryBars = Number(await page.getByTestId('chart-countries').getAttribute('data-points'));
  check('France filter: country chart has one bar', countryBars === 1, `bars=${countryBars}`);
  await page.getByTestId('filter-pays').selectOption('');
  await page.getByTestId('filter-period').selectOption('24h');
  check('24h period: revenue 50,00 €', await waitText(page, 'kpi-revenue-value', '50,00€'), await text(page, 'kpi-revenue-value'));
  const change = await text(page, 'kpi-revenue-change');
  check('24h period: change vs previous is -98,5 %', change.includes('-98,5%'), change);
  await page.screenshot({ path: join(outDir, '03-filter-24h.png'), fullPage: true });
  await page.getByTestId('filter-period').selectOption('7d');
  await waitText(page, 'kpi-revenue-value', '3574,43€');

  // New data without reload: mark the page, ask the server to ingest one sale of 100,00 €.
  await page.evaluate(() => { window.__noReload = 'still-here'; });
  const started = Date.now();
  server.kill('SIGUSR1');
  const arrived = await waitText(page, 'kpi-revenue-value', '3674,43€', 5000);
  check('live sale appears without reload', arrived && (await page.evaluate(() => window.__noReload)) === 'still-here',
    `${Date.now() - started} ms`);
  check('live status says "En direct"', (await page.getByTestId('live-status').getAttribute('data-state')) === 'live');

  // Language switch.
  await page.getByTestId('lang-en').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-revenue"] .kpi-label')?.textContent === 'Total revenue');
  check('English labels', true);
  check('English number format €3,674.43', await waitText(page, 'kpi-revenue-value', '€3,674.43'), await text(page, 'kpi-revenue-value'));
  await page.screenshot({ path: join(outDir, '04-dashboard-en.png'), fullPage: true });
  await page.getByTestId('lang-fr').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-revenue"] .kpi-label')?.textContent === "Chiffre d'affaires total");
  check('back to French', await waitText(page, 'kpi-revenue-value', '3674,43€'));

  check('no console errors', consoleErrors.length === 0, consoleErrors.slice(0, 3).join(' | '));

  // Stream stopped: the page says so.
  server.kill('SIGTERM');
  await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.getAttribute('data-state') === 'stopped', null, { timeout: 10000 })
    .then(() => check('stopped stream is shown', true), () => check('stopped stream is shown', false));
  await page.screenshot({ path: join(outDir, '05-stream-stopped.png') });
}

// The same fixture through the real data path: written as gold/silver Delta tables by the
// contract writer and served by the Delta loader (`--fixture-tables`); SIGUSR1 commits a new
// bronze version to all three tables, which must reach the open page without reload.
async function deltaTablesPhase() {
  const tablesDir = mkdtempSync(join(tmpdir(), 'sf-e2e-tables-'));
  try {
    const url = await startServer(tablesDir, ['--fixture', 'reference', '--fixture-live', '--fixture-tables']);
    const page = await browser.newPage();
    await page.goto(url);
    check('Delta tables: revenue card shows 3 574,43 €', await waitText(page, 'kpi-revenue-value', '3574,43€', 10000),
      await text(page, 'kpi-revenue-value'));
    check('Delta tables: top client is Alice Martin', (await text(page, 'kpi-top-value')) === 'AliceMartin');
    await page.evaluate(() => { window.__noReload = 'still-here'; });
    const started = Date.now();
    server.kill('SIGUSR1');
    const arrived = await waitText(page, 'kpi-revenue-value', '3674,43€', 5000);
    check('Delta tables: a new commit appears without reload',
      arrived && (await page.evaluate(() => window.__noReload)) === 'still-here', `${Date.now() - started} ms`);
    const health = await (await fetch(`${url}api/v1/health`)).json();
    check('Delta tables: health shows bronze version 2', health.versions?.bronze === 2, JSON.stringify(health.versions));
    await page.screenshot({ path: join(outDir, '06-delta-tables-live.png'), fullPage: true });
    await page.close();
  } finally {
    if (server && server.exitCode === null) server.kill('SIGTERM');
    rmSync(tablesDir, { recursive: true, force: true });
  }
}

try {
  await main();
  await deltaTablesPhase();
} catch (e) {
  check('e2e run', false, e.stack ?? String(e));
} finally {
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
exitWithResults();
