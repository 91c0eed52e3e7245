import { z } from 'zod';

// Building blocks shared by the envelope and every event's `data`. Every string is trimmed before it is
// checked; messages are written for the people who read rejected-event reports.

type IssueWithInput = { readonly input?: unknown };

/**
 * A zod `error` option that gives `message` for a present but invalid value and leaves a missing value
 * to the shared "required" message of the parse-level error map.
 */
export function unlessMissing(message: string) {
  return (issue: IssueWithInput) => (issue.input === undefined ? undefined : message);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const trim = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

// Emitters often send "" for "unknown"; an optional blank string is treated as absent rather than rejected.
const trimBlankToUndefined = (value: unknown) => {
  const trimmed = trim(value);
  return trimmed === '' ? undefined : trimmed;
};

export const requiredString = z.preprocess(trim, z.string().min(1, 'must not be empty'));

export const optionalString = z.preprocess(trimBlankToUndefined, z.string().optional()).optional();

// Emails are compared case-insensitively, so they are stored lower-cased.
export const optionalEmail = z
  .preprocess(trimBlankToUndefined, z.string().toLowerCase().optional())
  .optional();

export const stringList = z.array(requiredString, { error: unlessMissing('expected an array of strings') });

export function oneOf<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.preprocess(trim, z.enum(values));
}

// The default sits inside the preprocess: JSON Schema (input side) drops defaults of transforming schemas.
export function oneOfWithDefault<const Values extends readonly [string, ...string[]]>(
  values: Values,
  defaultValue: Values[number],
) {
  return z.preprocess(trim, z.enum(values).default(defaultValue));
}

const NON_NEGATIVE_INTEGER = 'expected a non-negative integer';
export const nonNegativeInt = z
  .int({ error: unlessMissing(NON_NEGATIVE_INTEGER) })
  .min(0, { error: NON_NEGATIVE_INTEGER });

const POSITIVE_INTEGER = 'expected a positive integer';
export const positiveInt = z.int({ error: unlessMissing(POSITIVE_INTEGER) }).min(1, { error: POSITIVE_INTEGER });

const NON_NEGATIVE_NUMBER = 'expected a non-negative number';
export const nonNegativeNumber = z
  .number({ error: unlessMissing(NON_NEGATIVE_NUMBER) })
  .min(0, { error: NON_NEGATIVE_NUMBER });

const TIMESTAMP = 'must be an RFC 3339 timestamp with a time zone';
/** RFC 3339 with `Z` or `±hh:mm`; normalised to UTC with milliseconds so the output stays a JSON string. */
export const timestamp = z.preprocess(
  trim,
  z.iso
    .datetime({ offset: true, error: unlessMissing(TIMESTAMP) })
    .transform((value) => new Date(value).toISOString()),
);

// Explicit upper-case ranges rather than the `i` flag: JSON Schema patterns carry no flags.
const UUID_V4_OR_V7 = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[47][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
/** The event id is the idempotency key, so it is lower-cased: the same UUID in any case is one event. */
export const uuidV4OrV7 = z.preprocess(
  trim,
  z.stringFormat('uuid', UUID_V4_OR_V7, { error: unlessMissing('must be a UUID (version 4 or 7)') }).toLowerCase(),
);

const SHA = 'must be a hex commit SHA of 7 to 64 characters';
/** Abbreviated or full SHA-1/SHA-256, lower-cased so commits join across events. */
export const commitSha = z.preprocess(
  trim,
  z
    .string({ error: unlessMissing(SHA) })
    .regex(/^[0-9a-fA-F]{7,64}$/, { error: SHA })
    .toLowerCase(),
);

export const commitShaList = z.array(commitSha, { error: unlessMissing('expected an array of commit SHAs') });
