import path from 'node:path';

/** Everything the broker needs at run time lives under the ignored cache beside this file. */
export const KAFKA_TOOL_DIR = __dirname;
export const CACHE_DIR = path.join(KAFKA_TOOL_DIR, '.cache');
export const LIB_DIR = path.join(CACHE_DIR, 'lib');
export const MAVEN_REPO_DIR = path.join(CACHE_DIR, 'm2');
/** a storage directory formatted once, copied for every broker that starts empty */
export const FORMATTED_TEMPLATE_DIR = path.join(CACHE_DIR, 'kraft-template');
export const POM_FILE = path.join(KAFKA_TOOL_DIR, 'pom.xml');
export const LOG4J_CONFIG_FILE = path.join(KAFKA_TOOL_DIR, 'log4j2.properties');

/** Per-port files, so a development broker and a test broker can run side by side. */
export function brokerFiles(port: number) {
  return {
    dataDir: path.join(CACHE_DIR, `data-${port}`),
    configFile: path.join(CACHE_DIR, `server-${port}.properties`),
    pidFile: path.join(CACHE_DIR, `broker-${port}.pid`),
    logFile: path.join(CACHE_DIR, `broker-${port}.log`),
    lockFile: path.join(CACHE_DIR, `broker-${port}.lock`),
  };
}
