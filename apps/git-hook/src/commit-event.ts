import type { Actor, UpliftEvent } from '@uplift/sdk';
import type { Attribution } from './attribution';
import { lineTotals, type CommitFacts } from './commit-reader';
import { commitEventId } from './stable-id';
import { CLI_VERSION } from './version';

export type CommitEventContext = { repo: string; branch?: string; login?: string };

/** The `commit` event of the contract for one commit; its id is stable per (repo, sha). */
export function commitEvent(commit: CommitFacts, attribution: Attribution, context: CommitEventContext): UpliftEvent<'commit'> {
  const totals = lineTotals(commit.files);
  const data: UpliftEvent<'commit'>['data'] = {
    sha: commit.sha.toLowerCase(),
    repo: context.repo,
    linesAdded: totals.linesAdded,
    linesDeleted: totals.linesDeleted,
    filesChanged: totals.filesChanged,
    isMerge: commit.parents.length > 1,
  };
  if (context.branch) data.branch = context.branch;
  if (attribution.aiLinesAdded !== undefined) data.aiLinesAdded = Math.min(attribution.aiLinesAdded, totals.linesAdded);
  if (attribution.aiAttribution) data.aiAttribution = attribution.aiAttribution;

  const event: UpliftEvent<'commit'> = {
    id: commitEventId(context.repo, commit.sha),
    type: 'commit',
    time: commit.committedAt,
    actor: commitActor(commit, context.login),
    source: { tool: 'git', toolVersion: CLI_VERSION },
    context: context.branch ? { repo: context.repo, branch: context.branch } : { repo: context.repo },
    data,
  };
  return event;
}

/** The author: their email, plus the configured login; a name only when git has no email at all. */
function commitActor(commit: CommitFacts, login: string | undefined): Actor {
  const actor: Actor = {};
  if (commit.authorEmail.trim()) actor.email = commit.authorEmail.trim();
  if (login) actor.login = login;
  if (!actor.email && !actor.login) actor.externalId = `git:${commit.authorName.trim() || 'unknown'}`;
  return actor;
}
