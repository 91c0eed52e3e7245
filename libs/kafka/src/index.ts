export * from './types';
export * from './errors';
export * from './topics';
export * from './ensure-topics';
export { createKafkaProducer } from './kafkajs/producer';
export { createKafkaBatchConsumer } from './kafkajs/batch-consumer';
export { createKafkaAdmin } from './kafkajs/admin';
export { partitionForKey } from './kafkajs/partition';
