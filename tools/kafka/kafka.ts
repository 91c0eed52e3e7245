// Development Kafka broker: `npm run kafka:fetch | kafka:start | kafka:stop` (also `status`).
// KAFKA_PORT (default 9092) and KAFKA_CONTROLLER_PORT (default KAFKA_PORT + 1) choose the loopback ports.
import { brokerStatus, DEFAULT_KAFKA_PORT, startBroker, stopBroker } from './broker';
import { fetchJars } from './jars';
import { LIB_DIR } from './paths';

const port = Number(process.env.KAFKA_PORT ?? DEFAULT_KAFKA_PORT);
const controllerPort = Number(process.env.KAFKA_CONTROLLER_PORT ?? port + 1);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const commands: Record<string, () => Promise<string>> = {
  async fetch() {
    const { fetched, jars } = await fetchJars();
    return `${fetched ? 'fetched' : 'already present:'} ${jars} jars in ${LIB_DIR}`;
  },
  async start() {
    const result = await startBroker({ port, controllerPort });
    return result.status === 'already-running'
      ? `kafka broker already running on ${result.brokers} (pid ${result.pid})`
      : `kafka broker on ${result.brokers} started in ${seconds(result.elapsedMs)} (pid ${result.pid}, log ${result.logFile})`;
  },
  async stop() {
    const result = await stopBroker({ port });
    return result.status === 'stopped' ? `kafka broker on 127.0.0.1:${port} stopped in ${seconds(result.elapsedMs)}` : `no kafka broker running on 127.0.0.1:${port}`;
  },
  async status() {
    const status = brokerStatus(port);
    return status.running ? `kafka broker running on ${status.brokers} (pid ${status.pid})` : `no kafka broker running on ${status.brokers}`;
  },
};

const name = process.argv[2] ?? '';
const command = commands[name];
if (!command) {
  console.error(`usage: kafka.ts ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
command().then(
  (message) => console.log(message),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
