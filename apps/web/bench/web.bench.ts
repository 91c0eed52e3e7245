/* eslint-disable @nx/enforce-module-boundaries -- the bench starts the real standalone server of apps/api */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startChildServer, type ChildServer } from '../../api/test/support/child-server';
import { REPO_ROOT, buildWebApp, launchChromium } from '../test/support/browser';

/**
 * npm run bench:web — the dashboard's two budgets, measured on this machine:
 *
 * 1. Initial JavaScript: the entry chunk and every chunk it imports statically (from Vite's manifest of a
 *    production build), gzip-compressed. Lazy chunks (ECharts) are listed but not counted. Target ≤ 500 KB.
 * 2. In Debian's Chromium against the standalone server (npm start) on the demo organisation (npm run
 *    seed:demo, seeded once into data/bench-web and reused for a day), the time from navigation until every
 *    panel of each dashboard has settled and every chart has drawn. Cold: a fresh browser profile (no HTTP
 *    cache); warm: the same dashboard loaded again. Target ≤ 1.5 s per dashboard.
 *
 * Beside them, measured in the same run: the app shell alone (sign-in page: HTML, JS, CSS, session probe, no
 * figures), and the dashboard's own API requests replayed from Node six at a time (Chromium's connections per
 * host) without a browser. Everything talks to 127.0.0.1 only; the run stops itself after BENCH_DEADLINE_MS.
 *
 * BENCH_RUNS (3) runs per dashboard and cache state; BENCH_RESEED=1 seeds again; BENCH_DEADLINE_MS (1200000).
 */

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const DEADLINE_MS = Number(process.env['BENCH_DEADLINE_MS'] ?? 20 * 60_000);
const WORK_DIR = path.join(REPO_ROOT, 'tmp/bench-web');
const DIST_DIR = path.join(WORK_DIR, 'dist');
const DATA_DIR = path.join(REPO_ROOT, 'data/bench-web');
const MARKER = path.join(DATA_DIR, 'bench-web.json');
const ADMIN_TOKEN = 'upl_at_bench-web-admin-token-0123456789abcdef';
const INGEST_KEY = 'upl_ik_bench-web-ingest-key-0123456789abcdef';
const JS_TARGET_KB = 500;
const DASHBOARD_TARGET_MS = 1500;
const DAY_MS = 86_400_000;
const VIEWPORT = { width: 1440, height: 900 };
/** A load that has not settled by then counts as "> LOAD_TIMEOUT_MS" rather than ending the run. */
const LOAD_TIMEOUT_MS = Number(process.env['BENCH_LOAD_TIMEOUT_MS'] ?? 60_000);

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : `> ${LOAD_TIMEOUT_MS / 1000} s`);

/** Gzipped sizes of the entry chunk and its static imports; lazy chunks and CSS beside them. */
function initialJavaScript(distDir: string) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error('the Vite manifest names no entry chunk');
  const gzipped = (file: string) => gzipSync(readFileSync(path.join(distDir, file))).length;
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entryKey);
  const files = [...initial].map((key) => ({ file: manifest[key]!.file, gzip: gzipped(manifest[key]!.file) }));
  const lazy = Object.entries(manifest)
    .filter(([key, chunk]) => !initial.has(key) && chunk.file.endsWith('.js'))
    .map(([, chunk]) => ({ file: chunk.file, gzip: gzipped(chunk.file) }));
  const css = [...new Set([...initial].flatMap((key) => manifest[key]?.css ?? []))].map((file) => ({ file, gzip: gzipped(file) }));
  return { files, lazy, css, total: files.reduce((sum, entry) => sum + entry.gzip, 0) };
}

function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} failed (${code}):\n${output}`))));
  });
}

/** The demo organisation in data/bench-web, seeded by `npm run seed:demo` unless a seed of the last day is there. */
async function demoDataDir(reseed = process.env['BENCH_RESEED'] === '1'): Promise<string> {
  const marker = existsSync(MARKER) ? (JSON.parse(readFileSync(MARKER, 'utf8')) as { seededAt: string }) : null;
  const age = marker ? Date.now() - Date.parse(marker.seededAt) : Infinity;
  if (marker && age < DAY_MS && !reseed) {
    console.log(`demo org: reusing ${path.relative(REPO_ROOT, DATA_DIR)} (seeded ${marker.seededAt})`);
    return DATA_DIR;
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  console.log(`demo org: seeding ${path.relative(REPO_ROOT, DATA_DIR)} with npm run seed:demo defaults …`);
  const started = performance.now();
  const output = await run(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/seed/seed-demo.ts', '--data-dir', DATA_DIR], {
    UPLIFT_ADMIN_TOKEN: ADMIN_TOKEN,
    UPLIFT_INGEST_KEY: INGEST_KEY,
  });
  const summary = output.split('\n').find((line) => line.startsWith('Seeded org'));
  console.log(`demo org: ${summary ?? 'seeded'} (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  writeFileSync(MARKER, JSON.stringify({ seededAt: new Date().toISOString(), adminToken: ADMIN_TOKEN }));
  return DATA_DIR;
}

