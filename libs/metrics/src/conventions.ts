/**
 * Population and grouping conventions shared by every metric, each written once so it can be replaced in one
 * place (the team expression gives way to the directory's membership history when that exists).
 */

/** Dimensions a series can be grouped by. */
export const DIMENSIONS = ['team', 'developer', 'language', 'ide', 'tool', 'model', 'repo'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Dimensions a query can filter on (`developer` is a grouping only). */
export const FILTER_DIMENSIONS = ['team', 'language', 'ide', 'tool', 'repo', 'model'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Team of an event: its `context.team`, else `unassigned` (until the directory supplies membership history). */
export const TEAM_EXPRESSION = "if(context_team = '', 'unassigned', context_team)";

/**
 * Team of a work item or an incident: its own `team` field, else `unassigned`. The repo's owning team (between
 * the two) will come from the directory, replacing this one expression.
 */
export const WORK_ITEM_TEAM_EXPRESSION = "if(data_team = '', 'unassigned', data_team)";

/** Team of a source that mixes work items with other events (defect density): each by its own rule. */
export const MIXED_TEAM_EXPRESSION = `if(startsWith(type, 'work_item.') OR startsWith(type, 'incident.'), ${WORK_ITEM_TEAM_EXPRESSION}, ${TEAM_EXPRESSION})`;

/** The developer an event belongs to: the resolved person key set by the collector. */
export const DEVELOPER_EXPRESSION = 'person_id';

/** SQL expression over `events` columns for each dimension. */
export const DIMENSION_EXPRESSIONS: Record<Dimension, string> = {
  team: TEAM_EXPRESSION,
  developer: DEVELOPER_EXPRESSION,
  language: 'language',
  ide: 'ide',
  tool: 'tool',
  model: 'model',
  repo: 'repo',
};

/**
 * Bots never count: events whose actor login ends with `[bot]` are dropped from every metric.
 * Actor-less events (deployment.*, incident.*, build.*) have an empty login and are unaffected.
 */
export const NOT_A_BOT_PREDICATE = "NOT endsWith(actor_login, '[bot]')";
