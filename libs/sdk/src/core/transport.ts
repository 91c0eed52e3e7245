import type { FieldError } from './event-types';

/** The part of `fetch` the SDK uses, so Node, browsers and tests can all provide one. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: Uint8Array; signal?: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/** gzip of a request body: Node's zlib in the Node client, `CompressionStream` in browsers. */
export type Compressor = (body: Uint8Array) => Promise<Uint8Array>;

export type IngestResponseBody = {
  accepted: number;
  rejected: { index: number; id?: string; errors: FieldError[] }[];
};

export type PostOutcome =
  | { kind: 'ok'; body: IngestResponseBody }
  | { kind: 'http'; status: number; retryAfter: string | null; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'aborted' };

export type PostRequest = {
  fetch: FetchLike;
  endpoint: string;
  ingestKey: string;
  body: Uint8Array;
  gzip?: Compressor;
  gzipThresholdBytes: number;
  /** Ends the attempt as `aborted` (the caller's deadline). */
  signal: AbortSignal;
  /** Ends the attempt as a network error (a hung connection). */
  requestTimeoutMs: number;
};

/** One POST /v1/events; never throws. */
export async function postEvents(request: PostRequest): Promise<PostOutcome> {
  if (request.signal.aborted) return { kind: 'aborted' };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${request.ingestKey}`,
  };
  let body = request.body;
  if (request.gzip && body.byteLength > request.gzipThresholdBytes) {
    try {
      body = await request.gzip(body);
      headers['content-encoding'] = 'gzip';
    } catch {
      body = request.body; // compression is an optimisation: send the plain body
    }
  }

  const timeout = new AbortController();
  const onAbort = () => timeout.abort();
  request.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => timeout.abort(), request.requestTimeoutMs);
  try {
    const response = await request.fetch(request.endpoint, { method: 'POST', headers, body, signal: timeout.signal });
    const text = await response.text();
    if (response.status === 200) {
      const parsed = parseIngestBody(text);
      if (parsed) return { kind: 'ok', body: parsed };
      return { kind: 'http', status: 200, retryAfter: null, message: 'unreadable 200 response body' };
    }
    return { kind: 'http', status: response.status, retryAfter: response.headers.get('retry-after'), message: errorMessage(text, response.status) };
  } catch (error: unknown) {
    if (request.signal.aborted) return { kind: 'aborted' };
    return { kind: 'network', message: timeout.signal.aborted ? `no response within ${request.requestTimeoutMs} ms` : describeError(error) };
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onAbort);
  }
}

function parseIngestBody(text: string): IngestResponseBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { accepted, rejected } = value as { accepted?: unknown; rejected?: unknown };
    if (typeof accepted !== 'number' || !Array.isArray(rejected)) return undefined;
    return { accepted, rejected: rejected as IngestResponseBody['rejected'] };
  } catch {
    return undefined;
  }
}

function errorMessage(text: string, status: number): string {
  try {
    const value = JSON.parse(text) as { message?: unknown };
    if (typeof value.message === 'string') return `HTTP ${status}: ${value.message}`;
  } catch {
    // not JSON: fall through to the raw text
  }
  return `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : '';
    return `${error.message}${causeText}`;
  }
  return String(error);
}
