import type { z } from 'zod';
import { ApiError } from './api-error';

/** Parses a request body with a zod schema; a 400 names every bad field with its value. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let value: unknown = body;
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    return value === undefined ? { path, message: issue.message } : { path, message: issue.message, value };
  });
  const first = errors[0]!;
  throw new ApiError(400, 'INVALID_REQUEST', `${first.path || 'body'}: ${first.message}`, { errors });
}
