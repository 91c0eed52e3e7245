import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { MAX_BODY_BYTES } from '@uplift/events';
import { ApiError } from './api-error';

type Reply = { status: (code: number) => Reply; header: (name: string, value: string) => Reply; send: (body: unknown) => void };

/** One error shape for every route; unexpected errors are logged with their stack and answered as a plain 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<Reply>();
    if (exception instanceof ApiError) {
      for (const [name, value] of Object.entries(exception.headers)) reply.header(name, value);
      if (exception.getStatus() >= 500) this.logger.error(exception.message, (exception.cause as Error | undefined)?.stack);
      reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    if (exception instanceof HttpException) {
      const transportMessage = TRANSPORT_MESSAGES[exception.getStatus()];
      if (transportMessage && typeof exception.getResponse() === 'string') {
        // Raised by Fastify before any route ran (body limit, content type).
        const status = exception.getStatus();
        reply.status(status).send({ statusCode: status, code: codeFor(status), message: transportMessage });
        return;
      }
      const response = exception.getResponse();
      const body =
        typeof response === 'string'
          ? { statusCode: exception.getStatus(), code: codeFor(exception.getStatus()), message: response }
          : { code: codeFor(exception.getStatus()), ...(response as Record<string, unknown>) };
      reply.status(exception.getStatus()).send(body);
      return;
    }
    this.logger.error((exception as Error)?.stack ?? String(exception));
    reply.status(500).send({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
  }
}

const TRANSPORT_MESSAGES: Record<number, string> = {
  413: `the body is larger than ${MAX_BODY_BYTES} bytes`,
  415: 'unsupported Content-Type; send application/json',
};

function codeFor(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status >= 500) return 'INTERNAL';
  return 'INVALID_REQUEST';
}
