import { ConfigError, loadConfig } from './config/config';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  await startServer(config);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`Uplift failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
