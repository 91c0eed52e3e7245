import { HttpException } from '@nestjs/common';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardsController } from './dashboards.controller';
import { DEFAULT_DASHBOARDS_DIR } from './dashboards.module';
import { DashboardsService } from './dashboards.service';

function controllerFor(dir: string): DashboardsController {
  return new DashboardsController(new DashboardsService(dir));
}

function thrown(run: () => unknown): HttpException {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof HttpException) return error;
    throw error;
  }
  throw new Error('expected an HttpException');
}

describe('DashboardsController', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it('serves the committed dashboards folder', () => {
    expect(existsSync(path.join(DEFAULT_DASHBOARDS_DIR, 'rollout-overview.json'))).toBe(true);
    const controller = controllerFor(DEFAULT_DASHBOARDS_DIR);
    expect(controller.list().map((summary) => summary.id)).toEqual(['rollout-overview', 'usage-and-acceptance', 'ai-impact', 'team']);
    expect(controller.list()[0]).toEqual({
      id: 'rollout-overview',
      title: 'dashboard.rolloutOverview.title',
      description: 'dashboard.rolloutOverview.description',
      order: 1,
      scope: 'org',
    });
    const usage = controller.get('usage-and-acceptance');
    expect(usage.panels[0]).toMatchObject({ id: 'daily-active-users', kind: 'kpi', metrics: [{ id: 'active_users', params: {} }] });
  });

  it('answers 404 for an unknown dashboard and 500 naming the file and field of a bad one', () => {
    root = mkdtempSync(path.join(tmpdir(), 'uplift-dashboards-api-'));
    const dir = path.join(root, 'dashboards');
    mkdirSync(dir);
    const panel = { id: 'a', kind: 'pie', title: { en: 'A', 'zh-CN': 'A' }, metric: 'active_users', layout: { x: 0, y: 0, w: 3, h: 2 } };
    writeFileSync(path.join(dir, 'usage.json'), JSON.stringify({ id: 'usage', title: 'x.title', description: 'x.description', panels: [panel] }));
    const controller = controllerFor(dir);

    const missing = thrown(() => controller.get('nope'));
    expect(missing.getStatus()).toBe(404);
    expect(missing.getResponse()).toMatchObject({ code: 'NOT_FOUND', message: 'no dashboard "nope"' });

    for (const run of [() => controller.get('usage'), () => controller.list()]) {
      const invalid = thrown(run);
      expect(invalid.getStatus()).toBe(500);
      expect(invalid.getResponse()).toMatchObject({
        statusCode: 500,
        code: 'INVALID_DASHBOARD',
        file: 'dashboards/usage.json',
        field: 'panels[0].kind',
        message: expect.stringMatching(/^dashboards\/usage\.json: panels\[0\]\.kind must be one of kpi, .* \(got "pie"\)$/),
      });
    }
  });
});
