import { z } from 'zod';
import { actorSchema, contextSchema, ENVELOPE_FIELDS, sourceSchema } from './envelope';
import { EVENT_SCHEMAS, EVENT_TYPES, isEventType, type UpliftEvent } from './events';
import { describeValue, type FieldError, humanMessage, toFieldErrors } from './field-errors';
import { isPlainObject, timestamp, uuidV4OrV7 } from './fields';
import { MAX_CLOCK_SKEW_MS, MAX_EVENT_AGE_DAYS } from './limits';

export type ValidationResult = { ok: true; event: UpliftEvent } | { ok: false; id?: string; errors: FieldError[] };

export type ValidateOptions = {
  /** The server clock, against which `time` must fall in the accepted window. */
  now: Date;
};

// With an unknown or missing `type` there are no `data` rules to apply, but the rest of the envelope is
// still checked so the emitter learns every problem in one round trip.
const envelopeOfUnknownType = z.strictObject({
  id: uuidV4OrV7,
  type: z.enum(EVENT_TYPES),
  time: timestamp,
  actor: actorSchema.optional(),
  source: sourceSchema,
  context: contextSchema.optional(),
  data: z.looseObject({}),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Validates and normalises one event of a batch. Returns every problem found, each with its field path,
 * so one rejected response tells the emitter all it has to fix.
 */
export function validateEvent(input: unknown, options: ValidateOptions): ValidationResult {
  if (!isPlainObject(input)) {
    return { ok: false, errors: [{ path: '', message: 'expected an object', value: describeValue(input) }] };
  }
  const id = typeof input.id === 'string' ? input.id : undefined;
  const timeErrors = timeWindowErrors(input.time, options.now);

  if (!isEventType(input.type)) {
    const result = envelopeOfUnknownType.safeParse(input, { error: humanMessage });
    const errors = result.success ? [] : toFieldErrors(result.error.issues, input);
    return rejected(id, [...errors, ...timeErrors]);
  }

  const result = EVENT_SCHEMAS[input.type].safeParse(input, { error: humanMessage });
  if (!result.success) return rejected(id, [...toFieldErrors(result.error.issues, input), ...timeErrors]);
  if (timeErrors.length > 0) return rejected(id, timeErrors);
  return { ok: true, event: withoutUndefinedFields(result.data) };
}

// Blank optional strings parse to `undefined`; drop those keys so an absent field is absent, not undefined.
function withoutUndefinedFields<Value>(value: Value): Value {
  if (Array.isArray(value)) return value.map(withoutUndefinedFields) as Value;
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value).filter(([, fieldValue]) => fieldValue !== undefined);
  return Object.fromEntries(entries.map(([key, fieldValue]) => [key, withoutUndefinedFields(fieldValue)])) as Value;
}

/** The accepted window depends on the clock, so it is checked here rather than in the static schemas. */
function timeWindowErrors(rawTime: unknown, now: Date): FieldError[] {
  const parsed = timestamp.safeParse(rawTime);
  if (!parsed.success) return []; // the schema reports the malformed or missing time
  const time = Date.parse(parsed.data);
  if (time < now.getTime() - MAX_EVENT_AGE_DAYS * DAY_MS) {
    return [{ path: 'time', message: `more than ${MAX_EVENT_AGE_DAYS} days in the past`, value: describeValue(rawTime) }];
  }
  if (time > now.getTime() + MAX_CLOCK_SKEW_MS) {
    return [{ path: 'time', message: 'more than 1 hour in the future', value: describeValue(rawTime) }];
  }
  return [];
}

function rejected(id: string | undefined, errors: FieldError[]): ValidationResult {
  const sorted = [...errors].sort((left, right) => envelopeRank(left.path) - envelopeRank(right.path));
  return id === undefined ? { ok: false, errors: sorted } : { ok: false, id, errors: sorted };
}

// Errors read in envelope order (id, type, time, …, data); unknown top-level fields come last.
function envelopeRank(path: string): number {
  const topLevelField = path.split('.')[0];
  const rank = (ENVELOPE_FIELDS as readonly string[]).indexOf(topLevelField);
  return rank === -1 ? ENVELOPE_FIELDS.length : rank;
}
