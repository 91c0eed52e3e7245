import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';
import { UpliftClient, type UpliftClientOptions } from '../core/client';
import { DiskSpool, type DiskSpoolOptions } from './disk-spool';
import { zlibGzip } from './gzip';

export * from '../index';
export { DiskSpool, type DiskSpoolOptions } from './disk-spool';
export { zlibGzip } from './gzip';

export type NodeClientOptions = Omit<UpliftClientOptions, 'spool'> & {
  /**
   * The on-disk spool for events that could not be sent: its options (`directory` defaults to
   * `defaultSpoolDirectory(url, ingestKey)`), or `false` to keep unsent events in memory only.
   */
  spool?: Partial<DiskSpoolOptions> | false;
};

/**
 * The per-user spool directory of one collector and key: `$XDG_STATE_HOME/uplift/spool/<hash>` (default
 * `~/.local/state`), `%LOCALAPPDATA%\uplift\spool\<hash>` on Windows. Spooled events are sent with the key
 * they were spooled for, so each (url, key) pair has its own directory.
 */
export function defaultSpoolDirectory(url: string, ingestKey: string, env: NodeJS.ProcessEnv = process.env): string {
  const stateHome =
    process.platform === 'win32'
      ? (env['LOCALAPPDATA'] ?? path.join(homedir(), 'AppData', 'Local'))
      : (env['XDG_STATE_HOME'] ?? path.join(homedir(), '.local', 'state'));
  const key = createHash('sha256').update(`${url.replace(/\/+$/, '')}\n${ingestKey}`).digest('hex').slice(0, 16);
  return path.join(stateHome, 'uplift', 'spool', key);
}

/** The client for Node processes: gzip through zlib and a bounded disk spool that survives restarts. */
export function createNodeClient(options: NodeClientOptions): UpliftClient {
  const { spool: spoolOptions, ...clientOptions } = options;
  const spool =
    spoolOptions === false
      ? undefined
      : new DiskSpool({ ...spoolOptions, directory: spoolOptions?.directory ?? defaultSpoolDirectory(options.url, options.ingestKey) });
  return new UpliftClient({ compress: zlibGzip, ...clientOptions, ...(spool ? { spool } : {}) });
}
