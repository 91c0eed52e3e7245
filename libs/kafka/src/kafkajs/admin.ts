import type { Admin } from 'kafkajs';
import { KafkaError } from '../errors';
import type { KafkaAdmin, KafkaClientConfig } from '../types';
import { createKafkaJsClient, DEFAULT_REQUEST_TIMEOUT_MS } from './client';

const byPartition = (left: { partition: number }, right: { partition: number }) => left.partition - right.partition;

/** Topic and offset housekeeping. Connects on first use; errors come back as KafkaError('ADMIN_FAILED'). */
export function createKafkaAdmin(config: KafkaClientConfig): KafkaAdmin {
  const admin: Admin = createKafkaJsClient(config).admin();
  let connected: Promise<void> | null = null;

  // kafkajs's waitForLeaders gives up when the broker does not know the topic yet, which on a KRaft broker
  // (metadata reaches it after CreateTopics returned) happens under load: poll until every partition has a leader
  const waitForLeaders = async (topics: string[]) => {
    const deadline = Date.now() + (config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    for (;;) {
      try {
        const metadata = await admin.fetchTopicMetadata({ topics });
        const led = metadata.topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0));
        if (led) return;
      } catch (error) {
        if (!(error as { retriable?: boolean }).retriable || Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`no leader for every partition of ${topics.join(', ')} yet`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const withAdmin = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
    try {
      connected ??= admin.connect().catch((error: unknown) => {
        connected = null;
        throw error;
      });
      await connected;
      return await action();
    } catch (error) {
      throw new KafkaError('ADMIN_FAILED', `${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };

  return {
    describeCluster: () =>
      withAdmin('describeCluster', async () => {
        const cluster = await admin.describeCluster();
        return { clusterId: cluster.clusterId, brokers: cluster.brokers.map((broker) => `${broker.host}:${broker.port}`) };
      }),

    listTopics: () => withAdmin('listTopics', () => admin.listTopics()),

    createTopics: (topics) =>
      withAdmin('createTopics', async () => {
        await admin.createTopics({
          waitForLeaders: false,
          topics: topics.map((spec) => ({
            topic: spec.topic,
            numPartitions: spec.numPartitions,
            replicationFactor: spec.replicationFactor,
            configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
        await waitForLeaders(topics.map((spec) => spec.topic));
      }),

    deleteTopics: (topics) => withAdmin('deleteTopics', () => admin.deleteTopics({ topics })),

    committedOffsets: (groupId, topic) =>
      withAdmin('committedOffsets', async () => {
        const [topicOffsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return (topicOffsets?.partitions ?? []).map(({ partition, offset }) => ({ partition, offset })).sort(byPartition);
      }),

    endOffsets: (topic) =>
      withAdmin('endOffsets', async () => {
        const offsets = await admin.fetchTopicOffsets(topic);
        return offsets.map(({ partition, high }) => ({ partition, offset: high })).sort(byPartition);
      }),

    close: async () => {
      await admin.disconnect();
    },
  };
}
