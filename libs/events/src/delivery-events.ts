import { z } from 'zod';
import { defineEvent, defineEventWithOptionalActor } from './envelope';
import {
  commitSha,
  commitShaList,
  isPlainObject,
  nonNegativeInt,
  oneOf,
  optionalString,
  positiveInt,
  requiredString,
  stringList,
  timestamp,
} from './fields';

// Delivery facts from git, code review, CI/CD and trackers. `data` objects are loose: unknown fields are kept.

export const aiAttributionSchema = z.looseObject({
  method: oneOf(['trailer', 'git-notes', 'agent-trace', 'ide']),
  tools: stringList,
});

const isNonNegativeInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

export const commitData = z
  .looseObject({
    sha: commitSha,
    repo: requiredString,
    linesAdded: nonNegativeInt,
    linesDeleted: nonNegativeInt,
    filesChanged: nonNegativeInt.optional(),
    branch: optionalString,
    isMerge: z.boolean().optional(),
    aiLinesAdded: nonNegativeInt.optional(),
    aiAttribution: aiAttributionSchema.optional(),
  })
  .refine(
    // Compared only when both counts are valid; otherwise their own errors say what is wrong.
    (data) => !isNonNegativeInt(data.aiLinesAdded) || !isNonNegativeInt(data.linesAdded) || data.aiLinesAdded <= data.linesAdded,
    {
      path: ['aiLinesAdded'],
      message: 'aiLinesAdded must not exceed linesAdded',
      when: (payload) => isPlainObject(payload.value),
    },
  );

// PRs are deduplicated per (repo, number), so both are required on every pull_request.* event.
export const pullRequestOpenedData = z.looseObject({
  repo: requiredString,
  number: positiveInt,
  title: optionalString,
  linesAdded: nonNegativeInt.optional(),
  linesDeleted: nonNegativeInt.optional(),
  labels: stringList.optional(),
  aiAssisted: z.boolean().optional(),
});

export const pullRequestMergedData = z.looseObject({
  repo: requiredString,
  number: positiveInt,
  createdAt: timestamp,
  /** Equals the event `time`; accepted for emitters that send it anyway. */
  mergedAt: timestamp.optional(),
  firstCommitAt: timestamp.optional(),
  firstReviewAt: timestamp.optional(),
  mergeCommitSha: commitSha.optional(),
  commits: commitShaList.optional(),
  linesAdded: nonNegativeInt.optional(),
  linesDeleted: nonNegativeInt.optional(),
  labels: stringList.optional(),
  aiAssisted: z.boolean().optional(),
});

/** Closed without merge. */
export const pullRequestClosedData = z.looseObject({
  repo: requiredString,
  number: positiveInt,
});

export const buildFinishedData = z.looseObject({
  repo: requiredString,
  pipeline: requiredString,
  status: oneOf(['success', 'failure', 'cancelled']),
  durationMs: nonNegativeInt.optional(),
});

export const deploymentFinishedData = z.looseObject({
  deploymentId: requiredString,
  repo: requiredString,
  /** e.g. `production`. */
  environment: requiredString,
  status: oneOf(['success', 'failure']),
  commitSha,
  startedAt: timestamp.optional(),
  /**
   * Uplift extension: the commits this deployment shipped, i.e. those not in the previous successful deployment
   * of the same pipeline, repo and environment (`git log previous..commitSha`). Lead time for changes links a
   * merged PR to the first deployment whose `commitSha` or `commits` holds its `mergeCommitSha`.
   */
  commits: commitShaList.optional(),
  /**
   * Uplift extension: the CI/CD pipeline (job, workflow) that ran the deployment. A deployment's previous one is
   * looked for in the same pipeline, repo and environment.
   */
  pipeline: optionalString,
});

/** A `bug` work item is a defect. */
export const workItemCreatedData = z.looseObject({
  key: requiredString,
  kind: oneOf(['requirement', 'task', 'bug']),
  team: optionalString,
  repo: optionalString,
  severity: optionalString,
});

export const workItemResolvedData = z.looseObject({
  key: requiredString,
  kind: oneOf(['requirement', 'task', 'bug']),
  createdAt: timestamp.optional(),
  team: optionalString,
  repo: optionalString,
});

export const incidentOpenedData = z.looseObject({
  incidentId: requiredString,
  repo: optionalString,
  deploymentId: optionalString,
  severity: optionalString,
  /** Uplift extension: the owning team, as on work items (metrics group incidents by it). */
  team: optionalString,
});

export const incidentResolvedData = z.looseObject({
  incidentId: requiredString,
});

// Known questions have a fixed scale; any other question key is free and its score unconstrained.
const SCORE_RULES: Record<string, { isValid: (score: number) => boolean; message: string }> = {
  satisfaction: { isValid: (score) => score >= 1 && score <= 5, message: 'must be between 1 and 5 for satisfaction' },
  time_saved_hours: { isValid: (score) => score >= 0, message: 'must not be negative for time_saved_hours' },
};

export const surveyResponseData = z
  .looseObject({
    surveyId: requiredString,
    /** `satisfaction` (scored 1–5), `time_saved_hours` (per week) or a free key. */
    question: requiredString,
    score: z.number(),
  })
  .superRefine((data, context) => {
    if (typeof data.question !== 'string' || typeof data.score !== 'number') return;
    const rule = Object.hasOwn(SCORE_RULES, data.question) ? SCORE_RULES[data.question] : undefined;
    if (rule && !rule.isValid(data.score)) {
      context.addIssue({ code: 'custom', path: ['score'], message: rule.message, input: data.score });
    }
  }, { when: (payload) => isPlainObject(payload.value) });

export const commitEvent = defineEvent('commit', commitData);
export const pullRequestOpenedEvent = defineEvent('pull_request.opened', pullRequestOpenedData);
export const pullRequestMergedEvent = defineEvent('pull_request.merged', pullRequestMergedData);
export const pullRequestClosedEvent = defineEvent('pull_request.closed', pullRequestClosedData);
export const buildFinishedEvent = defineEventWithOptionalActor('build.finished', buildFinishedData);
export const deploymentFinishedEvent = defineEventWithOptionalActor('deployment.finished', deploymentFinishedData);
export const workItemCreatedEvent = defineEvent('work_item.created', workItemCreatedData);
export const workItemResolvedEvent = defineEvent('work_item.resolved', workItemResolvedData);
export const incidentOpenedEvent = defineEventWithOptionalActor('incident.opened', incidentOpenedData);
export const incidentResolvedEvent = defineEventWithOptionalActor('incident.resolved', incidentResolvedData);
export const surveyResponseEvent = defineEvent('survey.response', surveyResponseData);

export type AiAttribution = z.output<typeof aiAttributionSchema>;
export type CommitData = z.output<typeof commitData>;
export type PullRequestOpenedData = z.output<typeof pullRequestOpenedData>;
export type PullRequestMergedData = z.output<typeof pullRequestMergedData>;
export type PullRequestClosedData = z.output<typeof pullRequestClosedData>;
export type BuildFinishedData = z.output<typeof buildFinishedData>;
export type DeploymentFinishedData = z.output<typeof deploymentFinishedData>;
export type WorkItemCreatedData = z.output<typeof workItemCreatedData>;
export type WorkItemResolvedData = z.output<typeof workItemResolvedData>;
export type IncidentOpenedData = z.output<typeof incidentOpenedData>;
export type IncidentResolvedData = z.output<typeof incidentResolvedData>;
export type SurveyResponseData = z.output<typeof surveyResponseData>;
