import { ApiError } from './api-error';
import { ConfigError } from '../config/config';

/** A command line used wrongly: printed with the usage text, exit code 64 (EX_USAGE). */
export class CliUsageError extends Error {}

/**
 * Ends an operator command that failed, with a sysexits-style code: 64 usage (also node's parseArgs
 * errors), 78 configuration, 1 not found, 65 refused input, `otherCode` for what the command names
 * in `isOwnError`, 1 otherwise.
 */
export function exitOnCliFailure(
  error: unknown,
  usage: string,
  options: { isOwnError?: (error: unknown) => boolean; otherCode?: number } = {},
): never {
  const message = (error as Error)?.message ?? String(error);
  if (error instanceof CliUsageError || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS_')) {
    process.stderr.write(`${message}\n\n${usage}\n`);
    process.exit(64);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`${message}\n`);
    process.exit(78);
  }
  if (error instanceof ApiError) {
    process.stderr.write(`${message}\n`);
    process.exit(error.getStatus() === 404 ? 1 : 65);
  }
  if (options.isOwnError?.(error)) {
    process.stderr.write(`${message}\n`);
    process.exit(options.otherCode ?? 1);
  }
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
