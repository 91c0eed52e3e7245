import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { MAX_EVENTS_PER_BATCH } from '@uplift/events';
import { invalidRequest } from '../../common/api-error';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './collector.exception';

const gunzipAsync = promisify(gunzip);

/** A gzip body may expand to at most this much: bounds the memory a small compressed body can claim. */
export const MAX_DECOMPRESSED_BYTES = 50 * 1024 * 1024;

/** The collector reads its body itself, after authentication, so an unauthenticated request costs no parse. */
export class RawJsonBody {
  constructor(readonly bytes: Buffer) {}
}

/** Decodes `{ "events": [ ... ] }`: 400 when it is not JSON, has no events array, or has too many. */
export async function decodeEventsBody(body: unknown, contentEncoding: string | undefined): Promise<unknown[]> {
  if (!(body instanceof RawJsonBody)) {
    throw new UnsupportedMediaTypeError('send the events as Content-Type: application/json');
  }
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  let bytes = body.bytes;
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new PayloadTooLargeError(MAX_DECOMPRESSED_BYTES, 'the decompressed body');
      }
      throw invalidRequest('the body is not valid gzip (Content-Encoding: gzip)');
    }
  } else if (encoding !== 'identity') {
    throw new UnsupportedMediaTypeError(`Content-Encoding "${encoding}" is not supported; use gzip or none`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw invalidRequest(`the body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidRequest('the body must be a JSON object { "events": [ ... ] }', { path: '' });
  }
  const events = (parsed as Record<string, unknown>)['events'];
  if (!Array.isArray(events)) {
    throw invalidRequest('the body must have an "events" array', { path: 'events' });
  }
  const unknownKeys = Object.keys(parsed).filter((key) => key !== 'events');
  if (unknownKeys.length > 0) {
    throw invalidRequest(`unknown field "${unknownKeys[0]}" in the body; only "events" is allowed`, { path: unknownKeys[0] });
  }
  if (events.length === 0) throw invalidRequest('"events" must hold at least 1 event', { path: 'events' });
  if (events.length > MAX_EVENTS_PER_BATCH) {
    throw invalidRequest(`"events" holds ${events.length} events; at most ${MAX_EVENTS_PER_BATCH} per request`, {
      path: 'events',
    });
  }
  return events;
}
