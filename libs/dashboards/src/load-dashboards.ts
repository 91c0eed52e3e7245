import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { toDefinition, type DashboardDefinition } from './definition';
import { fieldPath, flattenIssues } from './issues';
import { dashboardSchema } from './schema';

/** One problem in one dashboard file: `field` is a path like `panels[3].kind` ('' for the file itself). */
export type DashboardIssue = { file: string; field: string; message: string };

/** A dashboard file that does not parse or validate; `message` lists every problem, one per line. */
export class DashboardValidationError extends Error {
  readonly code = 'INVALID_DASHBOARD';

  constructor(readonly issues: readonly DashboardIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'DashboardValidationError';
  }
}

export function formatIssue(issue: DashboardIssue): string {
  return issue.field ? `${issue.file}: ${issue.field} ${issue.message}` : `${issue.file}: ${issue.message}`;
}

const DASHBOARD_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Validates one dashboard's JSON text. `file` names it in messages (`dashboards/usage.json`); its base name
 * must equal the dashboard's id.
 */
export function parseDashboard(text: string, file: string): DashboardDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new DashboardValidationError([{ file, field: '', message: `is not valid JSON (${(error as Error).message})` }]);
  }
  const result = dashboardSchema.safeParse(json, { reportInput: true });
  const issues: DashboardIssue[] = result.success
    ? []
    : flattenIssues(result.error.issues).map((issue) => ({ file, field: fieldPath(issue.path), message: issue.message }));
  const expectedId = path.basename(file, '.json');
  const id = (json as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id !== expectedId && !issues.some((issue) => issue.field === 'id')) {
    issues.unshift({ file, field: 'id', message: `must equal the file name ${JSON.stringify(expectedId)} (got ${JSON.stringify(id)})` });
  }
  if (!result.success || issues.length > 0) throw new DashboardValidationError(issues);
  return toDefinition(result.data);
}

/** The label of a file in messages: the dashboards folder's name and the file (`dashboards/usage.json`). */
function fileLabel(dir: string, fileName: string): string {
  return `${path.basename(path.resolve(dir))}/${fileName}`;
}

/**
 * Every `*.json` of `dir`, validated, in navigation order (order, then id). Throws one
 * DashboardValidationError listing the problems of every bad file.
 */
export function loadDashboards(dir: string): DashboardDefinition[] {
  const fileNames = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const dashboards: DashboardDefinition[] = [];
  const issues: DashboardIssue[] = [];
  for (const fileName of fileNames) {
    try {
      dashboards.push(parseDashboard(readFileSync(path.join(dir, fileName), 'utf8'), fileLabel(dir, fileName)));
    } catch (error: unknown) {
      if (!(error instanceof DashboardValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new DashboardValidationError(issues);
  return dashboards.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** One dashboard by id, or undefined when there is no such file. The id never reaches the file system unchecked. */
export function loadDashboard(dir: string, id: string): DashboardDefinition | undefined {
  if (!DASHBOARD_ID.test(id)) return undefined;
  const file = path.join(dir, `${id}.json`);
  if (!existsSync(file)) return undefined;
  return parseDashboard(readFileSync(file, 'utf8'), fileLabel(dir, `${id}.json`));
}
