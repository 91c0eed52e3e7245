import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createKafkaAdmin, ensureTopics as ensureTopicsWith, type TopicSpec } from '@uplift/kafka';
import { assertJava, fetchJars, javaCommand } from './jars';
import { brokerFiles, CACHE_DIR, FORMATTED_TEMPLATE_DIR, LIB_DIR, LOG4J_CONFIG_FILE } from './paths';
import { isAlive, isPortOpen, isProcessRunning, runCommand, sleep, tailOfFile } from './processes';
import { renderServerProperties } from './server-properties';

export const DEFAULT_KAFKA_PORT = 9092;

export type BrokerOptions = {
  port?: number;
  /** default: port + 1 */
  controllerPort?: number;
  /** how long start waits, once the JVM runs, for the broker to answer metadata requests (default 60 s) */
  timeoutMs?: number;
  /** start from empty storage (tests); ignored when the broker is already running */
  fresh?: boolean;
};

export type StartResult = { status: 'started' | 'already-running'; brokers: string; pid: number; elapsedMs: number; logFile: string };
export type StopResult = { status: 'stopped' | 'not-running'; elapsedMs: number };

// C1 only: a development broker needs a quick start more than peak throughput (about a third less
// CPU until it answers, which matters on two cores shared with the tests).
const JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-Xms256m', '-Xmx512m', '-Djava.awt.headless=true'];
const TOOL_CLIENT = { clientId: 'uplift-kafka-tool', logLevel: 'nothing' } as const;

const javaArgs = (mainClass: string, args: string[]) => [
  ...JVM_OPTIONS,
  `-Dlog4j2.configurationFile=${LOG4J_CONFIG_FILE}`,
  '-cp',
  // expanded by java itself, not by a shell
  `${LIB_DIR}/*`,
  mainClass,
  ...args,
];

/** A KRaft cluster id: 16 random bytes, base64url; Kafka avoids ids starting with '-' (they read as flags). */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Formats storage once into a template, then copies it: an empty broker starts without another JVM run. */
async function prepareStorage(dataDir: string, port: number, controllerPort: number): Promise<void> {
  if (existsSync(path.join(dataDir, 'meta.properties'))) return;
  if (!existsSync(path.join(FORMATTED_TEMPLATE_DIR, 'meta.properties'))) await formatTemplate(port, controllerPort);
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(FORMATTED_TEMPLATE_DIR, dataDir, { recursive: true });
}

