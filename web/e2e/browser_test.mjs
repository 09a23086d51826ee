// What the browser tests (dashboard.e2e.mjs, demo.e2e.mjs) share: their command line, the
// salesflow process they start and wait for, Debian's chromium through playwright-core, and the
// checks with their closing count and exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// `--name value` pairs of the command line: { binary, outDir } with their defaults; outDir is
// created.
export function parseArgs(argv = process.argv.slice(2)) {
  const args = Object.fromEntries(
    argv.reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
  );
  const outDir = args.out ?? 'build/e2e';
  mkdirSync(outDir, { recursive: true });
  return { binary: args.binary ?? 'build/salesflow', outDir };
}

// Spawns `binary args` and resolves with [child, first capture of `urlPattern` in its stdout];
// rejects if it exits first or prints no match within `timeoutMs`. Its stderr is echoed with
// the prefix `[label]`.
export function spawnUntilUrl(binary, args, { label, urlPattern, timeoutMs }) {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (d) => process.stderr.write(`[${label}] ${d}`));
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} did not print its URL in ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(urlPattern);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
  });
  return { child, url };
}

// Headless chromium (env CHROMIUM, else Debian's /usr/bin/chromium) with a fresh, empty profile
// each run (playwright passes it as --user-data-dir), French locale, a tall desktop viewport.
export function launchChromium(profilePrefix) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), profilePrefix)), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 1800 },
    locale: 'fr-FR',
  });
}

const results = [];

// Records one check and prints it (`ok  ` or `FAIL`, the name, the detail if any).
export function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

// Prints "N passed, M failed" and exits 0 only if every check passed and there was at least one.
export function exitWithResults() {
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 && results.length > 0 ? 0 : 1);
}
