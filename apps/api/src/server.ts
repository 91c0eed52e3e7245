import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_BODY_BYTES } from '@uplift/events';
import fastifyCookie from '@fastify/cookie';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { JsonLogger } from './common/json-logger';
import type { AppConfig } from './config/config';
import { registerCsvBodyParser, registerJsonBodyParser } from './http/fastify-body';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
};

/** Builds the standalone server (collector + API) without listening; tests and main() share it. */
export async function createServer(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES, logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    logger: config.logFormat === 'json' ? new JsonLogger(LOG_LEVELS[config.logLevel]) : LOG_LEVELS[config.logLevel],
    abortOnError: false,
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParser(fastify);
  registerCsvBodyParser(fastify);
  await fastify.register(fastifyCookie);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  return app;
}

export async function startServer(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await createServer(config);
  await app.listen({ port: config.port, host: config.host });
  const mode = config.kafkaBrokers ? `distributed (Kafka ${config.kafkaBrokers.join(',')})` : 'standalone';
  const storage = config.clickhouse.kind === 'embedded' ? `embedded chDB in ${config.dataDir}` : 'ClickHouse server';
  new Logger('Uplift').log(`Uplift ${mode}, roles ${config.roles.join(',')}, ${storage}, listening on http://${config.host}:${config.port}`);
  if (config.clickhouse.kind === 'embedded' && config.kafkaBrokers) {
    new Logger('Uplift').log('the embedded chDB belongs to this process, so collector, api and ingest all run here; scale out with CLICKHOUSE_URL');
  }
  return app;
}
