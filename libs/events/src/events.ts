import type { z } from 'zod';
import {
  agentEditEvent,
  agentSessionEvent,
  assistantActivatedEvent,
  chatAppliedEvent,
  chatFeedbackEvent,
  chatTurnEvent,
  completionAcceptedEvent,
  completionRejectedEvent,
  completionShownEvent,
  usageCostEvent,
} from './assistant-events';
import {
  buildFinishedEvent,
  commitEvent,
  deploymentFinishedEvent,
  incidentOpenedEvent,
  incidentResolvedEvent,
  pullRequestClosedEvent,
  pullRequestMergedEvent,
  pullRequestOpenedEvent,
  surveyResponseEvent,
  workItemCreatedEvent,
  workItemResolvedEvent,
} from './delivery-events';

/** Every event type of the v1 contract, in the contract's order. */
export const EVENT_TYPES = [
  'assistant.activated',
  'completion.shown',
  'completion.accepted',
  'completion.rejected',
  'chat.turn',
  'chat.feedback',
  'chat.applied',
  'agent.session',
  'agent.edit',
  'usage.cost',
  'commit',
  'pull_request.opened',
  'pull_request.merged',
  'pull_request.closed',
  'build.finished',
  'deployment.finished',
  'work_item.created',
  'work_item.resolved',
  'incident.opened',
  'incident.resolved',
  'survey.response',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The schema of each event type; `satisfies` proves each key is the `type` its schema accepts. */
export const EVENT_SCHEMAS = {
  'assistant.activated': assistantActivatedEvent,
  'completion.shown': completionShownEvent,
  'completion.accepted': completionAcceptedEvent,
  'completion.rejected': completionRejectedEvent,
  'chat.turn': chatTurnEvent,
  'chat.feedback': chatFeedbackEvent,
  'chat.applied': chatAppliedEvent,
  'agent.session': agentSessionEvent,
  'agent.edit': agentEditEvent,
  'usage.cost': usageCostEvent,
  commit: commitEvent,
  'pull_request.opened': pullRequestOpenedEvent,
  'pull_request.merged': pullRequestMergedEvent,
  'pull_request.closed': pullRequestClosedEvent,
  'build.finished': buildFinishedEvent,
  'deployment.finished': deploymentFinishedEvent,
  'work_item.created': workItemCreatedEvent,
  'work_item.resolved': workItemResolvedEvent,
  'incident.opened': incidentOpenedEvent,
  'incident.resolved': incidentResolvedEvent,
  'survey.response': surveyResponseEvent,
} as const satisfies { [Type in EventType]: z.ZodType<{ type: Type }> };

export type EventSchema = (typeof EVENT_SCHEMAS)[EventType];

/** A validated event after normalisation (trimmed strings, lower-cased email and SHAs, UTC timestamps). */
export type UpliftEvent = z.output<EventSchema>;

export type EventOfType<Type extends EventType> = Extract<UpliftEvent, { type: Type }>;

/** What an emitter sends, before normalisation and defaults. */
export type UpliftEventInput = z.input<EventSchema>;

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}
