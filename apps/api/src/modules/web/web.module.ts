import { Module } from '@nestjs/common';
import { WebAppRegistrar } from './web-app.registrar';

/**
 * Serves the built React app (`apps/web/dist`) at `/` with an SPA fallback, on the API's port. Importing the
 * module is all it takes; `registerWebApp(fastify, distDir)` is the same thing for a bare Fastify instance.
 */
@Module({ providers: [WebAppRegistrar] })
export class WebModule {}

export { WEB_DIST_DIR, registerWebApp } from './web-app';