type Dashboard = { id: string; panels: number; query: string };

async function api<Body>(baseUrl: string, pathAndQuery: string): Promise<Body> {
  const response = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Body;
}

/** The dashboards to open: every one the server lists; the team page with the team of highest adoption. */
async function dashboards(baseUrl: string): Promise<Dashboard[]> {
  const list = await api<{ id: string }[]>(baseUrl, '/api/v1/dashboards');
  const result: Dashboard[] = [];
  for (const { id } of list) {
    const definition = await api<{ scope: string; panels: unknown[] }>(baseUrl, `/api/v1/dashboards/${id}`);
    let query = `dashboard=${id}`;
    if (definition.scope === 'team') {
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 89 * DAY_MS).toISOString().slice(0, 10);
      const adoption = await api<{ series: { group: Record<string, string>; points: { value: number | null }[] }[] }>(
        baseUrl,
        `/api/v1/metrics/adoption_rate?from=${from}&to=${today}&granularity=total&groupBy=team`,
      );
      const top = adoption.series.sort((a, b) => (b.points[0]?.value ?? 0) - (a.points[0]?.value ?? 0))[0]?.group['team'];
      if (!top) throw new Error('the demo org has no team with adoption data');
      query += `&team=${encodeURIComponent(top)}`;
    }
    result.push({ id, panels: definition.panels.length, query });
  }
  return result;
}

/** A browser profile signed in through the session API (the cookie only: no page, no HTTP cache yet). */
async function signedInContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  const response = await context.request.post(`${baseUrl}/api/v1/session`, { data: { token: ADMIN_TOKEN } });
  if (!response.ok()) throw new Error(`sign-in answered ${response.status()}`);
  return context;
}

/**
 * Navigates and resolves with the time from navigation start until `count` panels are on the page, none is
 * loading and every chart has drawn (data-chart-drawn, set on ECharts' `rendered`), and with the API paths the
 * page requested.
 */
async function timeDashboard(page: Page, url: string, count: number): Promise<{ ms: number; requests: string[] }> {
  const requests: string[] = [];
  const onRequest = (request: { url(): string }) => {
    const requested = new URL(request.url());
    if (requested.pathname.startsWith('/api/')) requests.push(`${requested.pathname}${requested.search}`);
  };
  page.on('request', onRequest);
  await page.goto(url, { waitUntil: 'commit' });
  const settledAt = await page
    .waitForFunction(
    (expected) => {
      const panels = document.querySelectorAll('.panel');
      if (panels.length !== expected) return false;
      for (const panel of panels) if ((panel as { dataset: Record<string, string> }).dataset['state'] === 'loading') return false;
      for (const chart of document.querySelectorAll('.panel .echart')) if ((chart as { dataset: Record<string, string> }).dataset['chartDrawn'] !== 'true') return false;
      return performance.now();
    },
    count,
    { polling: 'raf', timeout: LOAD_TIMEOUT_MS },
  )
    .catch(() => null);
  page.off('request', onRequest);
  if (!settledAt) {
    const loading = await page.$$eval('.panel[data-state="loading"]', (panels: unknown[]) => panels.map((panel) => (panel as { dataset: Record<string, string> }).dataset['panelId']));
    console.log(`    ${url}: not settled after ${LOAD_TIMEOUT_MS / 1000} s (still loading: ${loading.join(', ') || 'charts drawing'})`);
    return { ms: Infinity, requests };
  }
  return { ms: (await settledAt.jsonValue()) as number, requests };
}

/** The app shell without figures: a signed-out profile until the sign-in form shows. */
async function timeShell(browser: Browser, baseUrl: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
  const shownAt = await page.waitForFunction(() => (document.querySelector('input[type="password"], #token, form') ? performance.now() : false), null, { polling: 'raf', timeout: 60_000 });
  const value = (await shownAt.jsonValue()) as number;
  await context.close();
  return value;
}

