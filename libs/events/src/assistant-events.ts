import { z } from 'zod';
import { defineEvent } from './envelope';
import { nonNegativeInt, nonNegativeNumber, oneOf, oneOfWithDefault, optionalString, requiredString } from './fields';

// Assistant usage reported by IDE plugins and CLIs. `data` objects are loose: unknown fields are kept.

/** The plugin was installed and signed in by this developer. */
export const assistantActivatedData = z.looseObject({});

export const completionShownData = z.looseObject({
  suggestionId: requiredString,
  lines: nonNegativeInt,
  chars: nonNegativeInt,
  latencyMs: nonNegativeInt.optional(),
  trigger: oneOf(['auto', 'manual']).optional(),
  kind: oneOfWithDefault(['inline', 'next_edit'], 'inline'),
});

/** What was accepted, which may be part of the suggestion. */
export const completionAcceptedData = z.looseObject({
  suggestionId: requiredString,
  lines: nonNegativeInt,
  chars: nonNegativeInt,
});

export const completionRejectedData = z.looseObject({
  suggestionId: requiredString,
});

export const chatTurnData = z.looseObject({
  conversationId: optionalString,
  mode: oneOf(['ask', 'edit', 'agent']),
  /** Free text such as `explain` or `generate_tests`. */
  intent: optionalString,
  inputTokens: nonNegativeInt.optional(),
  outputTokens: nonNegativeInt.optional(),
});

export const chatFeedbackData = z.looseObject({
  conversationId: optionalString,
  rating: oneOf(['like', 'dislike']),
});

/** Code from a chat answer inserted into a file. */
export const chatAppliedData = z.looseObject({
  lines: nonNegativeInt,
  chars: nonNegativeInt,
});

export const agentSessionData = z.looseObject({
  sessionId: requiredString,
  status: oneOf(['completed', 'failed', 'cancelled']),
  durationMs: nonNegativeInt.optional(),
  filesChanged: nonNegativeInt.optional(),
  linesAdded: nonNegativeInt.optional(),
  linesRemoved: nonNegativeInt.optional(),
});

export const agentEditData = z.looseObject({
  sessionId: optionalString,
  decision: oneOf(['accepted', 'rejected']),
  lines: nonNegativeInt.optional(),
});

export const usageCostData = z.looseObject({
  model: requiredString,
  inputTokens: nonNegativeInt.optional(),
  outputTokens: nonNegativeInt.optional(),
  costUsd: nonNegativeNumber.optional(),
});

export const assistantActivatedEvent = defineEvent('assistant.activated', assistantActivatedData);
export const completionShownEvent = defineEvent('completion.shown', completionShownData);
export const completionAcceptedEvent = defineEvent('completion.accepted', completionAcceptedData);
export const completionRejectedEvent = defineEvent('completion.rejected', completionRejectedData);
export const chatTurnEvent = defineEvent('chat.turn', chatTurnData);
export const chatFeedbackEvent = defineEvent('chat.feedback', chatFeedbackData);
export const chatAppliedEvent = defineEvent('chat.applied', chatAppliedData);
export const agentSessionEvent = defineEvent('agent.session', agentSessionData);
export const agentEditEvent = defineEvent('agent.edit', agentEditData);
export const usageCostEvent = defineEvent('usage.cost', usageCostData);

export type AssistantActivatedData = z.output<typeof assistantActivatedData>;
export type CompletionShownData = z.output<typeof completionShownData>;
export type CompletionAcceptedData = z.output<typeof completionAcceptedData>;
export type CompletionRejectedData = z.output<typeof completionRejectedData>;
export type ChatTurnData = z.output<typeof chatTurnData>;
export type ChatFeedbackData = z.output<typeof chatFeedbackData>;
export type ChatAppliedData = z.output<typeof chatAppliedData>;
export type AgentSessionData = z.output<typeof agentSessionData>;
export type AgentEditData = z.output<typeof agentEditData>;
export type UsageCostData = z.output<typeof usageCostData>;
