export {
  EVENT_SCHEMAS,
  EVENT_TYPES,
  isEventType,
  type EventOfType,
  type EventSchema,
  type EventType,
  type UpliftEvent,
  type UpliftEventInput,
} from './events';
export type { Actor, EventContext, Source } from './envelope';
export type {
  AgentEditData,
  AgentSessionData,
  AssistantActivatedData,
  ChatAppliedData,
  ChatFeedbackData,
  ChatTurnData,
  CompletionAcceptedData,
  CompletionRejectedData,
  CompletionShownData,
  UsageCostData,
} from './assistant-events';
export type {
  AiAttribution,
  BuildFinishedData,
  CommitData,
  DeploymentFinishedData,
  IncidentOpenedData,
  IncidentResolvedData,
  PullRequestClosedData,
  PullRequestMergedData,
  PullRequestOpenedData,
  SurveyResponseData,
  WorkItemCreatedData,
  WorkItemResolvedData,
} from './delivery-events';
export type { FieldError } from './field-errors';
export { validateEvent, type ValidateOptions, type ValidationResult } from './validate';
export { eventsJsonSchema, eventsJsonSchemaText } from './json-schema';
export { MAX_BODY_BYTES, MAX_CLOCK_SKEW_MS, MAX_EVENT_AGE_DAYS, MAX_EVENTS_PER_BATCH } from './limits';