async function formatTemplate(port: number, controllerPort: number): Promise<void> {
  // formatted aside and renamed into place: brokers on two ports may both be starting for the first time
  const formatting = `${FORMATTED_TEMPLATE_DIR}-${process.pid}`;
  const configFile = `${formatting}.properties`;
  rmSync(formatting, { recursive: true, force: true });
  writeFileSync(configFile, renderServerProperties({ port, controllerPort, dataDir: formatting }));
  try {
    const result = await runCommand(javaCommand(), javaArgs('kafka.tools.StorageTool', ['format', '--cluster-id', newClusterId(), '--config', configFile]));
    if (result.code !== 0) throw new Error(`formatting Kafka storage failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
    rmSync(FORMATTED_TEMPLATE_DIR, { recursive: true, force: true });
    renameSync(formatting, FORMATTED_TEMPLATE_DIR);
  } finally {
    rmSync(formatting, { recursive: true, force: true });
    rmSync(configFile, { force: true });
  }
}

/** The pid of the broker this script started on `port`, if it still runs; clears a stale pid file. */
function runningBrokerPid(port: number): number | null {
  const { pidFile, configFile } = brokerFiles(port);
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isProcessRunning(pid, configFile)) return pid;
  rmSync(pidFile, { force: true });
  return null;
}

/** Serialises starts (and the test runs' shared stop) on one port across processes. */
export async function withBrokerLock<T>(port: number, deadline: number, work: () => Promise<T>): Promise<T> {
  const { lockFile } = brokerFiles(port);
  mkdirSync(CACHE_DIR, { recursive: true });
  for (;;) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      // an empty file is a lock being written right now
      if (owner > 0 && !isAlive(owner)) rmSync(lockFile, { force: true });
      else if (Date.now() > deadline) throw new Error(`process ${owner} has been starting the broker on port ${port} too long (${lockFile})`);
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** Whether a client can connect and fetch cluster metadata listing at least one broker. */
export async function brokerAnswers(brokers: string): Promise<boolean> {
  const admin = createKafkaAdmin({ ...TOOL_CLIENT, brokers: brokers.split(','), connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000, retries: 0 });
  try {
    return (await admin.describeCluster()).brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

async function waitUntilAnswering(brokers: string, pid: number, port: number, deadline: number): Promise<void> {
  const { configFile, logFile } = brokerFiles(port);
  for (;;) {
    if (!isProcessRunning(pid, configFile)) throw new Error(`the Kafka broker (pid ${pid}) exited while starting; end of ${logFile}:\n${tailOfFile(logFile)}`);
    if (await brokerAnswers(brokers)) return;
    if (Date.now() > deadline) throw new Error(`the Kafka broker on ${brokers} did not answer in time; end of ${logFile}:\n${tailOfFile(logFile)}`);
    await sleep(200);
  }
}

/**
 * Starts a single-node KRaft broker on 127.0.0.1:`port`, detached, and returns once it answers metadata
 * requests. Fetches the jars and formats storage first when needed. A broker already running there is
 * reported as such, not started twice.
 */
export async function startBroker(options: BrokerOptions = {}): Promise<StartResult> {
  const startedAt = Date.now();
  const port = options.port ?? DEFAULT_KAFKA_PORT;
  await assertJava();
  // waiting for another process's start may include its first fetch of the jars
  const lockDeadline = startedAt + 10 * 60_000;
  const result = await withBrokerLock(port, lockDeadline, () =>
    startUnlessRunning({ port, controllerPort: options.controllerPort ?? port + 1, timeoutMs: options.timeoutMs ?? 60_000, fresh: options.fresh ?? false }),
  );
  return { ...result, brokers: `127.0.0.1:${port}`, elapsedMs: Date.now() - startedAt, logFile: brokerFiles(port).logFile };
}

async function startUnlessRunning(options: { port: number; controllerPort: number; timeoutMs: number; fresh: boolean }) {
  const { port, controllerPort, timeoutMs } = options;
  const files = brokerFiles(port);
  const brokers = `127.0.0.1:${port}`;
  const runningPid = runningBrokerPid(port);
  if (runningPid) {
    await waitUntilAnswering(brokers, runningPid, port, Date.now() + timeoutMs);
    return { status: 'already-running' as const, pid: runningPid };
  }
  for (const taken of [port, controllerPort]) {
    if (await isPortOpen(taken)) throw new Error(`127.0.0.1:${taken} is in use by a process this script did not start`);
  }

  await fetchJars();
  writeFileSync(files.configFile, renderServerProperties({ port, controllerPort, dataDir: files.dataDir }));
  if (options.fresh) rmSync(files.dataDir, { recursive: true, force: true });
  await prepareStorage(files.dataDir, port, controllerPort);

  const logFd = openSync(files.logFile, 'w');
  const child = spawn(javaCommand(), javaArgs('kafka.Kafka', [files.configFile]), { detached: true, stdio: ['ignore', logFd, logFd], cwd: CACHE_DIR });
  closeSync(logFd);
  const pid = await new Promise<number>((resolve, reject) => {
    child.once('spawn', () => resolve(child.pid as number));
    child.once('error', (error) => reject(new Error(`could not start ${javaCommand()}: ${error.message}`)));
  });
  child.unref();
  writeFileSync(files.pidFile, `${pid}\n`);

  try {
    await waitUntilAnswering(brokers, pid, port, Date.now() + timeoutMs);
  } catch (error) {
    await stopBroker({ port });
    throw error;
  }
  return { status: 'started' as const, pid };
}

/** Stops the broker this script started on `port`: SIGTERM, then SIGKILL after `timeoutMs`. Harmless when none runs. */
export async function stopBroker(options: { port?: number; timeoutMs?: number } = {}): Promise<StopResult> {
  const startedAt = Date.now();
  const port = options.port ?? DEFAULT_KAFKA_PORT;
  const { pidFile, configFile } = brokerFiles(port);
  const pid = runningBrokerPid(port);
  if (!pid) return { status: 'not-running', elapsedMs: Date.now() - startedAt };

  const exited = async (waitMs: number) => {
    const until = Date.now() + waitMs;
    while (isProcessRunning(pid, configFile)) {
      if (Date.now() > until) return false;
      await sleep(100);
    }
    return true;
  };
  process.kill(pid, 'SIGTERM');
  if (!(await exited(options.timeoutMs ?? 30_000))) {
    process.kill(pid, 'SIGKILL');
    await exited(10_000);
  }
  rmSync(pidFile, { force: true });
  return { status: 'stopped', elapsedMs: Date.now() - startedAt };
}

export function brokerStatus(port = DEFAULT_KAFKA_PORT): { running: boolean; pid: number | null; brokers: string } {
  const pid = runningBrokerPid(port);
  return { running: pid !== null, pid, brokers: `127.0.0.1:${port}` };
}

/** Creates the missing topics on `brokers` ('host:port[,host:port]'). Returns the names created. */
export async function ensureTopics(brokers: string, topics: TopicSpec[]): Promise<string[]> {
  const admin = createKafkaAdmin({ ...TOOL_CLIENT, logLevel: 'warn', brokers: brokers.split(',') });
  try {
    return await ensureTopicsWith(admin, topics);
  } finally {
    await admin.close();
  }
}
