// Vitest global setup: one real Kafka broker on loopback for the test run, from empty storage.
// Tests read its address with inject('kafkaBrokers') (or KAFKA_BROKERS). KAFKA_TEST_PORT and
// KAFKA_TEST_CONTROLLER_PORT move it. Without Java this fails the run: Kafka tests never skip silently.
// vitest/node is ESM-only; this file compiles as CommonJS for tsc
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { startBroker, stopBroker, withBrokerLock } from './broker';
import { releaseLease, takeLease } from './test-leases';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting vitest's interface
  export interface ProvidedContext {
    /** 'host:port' of the test broker */
    kafkaBrokers: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = Number(process.env.KAFKA_TEST_PORT ?? 19092);
  const controllerPort = Number(process.env.KAFKA_TEST_CONTROLLER_PORT ?? port + 1);
  // taken before the start, so a run finishing meanwhile sees this one and leaves the broker up
  takeLease(port);
  const broker = await startBroker({ port, controllerPort, fresh: true });
  const how = broker.status === 'started' ? `started in ${(broker.elapsedMs / 1000).toFixed(1)} s` : 'already running';
  console.log(`kafka: test broker ${how} on ${broker.brokers}`);
  project.provide('kafkaBrokers', broker.brokers);
  process.env.KAFKA_BROKERS = broker.brokers;

  return async () => {
    // under the start lock, so a run starting now either sees this lease gone and the broker stopped, or waits
    await withBrokerLock(port, Date.now() + 60_000, async () => {
      if (!releaseLease(port)) await stopBroker({ port });
    });
  };
}
