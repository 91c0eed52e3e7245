import type { JsonResponse } from './http';

/** A small authenticated JSON client for the API routes of one token. */
export function apiClient(baseUrl: string, token: string) {
  const call = async <Body = unknown>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<JsonResponse<Body>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = contentType;
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, headers: response.headers, body: (text && isJson ? JSON.parse(text) : text) as Body };
  };
  return {
    get: <Body = unknown>(path: string) => call<Body>('GET', path),
    post: <Body = unknown>(path: string, body?: unknown) => call<Body>('POST', path, body ?? {}),
    postCsv: <Body = unknown>(path: string, csv: string) => call<Body>('POST', path, csv, 'text/csv'),
    patch: <Body = unknown>(path: string, body: unknown) => call<Body>('PATCH', path, body),
    put: <Body = unknown>(path: string, body: unknown) => call<Body>('PUT', path, body),
    delete: <Body = unknown>(path: string) => call<Body>('DELETE', path),
  };
}
