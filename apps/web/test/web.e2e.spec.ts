/* eslint-disable @nx/enforce-module-boundaries -- the browser test drives the real API server of apps/api */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, event } from '../../api/test/support/events';
import { getJson, postEvents, type MetricBody } from '../../api/test/support/http';
import { createDataDir, removeDataDir, startTestServer, TEST_ADMIN_TOKEN, TEST_INGEST_KEY, type TestServer } from '../../api/test/support/test-server';
import { formatValue } from '../src/format';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const DIST_DIR = mkdtempSync(path.join(tmpdir(), 'uplift-web-dist-'));

/** `vite build` in its own process (production mode), into a temporary folder. */
function buildWebApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--outDir', DIST_DIR, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`))));
  });
}

const PEOPLE = [
  { email: 'ann@example.com', team: 'payments' },
  { email: 'bob@example.com', team: 'payments' },
  { email: 'cho@example.com', team: 'payments' },
  { email: 'dee@example.com', team: 'search' },
  { email: 'eli@example.com', team: 'search' },
];

/** A few weeks of assistant use and commits for two teams. */
function fixture() {
  const events: Record<string, unknown>[] = [];
  PEOPLE.forEach((person, personIndex) => {
    const actor = { email: person.email };
    const context = { team: person.team, language: personIndex % 2 === 0 ? 'go' : 'typescript' };
    const source = { tool: personIndex < 3 ? 'copilot' : 'lingma', ide: personIndex % 2 === 0 ? 'vscode' : 'jetbrains' };
    events.push(event('assistant.activated', {}, { actor, context, source, time: daysAgo(25) }));
    for (let day = 1; day <= 20; day += personIndex + 1) {
      const suggestionId = `s-${personIndex}-${day}`;
      events.push(event('completion.shown', { suggestionId, lines: 4, chars: 120, latencyMs: 150 + 20 * personIndex }, { actor, context, source, time: daysAgo(day, 10) }));
      if ((day + personIndex) % 2 === 0) {
        events.push(event('completion.accepted', { suggestionId, lines: 3, chars: 90 }, { actor, context, source, time: daysAgo(day, 11) }));
      }
      events.push(
        event('commit', { sha: `c${personIndex}${day}`.padEnd(7, '0'), repo: `acme/${person.team}`, linesAdded: 40, linesDeleted: 5, aiLinesAdded: 10 * (personIndex % 3) }, { actor, context: { team: person.team }, source: { tool: 'git' }, time: daysAgo(day, 15) }),
      );
    }
  });
  return events;
}

type PageProblems = { errors: string[] };

/** Console errors, except a failed resource the test expects: 401 of the signed-out session probe, and 4xx of figures the server does not have yet. */
function watchConsole(page: Page): PageProblems {
  const problems: PageProblems = { errors: [] };
  page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    const failed = /Failed to load resource: the server responded with a status of (\d+)/.exec(message.text());
    if (failed) {
      const status = Number(failed[1]);
      const expected =
        (status === 401 && url.endsWith('/api/v1/session')) ||
        (status === 404 && url.includes('/api/v1/directory/rollout-phases')) ||
        ([400, 404, 422].includes(status) && (url.includes('/api/v1/metrics/') || url.includes('/api/v1/analysis/')));
      if (expected) return;
    }
    problems.errors.push(`${message.text()} (${url})`);
  });
  return problems;
}

describe('web app in a real browser against the real API', () => {
  let server: TestServer;
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = createDataDir('web-e2e');
    const built = buildWebApp();
    server = await startTestServer(dataDir, { UPLIFT_WEB_DIST_DIR: DIST_DIR });
    const ingest = await postEvents(server.baseUrl, TEST_INGEST_KEY, { events: fixture() });
    expect(ingest.body.rejected).toEqual([]);
    [browser] = await Promise.all([
      chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      }),
      built,
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) removeDataDir(dataDir);
    rmSync(DIST_DIR, { recursive: true, force: true });
  });

  it('signs in, shows the usage dashboard with the API’s figures, keeps state in the URL, switches to Chinese and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const problems = watchConsole(page);

    await page.goto(`${server.baseUrl}/?dashboard=usage-and-acceptance`);
    await page.getByLabel('API token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Every panel settles: figures, an empty state or a per-panel error, never a skeleton left behind.
    const kpi = page.locator('[data-panel-id="active-users"][data-state="ready"] .kpi-value');
    await kpi.waitFor({ timeout: 20_000 });
    await page.locator('.panel').first().waitFor({ timeout: 20_000 });
    await page.locator('.panel[data-state="loading"]').first().waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Usage and acceptance');
    await expect.poll(() => page.locator('.role-badge').textContent()).toBe('Admin');

    // The tile shows what the metrics API answers for the same range.
    const range = page.locator('[data-range-from]');
    const from = await range.getAttribute('data-range-from');
    const to = await range.getAttribute('data-range-to');
    const api = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/active_users?from=${from}&to=${to}&granularity=total`, TEST_ADMIN_TOKEN);
    expect(api.status).toBe(200);
    const expected = api.body.series[0]?.points[0]?.value ?? null;
    expect(expected).toBe(PEOPLE.length);
    expect(Number(await kpi.getAttribute('data-value'))).toBe(expected);
    await expect.poll(() => kpi.textContent()).toBe(formatValue(expected, 'people', 'en'));
    const acceptance = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/acceptance_rate?from=${from}&to=${to}&granularity=total&basis=count`, TEST_ADMIN_TOKEN);
    await expect.poll(() => page.locator('[data-panel-id="acceptance-rate"] .kpi-value').textContent()).toBe(formatValue(acceptance.body.series[0]?.points[0]?.value ?? null, 'ratio', 'en'));

    // Filters live in the URL.
    await page.locator('#filter-granularity').selectOption('week');
    await expect.poll(() => page.url()).toContain('granularity=week');
    await page.locator('#filter-preset').selectOption('last-90-days');
    await expect.poll(() => page.url()).toContain('preset=last-90-days');

    // A team in a chart's table opens that team's page, keeping range and granularity.
    await page.locator('[data-panel-id="teams-lagging"] a.team-link', { hasText: 'payments' }).click();
    await expect.poll(() => page.url()).toMatch(/dashboard=team&preset=last-90-days&granularity=week&team=payments/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('payments');
    await page.goBack();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Usage and acceptance');

    // Simplified Chinese, remembered in the URL.
    await page.locator('#language').selectOption('zh-CN');
    await expect.poll(() => page.locator('h1').textContent()).toBe('使用与采纳');
    await expect.poll(() => page.url()).toContain('lang=zh-CN');
    await page.getByRole('button', { name: '退出登录' }).waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录 Uplift' }).waitFor();
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    expect(session).toBe(401);

    expect(problems.errors).toEqual([]);
    await page.close();
  }, 60_000);
});
