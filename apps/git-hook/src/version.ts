/** Sent as `source.toolVersion`; kept in step with apps/git-hook/package.json. */
export const CLI_VERSION = '0.1.0';
