import { z } from 'zod';
import { dashboardSchema, layoutSchema, metricIdSchema, metricRefSchema, panelSchema, textSchema } from './schema';

const SCHEMA_ID = 'urn:uplift:dashboard:v1';

/**
 * JSON Schema (draft 2020-12) of a `dashboards/<id>.json` file, for editors. Rules that compare fields (the id
 * equals the file name, panels fit the grid and do not overlap, a metric's parameters and dimensions) are only
 * in the validator (`loadDashboards`), which the tests run on every committed file.
 */
export function dashboardJsonSchema(): Record<string, unknown> {
  // The `$schema` URI is left out: the project names no external host. The dialect is draft 2020-12.
  const metadata = z.registry<z.core.JSONSchemaMeta>();
  metadata.add(textSchema, { id: 'text', description: 'An i18n key of the web app, or the text in every shipped language.' });
  metadata.add(metricIdSchema, { id: 'metricId', description: 'A metric of the catalog (GET /api/v1/metrics).' });
  metadata.add(metricRefSchema, { id: 'metricRef', description: 'A metric id, or { id, params, label, filters }.' });
  metadata.add(layoutSchema, { id: 'layout', description: 'Position on the 12-column grid: column x, row y, width w, height h (rows).' });
  metadata.add(panelSchema, { id: 'panel', description: 'One chart, tile or table of the page.' });
  const { $schema: _dialectUri, ...generated } = z.toJSONSchema(dashboardSchema, { io: 'input', target: 'draft-2020-12', metadata });
  return {
    $id: SCHEMA_ID,
    title: 'Uplift dashboard',
    description:
      'One dashboard page: dashboards/<id>.json. Texts are i18n keys of the web app (apps/web/src/i18n) or ' +
      '{ "en", "zh-CN" } objects. Panels sit on a 12-column grid and are listed in reading order. ' +
      'JSON Schema dialect: draft 2020-12.',
    ...generated,
  };
}

/** The committed file's exact text: 2-space JSON with a trailing newline. */
export function dashboardJsonSchemaText(): string {
  return `${JSON.stringify(dashboardJsonSchema(), null, 2)}\n`;
}
