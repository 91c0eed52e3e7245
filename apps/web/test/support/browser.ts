import { spawn } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/**
 * What the browser tests and bench:web share: building the app, Debian's Chromium (never a downloaded
 * browser), signing in, and knowing when every panel of a dashboard has settled.
 */

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** `vite build` in its own process (production mode) into `outDir`; `extraArgs` such as `--manifest`. */
export function buildWebApp(outDir: string, extraArgs: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', ...extraArgs],
      { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`))));
  });
}

/** Headless Debian Chromium that talks to nothing but the pages it is sent to. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps'],
  });
}

export type ConsoleWatch = { errors: string[] };

/** A failed request the page is expected to make: it still shows in the console as "Failed to load resource". */
export type ExpectedFailure = { status: number; url: (url: string) => boolean };

/** The signed-out session probe every fresh page makes. */
export const SESSION_PROBE: ExpectedFailure = { status: 401, url: (url) => url.endsWith('/api/v1/session') };
/** An analysis refusing to run on too little data (422) is a state the panel shows, not a failure. */
export const ANALYSIS_REFUSAL: ExpectedFailure = { status: 422, url: (url) => url.includes('/api/v1/analysis/') };

/** Collects console errors and uncaught page errors, except failed requests listed as expected. */
export function watchConsole(page: Page, expected: readonly ExpectedFailure[], watch: ConsoleWatch = { errors: [] }): ConsoleWatch {
  page.on('pageerror', (error) => watch.errors.push(`page error: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    const failed = /Failed to load resource: the server responded with a status of (\d+)/.exec(message.text());
    if (failed && expected.some((entry) => entry.status === Number(failed[1]) && entry.url(url))) return;
    watch.errors.push(`${message.text()} (${url})`);
  });
  return watch;
}

export async function signIn(page: Page, baseUrl: string, token: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}/${query}`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.panel').first().waitFor({ timeout: 30_000 });
}

export type PanelState = {
  id: string;
  state: string;
  /** KPI: the figure as shown */
  kpiText: string | null;
  /** charts: canvases, and whether the current option has been drawn */
  canvases: number;
  drawn: boolean;
  /** tables: body rows */
  rows: number;
  text: string;
};

/** The little of the DOM the page functions below use (the tests type-check without the DOM library). */
type DomNode = {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
};
declare const document: DomNode;

/** Panel states as the page shows them. */
export function panelStates(page: Page): Promise<PanelState[]> {
  return page.$$eval('.panel', (panels: unknown[]) =>
    panels.map((panel) => {
      const element = panel as DomNode;
      const charts = [...element.querySelectorAll('.echart')];
      return {
        id: element.dataset['panelId'] ?? '',
        state: element.dataset['state'] ?? '',
        kpiText: element.querySelector('.kpi-value')?.textContent ?? null,
        canvases: element.querySelectorAll('.echart canvas').length,
        drawn: charts.length > 0 && charts.every((chart) => chart.dataset['chartDrawn'] === 'true'),
        rows: element.querySelectorAll('tbody tr').length,
        text: element.querySelector('.panel-body')?.textContent ?? '',
      };
    }),
  );
}

/**
 * Resolves once `count` panels are on the page, none is loading, and every chart has drawn its current option
 * (EChart sets data-chart-drawn on ECharts' `rendered`).
 */
export async function waitForPanelsSettled(page: Page, count: number, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const panels = [...document.querySelectorAll('.panel')];
      if (panels.length !== expected) return false;
      if (panels.some((panel) => panel.dataset['state'] === 'loading')) return false;
      return [...document.querySelectorAll('.panel .echart')].every((chart) => chart.dataset['chartDrawn'] === 'true');
    },
    count,
    { timeout: timeoutMs, polling: 'raf' },
  );
}
