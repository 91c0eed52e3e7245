import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerWebApp } from './web-app';

describe('registerWebApp', () => {
  let root: string | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
    app = undefined;
  });

  async function serve(files: Record<string, string> | null): Promise<FastifyInstance> {
    root = mkdtempSync(path.join(tmpdir(), 'uplift-web-'));
    const dist = path.join(root, 'dist');
    if (files) {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dist, name)), { recursive: true });
        writeFileSync(path.join(dist, name), text);
      }
    }
    writeFileSync(path.join(root, 'secret.txt'), 'outside dist');
    app = Fastify();
    app.get('/api/v1/known', async () => ({ ok: true }));
    registerWebApp(app, dist);
    registerWebApp(app, dist); // a second call is a no-op, not a duplicate route
    await app.ready();
    return app;
  }

  const built = { 'index.html': '<!doctype html><div id="root"></div>', 'assets/index-abc123.js': 'console.log(1)', 'favicon.svg': '<svg/>' };

  it('serves index.html at / and for app paths, revalidated on every load', async () => {
    const server = await serve(built);
    for (const url of ['/', '/team/payments', '/?dashboard=team&team=payments']) {
      const response = await server.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves built files; hashed assets are immutable', async () => {
    const server = await serve(built);
    const script = await server.inject({ url: '/assets/index-abc123.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toBe('console.log(1)');
    expect((await server.inject({ url: '/favicon.svg' })).headers['cache-control']).toBe('no-cache');
    expect((await server.inject({ method: 'HEAD', url: '/' })).statusCode).toBe(200);
  });

  it('leaves /api and /v1 to their own 404s, and never serves the HTML for a missing file', async () => {
    const server = await serve(built);
    expect((await server.inject({ url: '/api/v1/known' })).json()).toEqual({ ok: true });
    for (const url of ['/api/v1/unknown', '/api', '/v1/nothing', '/assets/missing-123.js']) {
      expect((await server.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('never reads outside the dist folder', async () => {
    const server = await serve(built);
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await server.inject({ url });
      expect(response.body, url).not.toContain('outside dist');
    }
  });

  it('explains how to build the app when dist is missing', async () => {
    const server = await serve(null);
    const response = await server.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('npm run build:web');
    expect((await server.inject({ url: '/api/v1/unknown' })).statusCode).toBe(404);
  });
});
