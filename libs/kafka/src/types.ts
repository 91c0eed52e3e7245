// The small surface the rest of Uplift sees. The client library behind it (kafkajs today) stays
// inside src/kafkajs/, so none of its types appear here.
import type { KafkaError } from './errors';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export type KafkaClientConfig = {
  /** `host:port` of one or more brokers */
  brokers: string[];
  clientId: string;
  /** TCP connect timeout per attempt (default 3000) */
  connectionTimeoutMs?: number;
  /** how long one request may wait for its response; also the broker's ack timeout (default 30000) */
  requestTimeoutMs?: number;
  /** retries of a failed request or connection before giving up (default 5) */
  retries?: number;
  /** the client library's own log lines on the console (default 'warn') */
  logLevel?: KafkaLogLevel;
};

export type ProducerMessage = {
  key: string;
  /** the partition to append to; default: the key's (murmur2, as the Java client) */
  partition?: number;
  value: string | Buffer;
  headers?: Record<string, string>;
};

/** Appends messages to one topic. `send` resolves only once the broker acknowledged them (acks=all). */
export type EventLogProducer = {
  send(messages: ProducerMessage[]): Promise<void>;
  /** how many partitions the topic has (cached for a minute); rejects when the broker cannot be asked */
  partitionCount(): Promise<number>;
  /** sends what is buffered, then disconnects; later sends reject */
  close(): Promise<void>;
};

export type KafkaProducerConfig = KafkaClientConfig & {
  topic: string;
  /** how long a send waits for others to share its request (default 5) */
  lingerMs?: number;
  /** a request carries at most this many messages, unless a single send() has more (default 1000) */
  maxBatchMessages?: number;
  /** and about this many bytes of keys, values and headers (default 512 KiB) */
  maxBatchBytes?: number;
  /** a send() rejects after this long whatever the client is still retrying (default 30000) */
  sendTimeoutMs?: number;
};

export type ConsumedMessage = {
  /** int64 as a decimal string */
  offset: string;
  key: string | null;
  /** null for a tombstone */
  value: Buffer | null;
  headers: Record<string, string>;
  /** ms since the epoch, as the producer or broker set it */
  timestamp: number;
};

export type ConsumedBatch = {
  topic: string;
  partition: number;
  /** the partition's next offset when fetched: lag = highWatermark - last offset - 1 */
  highWatermark: string;
  messages: ConsumedMessage[];
};

/** Resolves once the sink durably accepted the batch; throwing stops the consumer with nothing of it committed. */
export type BatchHandler = (batch: ConsumedBatch) => Promise<void>;

export type BatchConsumer = {
  /** Consumes until stop() (resolves) or a crash (rejects with a KafkaError carrying the cause). */
  run(handler: BatchHandler): Promise<void>;
  /** Lets the in-flight chunk finish and commit, leaves the group, disconnects. */
  stop(): Promise<void>;
};

export type KafkaBatchConsumerConfig = KafkaClientConfig & {
  groupId: string;
  topics: string[];
  /** where a group with no committed offset starts (default true: the earliest message, so nothing is skipped) */
  fromBeginning?: boolean;
  /** the handler gets at most this many messages at a time; offsets are committed after each (default 500) */
  maxChunkMessages?: number;
  /**
   * how many partitions' batches are handled at once (default 1); each partition's chunks still go one
   * after another and are committed in order, so only chunks of different partitions overlap
   */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** fetch size per partition (default 1 MiB) */
  maxBytesPerPartition?: number;
  /** how long a fetch waits on the broker for new data; stop() waits for that fetch too (default 1000) */
  maxWaitTimeMs?: number;
  /** called once with the error that stopped the consumer (as well as run() rejecting) */
  onCrash?: (error: KafkaError) => void;
};

export type TopicSpec = {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  /** topic-level configs, e.g. { 'retention.ms': '604800000' } */
  configs?: Record<string, string>;
};

export type PartitionOffset = { partition: number; offset: string };

export type KafkaAdmin = {
  describeCluster(): Promise<{ clusterId: string; brokers: string[] }>;
  listTopics(): Promise<string[]>;
  createTopics(topics: TopicSpec[]): Promise<void>;
  deleteTopics(topics: string[]): Promise<void>;
  /** the group's next offset per partition; '-1' where it committed nothing */
  committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]>;
  /** the next offset to be written per partition (the high watermark) */
  endOffsets(topic: string): Promise<PartitionOffset[]>;
  close(): Promise<void>;
};
