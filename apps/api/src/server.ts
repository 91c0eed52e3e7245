import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_BODY_BYTES } from '@uplift/events';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import type { AppConfig } from './config/config';
import { registerJsonBodyParser } from './http/fastify-body';

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
    logger: LOG_LEVELS[config.logLevel],
    abortOnError: false,
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParser(fastify);
  fastify.setErrorHandler(formatTransportError);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  return app;
}

/** Errors raised by Fastify itself (body limits, content types) in the API's error shape. */
function formatTransportError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 500;
  const codes: Record<string, string> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_REQUEST',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_REQUEST',
  };
  const messages: Record<string, string> = {
    FST_ERR_CTP_BODY_TOO_LARGE: `the body is larger than ${MAX_BODY_BYTES} bytes`,
    FST_ERR_CTP_INVALID_MEDIA_TYPE: `unsupported Content-Type "${String(_request.headers['content-type'] ?? '')}"; send application/json`,
  };
  if (status >= 500) new Logger('Http').error(error.stack ?? error.message);
  void reply.status(status).send({
    statusCode: status,
    code: codes[error.code] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_REQUEST'),
    message: messages[error.code] ?? (status >= 500 ? 'internal error' : error.message),
  });
}

export async function startServer(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await createServer(config);
  await app.listen({ port: config.port, host: config.host });
  new Logger('Uplift').log(`standalone Uplift listening on http://${config.host}:${config.port} (data in ${config.dataDir})`);
  return app;
}
