/** The directory a command works in: where `npm run uplift-git …` was started, else the process's own. */
export function workingDirectory(env: NodeJS.ProcessEnv): string {
  // npm runs scripts from the package root and keeps the caller's directory in INIT_CWD; only trust it when
  // npm is running our own script (a hook started under some other npm script inherits a foreign INIT_CWD).
  const viaNpmScript = env['npm_lifecycle_event'] === 'uplift-git' || env['npm_lifecycle_event'] === 'uplift-ci';
  return (viaNpmScript && env['INIT_CWD']) || process.cwd();
}

export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** Runs a CLI's main function as the process entry point: exit code from its result, never a stack trace. */
export function runAsEntryPoint(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
