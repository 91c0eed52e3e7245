import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FORMATTED_TEMPLATE_DIR, LIB_DIR, MAVEN_REPO_DIR, POM_FILE } from './paths';
import { runCommand } from './processes';

const MIN_JAVA_MAJOR = 17;
// written after a complete copy; holds the pom's hash, so editing the pom fetches again
const STAMP_FILE = path.join(LIB_DIR, '.fetched');

export const javaCommand = () => (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java');

/** Fails loudly when no usable Java is there: the broker cannot run without it. */
export async function assertJava(): Promise<void> {
  const java = javaCommand();
  const result = await runCommand(java, ['-version']).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `The Kafka broker needs Java ${MIN_JAVA_MAJOR}+, and '${java}' could not be started (${error.code ?? error.message}). ` +
        `On Debian: apt-get install -y openjdk-17-jre-headless`,
    );
  });
  const major = Number(/version "(\d+)/.exec(result.output)?.[1]);
  if (result.code !== 0 || !(major >= MIN_JAVA_MAJOR)) {
    throw new Error(`The Kafka broker needs Java ${MIN_JAVA_MAJOR}+; '${java} -version' said:\n${result.output}`);
  }
}

const pomHash = () => createHash('sha256').update(readFileSync(POM_FILE)).digest('hex');

export function jarsPresent(): boolean {
  return existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8').trim() === pomHash();
}

/** Resolves the broker jars from Maven Central into the cache, once per pom.xml. */
export async function fetchJars(): Promise<{ fetched: boolean; jars: number }> {
  if (jarsPresent()) return { fetched: false, jars: countJars() };
  // a version change must not leave the old jars on the class path, nor storage formatted by them
  rmSync(LIB_DIR, { recursive: true, force: true });
  rmSync(FORMATTED_TEMPLATE_DIR, { recursive: true, force: true });
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', POM_FILE, `-Dmaven.repo.local=${MAVEN_REPO_DIR}`, 'dependency:copy-dependencies'];
  const result = await runCommand('mvn', args).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Fetching the Kafka jars needs Maven ('mvn' could not be started: ${error.code ?? error.message}). On Debian: apt-get install -y maven`);
  });
  if (result.code !== 0) throw new Error(`mvn ${args.join(' ')} failed (exit ${result.code}):\n${result.output}`);
  writeFileSync(STAMP_FILE, `${pomHash()}\n`);
  return { fetched: true, jars: countJars() };
}

const countJars = () => readdirSync(LIB_DIR).filter((name) => name.endsWith('.jar')).length;
