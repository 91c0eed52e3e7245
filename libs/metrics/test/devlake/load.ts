import { insertEventRows, toEventRow, type UpliftClickHouse } from '@uplift/clickhouse';
import { validateEvent } from '@uplift/events';
import { expect } from 'vitest';
import type {
  DevLakeDeploymentCommit,
  DevLakePipeline,
  DevLakePipelineCommit,
  DevLakeTask,
  MappedEvent,
} from '../../src/devlake';
import { type CsvRow, devlakeTime, required } from './csv';

/** A deployment commit row with DevLake's precomputed previous one (`prev_success_deployment_commit_id`). */
export type DeploymentCommitRow = DevLakeDeploymentCommit & { prevSuccessDeploymentCommitId: string | null };

export function toDeploymentCommit(row: CsvRow): DeploymentCommitRow {
  return {
    id: required(row, 'id'),
    commitSha: required(row, 'commit_sha'),
    cicdScopeId: required(row, 'cicd_scope_id'),
    cicdDeploymentId: required(row, 'cicd_deployment_id'),
    result: required(row, 'result'),
    repoUrl: row['repo_url'] ?? '',
    environment: row['environment'] ?? '',
    startedDate: devlakeTime(row['started_date'] ?? null),
    finishedDate: devlakeTime(row['finished_date'] ?? null),
    prevSuccessDeploymentCommitId: row['prev_success_deployment_commit_id'] ?? null,
  };
}

export function toPipeline(row: CsvRow): DevLakePipeline {
  const duration = row['duration_sec'] ?? null;
  return {
    id: required(row, 'id'),
    name: row['name'] ?? '',
    result: row['result'] ?? '',
    status: row['status'] ?? '',
    type: row['type'] ?? '',
    durationSec: duration === null ? null : Number(duration),
    environment: row['environment'] ?? '',
    createdDate: devlakeTime(row['created_date'] ?? null),
    finishedDate: devlakeTime(row['finished_date'] ?? null),
    cicdScopeId: required(row, 'cicd_scope_id'),
  };
}

export function toPipelineCommit(row: CsvRow): DevLakePipelineCommit {
  return {
    pipelineId: required(row, 'pipeline_id'),
    commitSha: required(row, 'commit_sha'),
    branch: row['branch'] ?? '',
    repoId: row['repo_id'] ?? '',
    repoUrl: row['repo_url'] ?? '',
  };
}

export function toTask(row: CsvRow): DevLakeTask {
  return {
    id: required(row, 'id'),
    pipelineId: required(row, 'pipeline_id'),
    result: row['result'] ?? '',
    type: row['type'] ?? '',
    environment: row['environment'] ?? '',
  };
}

/**
 * Validates mapped events against the events v1 contract and inserts them for an org.
 *
 * The fixtures date from 2022–2023, far outside the collector's 400-day window, so each event is validated with
 * the clock set to its own time — every rule of the contract except that window is checked — and its row is
 * built with toEventRow and inserted directly, bypassing the collector's time window.
 */
export async function insertMappedEvents(
  clickHouse: UpliftClickHouse,
  orgId: string,
  events: readonly MappedEvent[],
): Promise<void> {
  const rows = events.map((event) => {
    const result = validateEvent(event, { now: new Date(event.time) });
    if (!result.ok) expect.fail(`${event.type} ${event.id} is not a valid event: ${JSON.stringify(result.errors)}`);
    return toEventRow(orgId, result.event, new Date(result.event.time));
  });
  await insertEventRows(clickHouse, rows);
}

/** DevLake's expected timestamp text as compared: RFC 3339 UTC with milliseconds, '' for NULL. */
export function timeCell(value: string | null | undefined): string {
  return devlakeTime(value ?? null) ?? '';
}

/** An expected CSV row without the columns the README says to ignore, NULL as ''. */
export function comparable(row: CsvRow, timeColumns: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([column]) => !['created_at', 'updated_at'].includes(column) && !column.startsWith('_raw_data_'))
      .map(([column, value]) => [column, timeColumns.includes(column) ? timeCell(value) : (value ?? '')]),
  );
}

/** Rows ordered by their primary key, for a row-by-row comparison. */
export function byId<Row extends Record<string, string>>(rows: readonly Row[], key = 'id'): Row[] {
  return [...rows].sort((left, right) => (left[key] ?? '').localeCompare(right[key] ?? ''));
}
