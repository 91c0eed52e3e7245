import { randomUUID } from 'node:crypto';
import http from 'node:http';

export type LoadResult = {
  seconds: number;
  requests: number;
  acceptedEvents: number;
  failedRequests: number;
  latenciesMs: number[];
};

/** Event templates of a realistic mix; each request gets fresh ids and times. */
const TEMPLATES: ((id: string, time: string, developer: number) => string)[] = [
  (id, time, developer) =>
    `{"id":"${id}","type":"completion.shown","time":"${time}","actor":{"email":"dev${developer}@example.com"},"source":{"tool":"copilot","ide":"vscode","toolVersion":"1.250.0"},"context":{"team":"team-${developer % 20}","language":"typescript","repo":"acme/shop"},"data":{"suggestionId":"${id}","lines":3,"chars":96,"latencyMs":120,"trigger":"auto"}}`,
  (id, time, developer) =>
    `{"id":"${id}","type":"completion.accepted","time":"${time}","actor":{"email":"dev${developer}@example.com"},"source":{"tool":"copilot","ide":"vscode"},"context":{"team":"team-${developer % 20}","language":"typescript"},"data":{"suggestionId":"${id}","lines":2,"chars":64}}`,
  (id, time, developer) =>
    `{"id":"${id}","type":"chat.turn","time":"${time}","actor":{"email":"dev${developer}@example.com"},"source":{"tool":"lingma","ide":"jetbrains"},"context":{"model":"qwen-coder"},"data":{"conversationId":"c-${developer}","mode":"agent","inputTokens":1200,"outputTokens":800}}`,
  (id, time, developer) =>
    `{"id":"${id}","type":"commit","time":"${time}","actor":{"email":"dev${developer}@example.com","login":"dev${developer}"},"source":{"tool":"git"},"data":{"sha":"${id.replace(/-/g, '').slice(0, 40)}","repo":"acme/shop","linesAdded":40,"linesDeleted":8,"aiLinesAdded":12}}`,
];

/** Commit events only, each a distinct commit, so the `commits` metric counts exactly what was acked. */
export function commitsBody(eventsPerRequest: number, requestNumber: number): string {
  const time = new Date().toISOString();
  const parts: string[] = [];
  for (let index = 0; index < eventsPerRequest; index += 1) {
    parts.push(TEMPLATES[3]!(randomUUID(), time, (requestNumber * 7 + index) % 300));
  }
  return `{"events":[${parts.join(',')}]}`;
}

export function eventsBody(eventsPerRequest: number, requestNumber: number): string {
  const time = new Date().toISOString();
  const parts: string[] = [];
  for (let index = 0; index < eventsPerRequest; index += 1) {
    const template = TEMPLATES[index % TEMPLATES.length]!;
    parts.push(template(randomUUID(), time, (requestNumber * 7 + index) % 300));
  }
  return `{"events":[${parts.join(',')}]}`;
}

/** `connections` keep-alive clients post batches for `seconds`; latency is measured per request. */
export async function runLoad(args: {
  port: number;
  ingestKey: string;
  seconds: number;
  connections: number;
  eventsPerRequest: number;
  /** the request bodies (default: the realistic mix of eventsBody) */
  body?: (eventsPerRequest: number, requestNumber: number) => string;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: args.connections });
  const latenciesMs: number[] = [];
  let requests = 0;
  let acceptedEvents = 0;
  let failedRequests = 0;
  let requestNumber = 0;
  const started = performance.now();
  const deadline = started + args.seconds * 1000;

  const post = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: args.port,
          path: '/v1/events',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${args.ingestKey}`,
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });

  const worker = async () => {
    while (performance.now() < deadline) {
      const body = (args.body ?? eventsBody)(args.eventsPerRequest, (requestNumber += 1));
      const sent = performance.now();
      try {
        const response = await post(body);
        latenciesMs.push(performance.now() - sent);
        requests += 1;
        if (response.status === 200) acceptedEvents += (JSON.parse(response.text) as { accepted: number }).accepted;
        else failedRequests += 1;
      } catch {
        failedRequests += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: args.connections }, worker));
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, requests, acceptedEvents, failedRequests, latenciesMs };
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
