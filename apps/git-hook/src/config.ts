import { gitConfig, type GitContext } from './git';

export type UpliftConfig = {
  url: string | undefined;
  ingestKey: string | undefined;
  /** `actor.login` of commit events (`git config uplift.login`). */
  login: string | undefined;
  /** Overrides the SDK's per-user spool directory. */
  spoolDirectory: string | undefined;
};

/**
 * Where to send: `UPLIFT_URL` / `UPLIFT_INGEST_KEY`, else `git config uplift.url` / `uplift.ingestKey`
 * (repository, then global). `UPLIFT_SPOOL_DIR` moves the spool.
 */
export async function resolveConfig(context: GitContext): Promise<UpliftConfig> {
  const env = context.env ?? process.env;
  const fromEnv = (name: string) => env[name]?.trim() || undefined;
  const [url, ingestKey, login] = await Promise.all([
    fromEnv('UPLIFT_URL') ?? gitConfig(context, 'uplift.url'),
    fromEnv('UPLIFT_INGEST_KEY') ?? gitConfig(context, 'uplift.ingestKey'),
    gitConfig(context, 'uplift.login'),
  ]);
  return { url, ingestKey, login, spoolDirectory: fromEnv('UPLIFT_SPOOL_DIR') };
}
