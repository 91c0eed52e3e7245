import { z } from 'zod';
import { isPlainObject, optionalEmail, optionalString, requiredString, timestamp, uuidV4OrV7 } from './fields';

// actor, source and context become columns, so unknown keys in them are rejected rather than silently lost.

const ACTOR_IDENTITY_KEYS = ['email', 'login', 'externalId'] as const;

export const actorSchema = z
  .strictObject({ email: optionalEmail, login: optionalString, externalId: optionalString })
  .refine((actor) => ACTOR_IDENTITY_KEYS.some((key) => actor[key] !== undefined), {
    message: `actor needs at least one of ${ACTOR_IDENTITY_KEYS.join(', ')}`,
    // Also runs when another actor field is wrong, so every problem is reported at once. A present but
    // mistyped identity counts as given: its own error says what is wrong with it.
    when: (payload) => isPlainObject(payload.value),
  });

export const sourceSchema = z.strictObject({
  tool: requiredString,
  toolVersion: optionalString,
  ide: optionalString,
  ideVersion: optionalString,
});

export const contextSchema = z.strictObject({
  repo: optionalString,
  language: optionalString,
  branch: optionalString,
  model: optionalString,
  team: optionalString,
});

export type Actor = z.output<typeof actorSchema>;
export type Source = z.output<typeof sourceSchema>;
export type EventContext = z.output<typeof contextSchema>;

/** Top-level fields of every event, in the order errors are reported. */
export const ENVELOPE_FIELDS = ['id', 'type', 'time', 'actor', 'source', 'context', 'data'] as const;

/** An event whose `actor` is required: everything a developer does. */
export function defineEvent<const Type extends string, Data extends z.ZodType>(type: Type, data: Data) {
  return z.strictObject({
    id: uuidV4OrV7,
    type: z.literal(type),
    time: timestamp,
    actor: actorSchema,
    source: sourceSchema,
    context: contextSchema.optional(),
    data,
  });
}

/** An event that may have no developer behind it (`build.*`, `deployment.*`, `incident.*`). */
export function defineEventWithOptionalActor<const Type extends string, Data extends z.ZodType>(
  type: Type,
  data: Data,
) {
  return z.strictObject({
    id: uuidV4OrV7,
    type: z.literal(type),
    time: timestamp,
    actor: actorSchema.optional(),
    source: sourceSchema,
    context: contextSchema.optional(),
    data,
  });
}
