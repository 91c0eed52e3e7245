export type ServerPropertiesOptions = { port: number; controllerPort: number; dataDir: string };

/** A single-node KRaft broker on loopback, sized for development and tests. */
export function renderServerProperties({ port, controllerPort, dataDir }: ServerPropertiesOptions): string {
  const properties: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    // topics are created on purpose (ensureTopics), never by a typo in a producer
    'auto.create.topics.enable': false,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    // fewer internal partitions: the first consumer group is ready in well under a second
    'offsets.topic.num.partitions': 4,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 4,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // a group's first member gets its partitions at once instead of after 3 s
    'group.initial.rebalance.delay.ms': 0,
    'num.network.threads': 2,
    'num.io.threads': 4,
    'log.segment.bytes': 16 * 1024 * 1024,
    'log.retention.hours': 24,
    'log.retention.bytes': 256 * 1024 * 1024,
    // the cleaner's default 128 MiB buffer would take a quarter of the small heap
    'log.cleaner.dedupe.buffer.size': 8 * 1024 * 1024,
  };
  const lines = Object.entries(properties).map(([name, value]) => `${name}=${value}`);
  return `# Written by tools/kafka/broker.ts on every start; edit that file, not this one.\n${lines.join('\n')}\n`;
}
