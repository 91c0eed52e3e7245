import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export type ReceivedRequest = {
  at: number;
  headers: IncomingMessage['headers'];
  /** Bytes on the wire (compressed when content-encoding is gzip). */
  wireBytes: number;
  events: Record<string, unknown>[];
};

export type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

export type LoopbackServer = {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  close: () => Promise<void>;
};

/**
 * A real HTTP server on 127.0.0.1 standing in for the collector where a test needs answers the real one
 * never gives on demand (429, 503, 413). `reply` decides each answer from the request so far.
 */
export async function startLoopbackServer(reply: (request: ReceivedRequest, index: number) => Reply): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (incoming.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      const parsed = JSON.parse(text) as { events: Record<string, unknown>[] };
      const request: ReceivedRequest = { at: Date.now(), headers: incoming.headers, wireBytes: raw.byteLength, events: parsed.events };
      requests.push(request);
      const answer = reply(request, requests.length - 1);
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The collector's 200 for a request whose events were all valid. */
export function acceptAll(request: ReceivedRequest): Reply {
  return { status: 200, body: { accepted: request.events.length, rejected: [] } };
}
