import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_BODY_BYTES } from '@uplift/events';
import { RawJsonBody } from '../modules/collector/events-body';

/**
 * Routes that decode their own body: the collector (after authentication, with gzip support) and webhooks
 * (their signature is over the exact bytes).
 */
const RAW_BODY_ROUTES = new Set(['/v1/events', '/v1/webhooks/:provider/:id']);

/**
 * JSON bodies are read as bytes with the 5 MB limit applied to what arrives on the wire (before any
 * decompression). The collector gets the bytes; other routes get parsed JSON.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
    (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
      if (RAW_BODY_ROUTES.has(request.routeOptions.url ?? '')) {
        done(null, new RawJsonBody(body));
        return;
      }
      if (body.length === 0) {
        done(null, undefined);
        return;
      }
      try {
        done(null, JSON.parse(body.toString('utf8')));
      } catch (error) {
        // Nest answers a SyntaxError with status 400 as a Bad Request.
        const parseError = error as SyntaxError & { status?: number };
        parseError.status = 400;
        done(parseError);
      }
    },
  );
}

/** Directory imports arrive as CSV text (up to 20 MB). */
export function registerCsvBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_request, body, done) => {
    done(null, body);
  });
}
