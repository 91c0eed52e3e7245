import type { KafkaAdmin, TopicSpec } from './types';

/** Creates the topics that do not exist yet (an existing topic is left as it is). Returns the names created. */
export async function ensureTopics(admin: KafkaAdmin, topics: TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((spec) => !existing.has(spec.topic));
  if (missing.length > 0) await admin.createTopics(missing);
  return missing.map((spec) => spec.topic);
}
