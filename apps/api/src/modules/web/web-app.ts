import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { statSync } from 'node:fs';
import path from 'node:path';

/** `apps/web/dist`, written by `npm run build:web`. */
export const WEB_DIST_DIR = path.resolve(__dirname, '../../../../web/dist');

/** Paths the web app never answers: the API and the collector keep their own 404s. */
const NOT_WEB = /^\/(?:api|v1)(?:\/|$)/;

/**
 * The built app only talks to its own origin. `style-src 'unsafe-inline'` is needed by ECharts, which
 * positions its tooltips with inline styles.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Uplift</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Uplift is running</h1>
<p>The web app has not been built yet. Run <code>npm run build:web</code> and reload this page.</p>
<p>The API answers under <code>/api/v1</code> and the collector under <code>/v1/events</code>.</p>
</body></html>
`;

const registered = new WeakSet<FastifyInstance>();

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built web app at `/`: files from `distDir`, and `index.html` for any other GET that is not under
 * `/api` or `/v1` (the app keeps its state in the query string, so any path opens it). Hashed files under
 * `assets/` are cached for a year, `index.html` is revalidated on every load. When `distDir` has no
 * `index.html`, pages answer a short note on how to build it. The routes are public: the files carry no data,
 * and every figure is fetched from `/api` with the session.
 *
 * Must run before the server listens; calling it twice on one instance does nothing the second time.
 */
export function registerWebApp(fastify: FastifyInstance, distDir: string = WEB_DIST_DIR): void {
  if (registered.has(fastify)) return;
  registered.add(fastify);
  const root = path.resolve(distDir);

  // Encapsulated: the sendFile decorator stays inside this plugin.
  void fastify.register(async (web) => {
    await web.register(fastifyStatic, { root, serve: false });

    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      let urlPath: string;
      try {
        urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
      } catch {
        return reply.code(400).send({ statusCode: 400, code: 'INVALID_REQUEST', message: 'malformed URL' });
      }
      if (NOT_WEB.test(urlPath)) return reply.callNotFound();
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);

      if (!isFile(path.join(root, 'index.html'))) {
        return reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
      }
      const relative = urlPath.replace(/^\/+/, '');
      if (relative !== '') {
        const file = path.resolve(root, relative);
        if (file.startsWith(root + path.sep) && isFile(file)) {
          const hashed = relative.startsWith('assets/');
          reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
          return reply.sendFile(path.relative(root, file), { cacheControl: false });
        }
        // A missing script or stylesheet is a 404, not the app's HTML under the wrong content type.
        if (path.extname(relative) !== '') return reply.callNotFound();
      }
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    };

    web.get('/', handler);
    web.get('/*', handler);
  });
}
