import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { WEB_DIST_DIR, registerWebApp } from './web-app';

/** Adds the web app's routes to the Fastify instance while Nest initialises, before the server listens. */
@Injectable()
export class WebAppRegistrar implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // No HTTP adapter in an application context without a server (CLI): nothing to serve.
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    registerWebApp(adapter.getInstance<FastifyInstance>(), WEB_DIST_DIR);
  }
}
