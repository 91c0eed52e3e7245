import { z } from 'zod';
import { actorSchema, contextSchema, sourceSchema } from './envelope';
import { EVENT_SCHEMAS, EVENT_TYPES, type EventSchema, type EventType } from './events';
import { MAX_EVENTS_PER_BATCH } from './limits';

const SCHEMA_ID = 'urn:uplift:events:v1';

const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  'assistant.activated': 'The assistant plugin was installed and signed in by this developer.',
  'completion.shown': 'An inline completion was shown.',
  'completion.accepted': 'A completion was accepted, possibly in part; lines and chars are what was accepted.',
  'completion.rejected': 'A completion was dismissed.',
  'chat.turn': 'One question and answer in an assistant chat.',
  'chat.feedback': 'The developer rated a chat answer.',
  'chat.applied': 'Code from a chat answer was inserted into a file.',
  'agent.session': 'An agent session ended.',
  'agent.edit': 'The developer accepted or rejected an edit proposed by an agent.',
  'usage.cost': 'Tokens and cost spent on a model.',
  commit: 'A git commit; aiLinesAdded must not exceed linesAdded.',
  'pull_request.opened': 'A pull request was opened.',
  'pull_request.merged': 'A pull request was merged; the event time is the merge time.',
  'pull_request.closed': 'A pull request was closed without merge.',
  'build.finished': 'A CI pipeline run finished.',
  'deployment.finished': 'A deployment finished.',
  'work_item.created': 'A tracker item was created; a bug is a defect.',
  'work_item.resolved': 'A tracker item was resolved.',
  'incident.opened': 'A production incident was opened.',
  'incident.resolved': 'A production incident was resolved.',
  'survey.response': 'One answer to a developer survey; satisfaction is scored 1-5, time_saved_hours is per week.',
};

/**
 * JSON Schema (draft 2020-12) of the `POST /v1/events` body, generated from the zod schemas (input side:
 * what an emitter may send). Each event type is a `$defs` entry named after its type. Rules that need the
 * clock or compare fields (time window, actor identity, aiLinesAdded, survey scales) are only in the
 * validator, and are stated in the descriptions.
 */
export function eventsJsonSchema(): Record<string, unknown> {
  const metadata = z.registry<z.core.JSONSchemaMeta>();
  for (const type of EVENT_TYPES) {
    metadata.add(EVENT_SCHEMAS[type], { id: type, description: EVENT_DESCRIPTIONS[type] });
  }
  metadata.add(actorSchema, {
    description: 'The developer: at least one of email, login, externalId. Optional for build.*, deployment.*, incident.*.',
  });
  metadata.add(sourceSchema, { description: 'The emitting tool, e.g. lingma, copilot, cursor, claude-code, git, ci.' });
  metadata.add(contextSchema, { description: 'Where it happened; team overrides the directory team for this event.' });

  const [firstType, ...otherTypes] = EVENT_TYPES;
  const eventSchemas: [EventSchema, ...EventSchema[]] = [
    EVENT_SCHEMAS[firstType],
    ...otherTypes.map((type) => EVENT_SCHEMAS[type]),
  ];
  const requestBody = z.object({
    events: z.array(z.discriminatedUnion('type', eventSchemas)).min(1).max(MAX_EVENTS_PER_BATCH),
  });
  // The `$schema` URI is left out: the project names no external host. The dialect is draft 2020-12.
  const { $schema: _dialectUri, ...generated } = z.toJSONSchema(requestBody, {
    io: 'input',
    target: 'draft-2020-12',
    metadata,
  });
  return {
    $id: SCHEMA_ID,
    title: 'Uplift telemetry events, version 1',
    description:
      'Body of POST /v1/events. Event ids are UUID v4 or v7; time is RFC 3339 with a zone, at most 400 days ' +
      'in the past and 1 hour in the future. Strings are trimmed; unknown top-level fields are rejected, ' +
      'unknown fields inside data are kept. JSON Schema dialect: draft 2020-12.',
    ...generated,
  };
}

/** The committed file's exact text: 2-space JSON with a trailing newline. */
export function eventsJsonSchemaText(): string {
  return `${JSON.stringify(eventsJsonSchema(), null, 2)}\n`;
}
