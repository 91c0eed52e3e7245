import type { LoggerService, LogLevel } from '@nestjs/common';

/** One JSON object per line (time, level, context, message, pid): what log shippers parse without rules. */
export class JsonLogger implements LoggerService {
  constructor(private readonly levels: readonly LogLevel[]) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.levels.includes(level)) return;
    // Nest passes the context last; an error's stack comes before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const entry = {
      time: new Date().toISOString(),
      level: level === 'log' ? 'info' : level,
      context,
      message: typeof message === 'string' ? message : JSON.stringify(message),
      ...(stack ? { stack } : {}),
      pid: process.pid,
    };
    (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(`${JSON.stringify(entry)}\n`);
  }
}
