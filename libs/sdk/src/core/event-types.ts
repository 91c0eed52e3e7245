// The events-v1 contract as plain TypeScript types. The SDK is published on its own, so it carries its own
// copy of the shapes instead of depending on the collector's zod schemas; `event-types.spec.ts` proves every
// event the SDK builds passes the collector's `validateEvent`.

/** The developer behind an event: at least one of the three identities. */
export type Actor = { email?: string; login?: string; externalId?: string };

/** The emitting tool (`copilot`, `cursor`, `claude-code`, `git`, `ci`, …). */
export type Source = { tool: string; toolVersion?: string; ide?: string; ideVersion?: string };

export type EventContext = { repo?: string; language?: string; branch?: string; model?: string; team?: string };

export type AiAttribution = { method: 'trailer' | 'git-notes' | 'agent-trace' | 'ide'; tools: string[] };

/** `data` of every event type, keyed by type. */
export type EventDataByType = {
  'assistant.activated': Record<string, never>;
  'completion.shown': {
    suggestionId: string;
    lines: number;
    chars: number;
    latencyMs?: number;
    trigger?: 'auto' | 'manual';
    kind?: 'inline' | 'next_edit';
  };
  'completion.accepted': { suggestionId: string; lines: number; chars: number };
  'completion.rejected': { suggestionId: string };
  'chat.turn': {
    conversationId?: string;
    mode: 'ask' | 'edit' | 'agent';
    intent?: string;
    inputTokens?: number;
    outputTokens?: number;
  };
  'chat.feedback': { conversationId?: string; rating: 'like' | 'dislike' };
  'chat.applied': { lines: number; chars: number };
  'agent.session': {
    sessionId: string;
    status: 'completed' | 'failed' | 'cancelled';
    durationMs?: number;
    filesChanged?: number;
    linesAdded?: number;
    linesRemoved?: number;
  };
  'agent.edit': { sessionId?: string; decision: 'accepted' | 'rejected'; lines?: number };
  'usage.cost': { model: string; inputTokens?: number; outputTokens?: number; costUsd?: number };
  commit: {
    sha: string;
    repo: string;
    linesAdded: number;
    linesDeleted: number;
    filesChanged?: number;
    branch?: string;
    isMerge?: boolean;
    aiLinesAdded?: number;
    aiAttribution?: AiAttribution;
  };
  'pull_request.opened': {
    repo: string;
    number: number;
    title?: string;
    linesAdded?: number;
    linesDeleted?: number;
    labels?: string[];
    aiAssisted?: boolean;
  };
  'pull_request.merged': {
    repo: string;
    number: number;
    createdAt: string;
    mergedAt?: string;
    firstCommitAt?: string;
    firstReviewAt?: string;
    mergeCommitSha?: string;
    commits?: string[];
    linesAdded?: number;
    linesDeleted?: number;
    labels?: string[];
    aiAssisted?: boolean;
  };
  'pull_request.closed': { repo: string; number: number };
  'build.finished': { repo: string; pipeline: string; status: 'success' | 'failure' | 'cancelled'; durationMs?: number };
  'deployment.finished': {
    deploymentId: string;
    repo: string;
    environment: string;
    status: 'success' | 'failure';
    commitSha: string;
    startedAt?: string;
  };
  'work_item.created': { key: string; kind: 'requirement' | 'task' | 'bug'; team?: string; repo?: string; severity?: string };
  'work_item.resolved': { key: string; kind: 'requirement' | 'task' | 'bug'; createdAt?: string; team?: string; repo?: string };
  'incident.opened': { incidentId: string; repo?: string; deploymentId?: string; severity?: string };
  'incident.resolved': { incidentId: string };
  'survey.response': { surveyId: string; question: string; score: number };
};

export type EventType = keyof EventDataByType;

/** Types whose `actor` may be absent: nothing a single developer did. */
export const ACTORLESS_EVENT_PREFIXES = ['deployment.', 'incident.', 'build.'] as const;

export function actorIsOptional(type: string): boolean {
  return ACTORLESS_EVENT_PREFIXES.some((prefix) => type.startsWith(prefix));
}

/** Event types without a developer behind them: their `actor` is optional. */
export type ActorlessEventType = Extract<EventType, `${(typeof ACTORLESS_EVENT_PREFIXES)[number]}${string}`>;

/** An event exactly as it goes on the wire. */
export type UpliftEvent<Type extends EventType = EventType> = {
  [Name in Type]: {
    id: string;
    type: Name;
    time: string;
    source: Source;
    context?: EventContext;
    data: EventDataByType[Name];
  } & (Name extends ActorlessEventType ? { actor?: Actor } : { actor: Actor });
}[Type];

/** Per-event overrides of the client's defaults. */
export type TrackOptions = {
  /** A UUID v4 or v7; a fresh UUID v7 when absent. Re-using an id is how a re-sent event is counted once. */
  id?: string;
  /** When it happened; now when absent. */
  time?: Date | string | number;
  /** Merged over the client's default actor. */
  actor?: Actor;
  /** Merged over the client's default source. */
  source?: Partial<Source>;
  /** Merged over the client's default context. */
  context?: EventContext;
};

/** What `track()` takes: a type, its data and optional overrides. */
export type TrackInput<Type extends EventType = EventType> = {
  [Name in Type]: { type: Name; data: EventDataByType[Name] } & TrackOptions;
}[Type];

/** One problem the collector found in an event (`path` such as `data.lines`). */
export type FieldError = { path: string; message: string; value?: unknown };

/** An event the collector refused in a 200 response: never retried, handed back to the caller. */
export type Rejection = { event: UpliftEvent; id?: string; errors: FieldError[] };