/** The same API requests from Node, six at a time like Chromium's connections per host. */
async function replay(baseUrl: string, paths: readonly string[]): Promise<number> {
  const queue = [...paths];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const response = await fetch(`${baseUrl}${next}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        await response.arrayBuffer();
      }
    }),
  );
  return performance.now() - started;
}

declare const document: { querySelector(selector: string): unknown; querySelectorAll(selector: string): Iterable<unknown> & { length: number } };

async function main(): Promise<void> {
  let server: ChildServer | undefined;
  let browser: Browser | undefined;
  const deadline = setTimeout(() => {
    console.error(`bench:web: stopped after ${DEADLINE_MS / 1000} s (BENCH_DEADLINE_MS)`);
    server?.process.kill('SIGKILL');
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();

  try {
    mkdirSync(WORK_DIR, { recursive: true });
    console.log('building the dashboard (vite build, production) …');
    const [, dataDir] = await Promise.all([buildWebApp(DIST_DIR, ['--manifest']), demoDataDir()]);
    const bundle = initialJavaScript(DIST_DIR);

    const serverEnv = { UPLIFT_DATA_DIR: dataDir, UPLIFT_WEB_DIST_DIR: DIST_DIR, HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json' };
    server = await startChildServer(serverEnv, 120_000).catch(async (error: unknown) => {
      // a reused seed from before a migration changed: seed again rather than measure an old schema
      if (!/changed after it was applied/.test((error as Error).message)) throw error;
      console.log('demo org: the reused data directory predates a changed migration');
      await demoDataDir(true);
      return startChildServer(serverEnv, 120_000);
    });
    const baseUrl = server.baseUrl;
    const boards = await dashboards(baseUrl);
    browser = await launchChromium();

    const shell: number[] = [];
    const results: { board: Dashboard; cold: number[]; warm: number[]; replay: number[]; requests: number }[] = [];
    // One unmeasured pass: the server's first queries (chDB caches, the rollup refresher's start) are not the dashboards' cost.
    for (const board of boards) {
      const context = await signedInContext(browser, baseUrl);
      await timeDashboard(await context.newPage(), `${baseUrl}/?${board.query}`, board.panels);
      await context.close();
    }
    for (let index = 0; index < RUNS; index += 1) shell.push(await timeShell(browser, baseUrl));
    for (const board of boards) {
      const result = { board, cold: [] as number[], warm: [] as number[], replay: [] as number[], requests: 0 };
      for (let index = 0; index < RUNS; index += 1) {
        const context = await signedInContext(browser, baseUrl);
        const page = await context.newPage();
        const cold = await timeDashboard(page, `${baseUrl}/?${board.query}`, board.panels);
        const warm = await timeDashboard(page, `${baseUrl}/?${board.query}`, board.panels);
        result.cold.push(cold.ms);
        result.warm.push(warm.ms);
        result.requests = warm.requests.length;
        await context.close();
        result.replay.push(await replay(baseUrl, warm.requests));
      }
      results.push(result);
      console.log(`  ${board.id}: cold ${result.cold.map(ms).join(', ')}; warm ${result.warm.map(ms).join(', ')}`);
    }

    const rollupLog = server
      .output()
      .split('\n')
      .filter((line) => line.includes('"context":"Rollups"'))
      .map((line) => (JSON.parse(line) as { message: string }).message);

    console.log('');
    console.log(`Initial JavaScript (entry + static imports, gzip): ${kb(bundle.total)} KB — target ≤ ${JS_TARGET_KB} KB: ${bundle.total <= JS_TARGET_KB * 1024 ? 'met' : 'NOT met'}`);
    for (const entry of bundle.files) console.log(`  ${entry.file.padEnd(40)} ${kb(entry.gzip).padStart(7)} KB`);
    for (const entry of bundle.css) console.log(`  ${entry.file.padEnd(40)} ${kb(entry.gzip).padStart(7)} KB  (CSS, not counted)`);
    for (const entry of bundle.lazy) console.log(`  ${entry.file.padEnd(40)} ${kb(entry.gzip).padStart(7)} KB  (lazy, loaded with the first chart)`);
    console.log('');
    console.log(`Dashboards in Chromium on the demo org, navigation → every panel settled and drawn; median / max of ${RUNS} runs`);
    console.log(`Baseline, the app shell without figures (sign-in page): median ${ms(median(shell))}, max ${ms(Math.max(...shell))}`);
    console.log('dashboard               panels  API calls   cold median / max     warm median / max     API alone (replay)   ≤ 1.5 s');
    for (const { board, cold, warm, replay: replayed, requests } of results) {
      const worst = Math.max(...cold, ...warm);
      console.log(
        `${board.id.padEnd(24)}${String(board.panels).padStart(6)}${String(requests).padStart(11)}   ${`${ms(median(cold))} / ${ms(Math.max(...cold))}`.padEnd(22)}${`${ms(median(warm))} / ${ms(Math.max(...warm))}`.padEnd(22)}${ms(median(replayed)).padEnd(21)}${worst <= DASHBOARD_TARGET_MS ? 'met' : 'NOT met'}`,
      );
    }
    console.log('');
    console.log(`(team: ${boards.find((board) => board.query.includes('team='))?.query ?? '—'}; ${RUNS} runs; rollup refresher during the run: ${rollupLog.length === 0 ? 'nothing built' : rollupLog.join('; ')})`);
  } finally {
    clearTimeout(deadline);
    await browser?.close();
    if (server) {
      server.process.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      if (server.process.exitCode === null) server.process.kill('SIGKILL');
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error((error as Error)?.stack ?? String(error));
    process.exit(1);
  },
);
