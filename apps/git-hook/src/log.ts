/** Diagnostics on stderr, only when asked for (`--verbose` or `UPLIFT_DEBUG=1`): hooks stay silent. */
export type Log = { debug: (message: string) => void; enabled: boolean };

export function createLog(verbose: boolean, prefix = 'uplift'): Log {
  return {
    enabled: verbose,
    debug: (message) => {
      if (verbose) process.stderr.write(`${prefix}: ${message}\n`);
    },
  };
}

export function debugRequested(env: NodeJS.ProcessEnv): boolean {
  return env['UPLIFT_DEBUG'] === '1' || env['UPLIFT_DEBUG'] === 'true';
}
