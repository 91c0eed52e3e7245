// Names and identities of AI coding tools, in one place. Emails are the identities these tools sign commits
// with (data, not addresses to contact); names are matched at the start of a free-text value.

/** Co-author emails that only an AI tool uses. */
const AI_IDENTITY_EMAILS: Record<string, string> = {
  'noreply@anthropic.com': 'claude-code',
  'cursoragent@cursor.com': 'cursor',
  'noreply@aider.chat': 'aider',
  'aider@aider.chat': 'aider',
  'noreply@openai.com': 'codex',
  'codex@openai.com': 'codex',
};

/** Bot accounts of hosted agents (`<id>+<name>@users.noreply…`). */
const AI_IDENTITY_EMAIL_PATTERNS: [RegExp, string][] = [
  [/^\d+\+copilot@users\.noreply\.github\.com$/i, 'copilot'],
  [/^\d+\+devin-ai-integration\[bot\]@users\.noreply\.github\.com$/i, 'devin'],
];

/** Uplift's tool id for the names tools go by (`Claude`, `GitHub Copilot`, `claude`, `github-copilot`, …). */
const TOOL_NAMES: [RegExp, string][] = [
  [/^(?:anthropic[\s-]+)?claude(?:[\s-]*code)?\b/i, 'claude-code'],
  [/^cursor(?:[\s-]*agent)?\b/i, 'cursor'],
  [/^(?:github[\s-]*)?copilot\b/i, 'copilot'],
  [/^aider\b/i, 'aider'],
  [/^(?:openai[\s-]*)?codex\b/i, 'codex'],
  [/^gemini(?:[\s-]*cli)?\b/i, 'gemini'],
  [/^(?:tongyi[\s-]*)?lingma\b/i, 'lingma'],
  [/^windsurf\b/i, 'windsurf'],
  [/^devin\b/i, 'devin'],
  [/^opencode\b/i, 'opencode'],
  [/^amp\b/i, 'amp'],
  [/^continue\b/i, 'continue'],
  [/^junie\b/i, 'junie'],
];

/** The AI tool a co-author identity belongs to, or `undefined` for a person. */
export function aiToolOfIdentity(name: string, email: string): string | undefined {
  const address = email.trim().toLowerCase();
  const known = AI_IDENTITY_EMAILS[address];
  if (known) return known;
  for (const [pattern, tool] of AI_IDENTITY_EMAIL_PATTERNS) if (pattern.test(address)) return tool;
  // Aider signs `aider (<model>)`: the parenthesised model makes the name unambiguous.
  if (/^aider \(.+\)$/i.test(name.trim())) return 'aider';
  return undefined;
}

/** A known tool's id for a free-text name, or `undefined`. */
export function knownToolName(value: string): string | undefined {
  const name = toolPart(value);
  for (const [pattern, tool] of TOOL_NAMES) if (pattern.test(name)) return tool;
  return undefined;
}

/** The tool id for a free-text name: a known tool's id, else the name itself as a slug. */
export function normalizeToolName(value: string): string | undefined {
  const known = knownToolName(value);
  if (known) return known;
  const slug = toolPart(value)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || undefined;
}

// `Claude:claude-opus-4 <noreply@…>` → `Claude`: drop an email, and a `:model` suffix (the kernel's
// `Assisted-by: AGENT:MODEL` convention).
function toolPart(value: string): string {
  const withoutEmail = value.replace(/<[^>]*>/g, '');
  const colon = withoutEmail.indexOf(':');
  return (colon === -1 ? withoutEmail : withoutEmail.slice(0, colon)).trim();
}

/** Parses `Name <email>`. */
export function parseIdentity(value: string): { name: string; email: string } {
  const match = /^(?<name>.*?)\s*<(?<email>[^>]*)>\s*$/.exec(value.trim());
  return match?.groups ? { name: (match.groups['name'] ?? '').trim(), email: (match.groups['email'] ?? '').trim() } : { name: value.trim(), email: '' };
}
