import type { z } from 'zod';

/** One problem of a rejected event: where (`data.lines`), what, and the offending value as received. */
export type FieldError = { path: string; message: string; value?: unknown };

type ErrorMap = z.core.$ZodErrorMap;
type Issue = z.core.$ZodIssue;

const EXPECTED_TYPE: Record<string, string> = {
  string: 'expected a string',
  number: 'expected a number',
  int: 'expected an integer',
  boolean: 'expected true or false',
  object: 'expected an object',
  array: 'expected an array',
};

/**
 * Parse-level error map: turns zod's issue codes into the short sentences of the ingest contract.
 * Field-specific messages set on a schema take precedence over these.
 */
export const humanMessage: ErrorMap = (issue) => {
  // An absent field fails as invalid_type, or as invalid_value for enums and literals.
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return EXPECTED_TYPE[issue.expected] ?? `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'too_small':
      return issue.origin === 'array' ? `expected at least ${issue.minimum} items` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `expected at most ${issue.maximum} items` : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return 'is invalid';
  }
};

const MAX_STRING_LENGTH = 200;
const MAX_STRUCTURE_JSON_LENGTH = 200;

/** The offending value, kept small enough to echo back in a response. */
export function describeValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING_LENGTH ? `${value.slice(0, MAX_STRING_LENGTH)}…` : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    return jsonLength(value) <= MAX_STRUCTURE_JSON_LENGTH ? value : `array of ${value.length} items`;
  }
  if (typeof value === 'object') {
    return jsonLength(value) <= MAX_STRUCTURE_JSON_LENGTH ? value : `object with ${Object.keys(value).length} fields`;
  }
  // Not a JSON value (bigint, function, …): name its kind rather than echo something unserialisable.
  return typeof value;
}

function jsonLength(value: object): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Number.POSITIVE_INFINITY; // cyclic: too large to echo
  }
}

type Lookup = { found: true; value: unknown } | { found: false };

function lookup(input: unknown, path: readonly PropertyKey[]): Lookup {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return { found: false };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function fieldError(path: readonly PropertyKey[], message: string, input: unknown): FieldError {
  const error: FieldError = { path: path.map(String).join('.'), message };
  // The value as received (before trimming), looked up in the raw input; omitted when the field is missing.
  const received = lookup(input, path);
  if (received.found && received.value !== undefined) error.value = describeValue(received.value);
  return error;
}

/** One FieldError per problem; an unknown-keys issue becomes one error per key, at that key's path. */
export function toFieldErrors(issues: readonly Issue[], input: unknown): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => fieldError([...issue.path, key], issue.message, input))
      : [fieldError(issue.path, issue.message, input)],
  );
}
