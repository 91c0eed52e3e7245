import { gzipSync } from 'node:zlib';

export type JsonResponse<Body = unknown> = { status: number; headers: Headers; body: Body };

async function toJsonResponse<Body>(response: Response): Promise<JsonResponse<Body>> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Body };
}

export async function postEvents<Body = IngestResponse>(
  baseUrl: string,
  ingestKey: string | undefined,
  body: unknown,
  options: { gzip?: boolean; contentType?: string; rawBody?: string | Buffer } = {},
): Promise<JsonResponse<Body>> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  if (ingestKey) headers['authorization'] = `Bearer ${ingestKey}`;
  let payload: string | Buffer = options.rawBody ?? JSON.stringify(body);
  if (options.gzip) {
    payload = gzipSync(payload);
    headers['content-encoding'] = 'gzip';
  }
  const response = await fetch(`${baseUrl}/v1/events`, { method: 'POST', headers, body: payload });
  return toJsonResponse<Body>(response);
}

export async function getJson<Body = unknown>(baseUrl: string, pathAndQuery: string, token?: string): Promise<JsonResponse<Body>> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}${pathAndQuery}`, { headers });
  return toJsonResponse<Body>(response);
}

export type IngestResponse = {
  accepted: number;
  rejected: { index: number; id?: string; errors: { path: string; message: string; value?: unknown }[] }[];
};

export type MetricBody = {
  metric: string;
  unit: string;
  from: string;
  to: string;
  granularity: string;
  series: { group: Record<string, string>; points: { period: string; value: number | null; numerator?: number; denominator?: number }[] }[];
};
