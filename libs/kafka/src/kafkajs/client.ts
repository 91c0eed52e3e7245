import { Kafka, logLevel as KafkaJsLogLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { KafkaClientConfig, KafkaLogLevel } from '../types';

const LOG_LEVELS: Record<KafkaLogLevel, KafkaJsLogLevel> = {
  nothing: KafkaJsLogLevel.NOTHING,
  error: KafkaJsLogLevel.ERROR,
  warn: KafkaJsLogLevel.WARN,
  info: KafkaJsLogLevel.INFO,
  debug: KafkaJsLogLevel.DEBUG,
};

// kafkajs warns on every idempotent producer whose retries are bounded; ours are bounded on purpose
// (a send must fail in bounded time) and duplicates are removed downstream by event id.
const SILENCED = ['Limiting retries for the idempotent producer'];

const consoleLog: logCreator = () => (entry: LogEntry) => {
  const { message, ...extra } = entry.log;
  if (SILENCED.some((prefix) => message.startsWith(prefix))) return;
  const line = JSON.stringify({ level: entry.label, logger: `kafkajs.${entry.namespace}`, message, ...extra });
  if (entry.level <= KafkaJsLogLevel.ERROR) console.error(line);
  else console.log(line);
};

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function createKafkaJsClient(config: KafkaClientConfig): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: config.connectionTimeoutMs ?? 3_000,
    requestTimeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    enforceRequestTimeout: true,
    retry: { retries: config.retries ?? 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    logLevel: LOG_LEVELS[config.logLevel ?? 'warn'],
    logCreator: consoleLog,
  });
}
