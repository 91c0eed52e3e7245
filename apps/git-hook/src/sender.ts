import { createNodeClient, type Rejection, type Source, type UpliftClient } from '@uplift/sdk/node';
import type { UpliftConfig } from './config';
import type { Log } from './log';

export type Destination = Pick<UpliftConfig, 'spoolDirectory'> & { url: string; ingestKey: string };

/** The SDK's Node client (disk spool included), with its reports going to the debug log. */
export function openClient(destination: Destination, source: Source, log: Log, onRejected?: (rejections: Rejection[]) => void): UpliftClient {
  return createNodeClient({
    url: destination.url,
    ingestKey: destination.ingestKey,
    source,
    flushIntervalMs: 60_000,
    retry: { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 5000 },
    requestTimeoutMs: 10_000,
    ...(destination.spoolDirectory ? { spool: { directory: destination.spoolDirectory } } : {}),
    onRejected: (rejections) => {
      for (const rejection of rejections) {
        log.debug(`rejected ${rejection.event.type} ${rejection.id ?? ''}: ${rejection.errors.map((error) => `${error.path} ${error.message}`).join('; ')}`);
      }
      onRejected?.(rejections);
    },
    onError: (error) => log.debug(`error ${error.code}: ${error.message}`),
    onWarning: (warning) => log.debug(`warning ${warning.code}: ${warning.message}`),
  });
}
