import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { WEB_DIST_DIR, registerWebApp } from './web-app';

/** Adds the web app's routes to the Fastify instance while Nest initialises, before the server listens. */
@Injectable()
export class WebAppRegistrar implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // No HTTP adapter in an application context without a server (CLI): nothing to serve.
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    registerWebApp(adapter.getInstance<FastifyInstance>(), this.config.webDistDir ?? WEB_DIST_DIR);
  }
}
