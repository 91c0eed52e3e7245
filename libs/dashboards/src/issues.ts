import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

/** `panels[3].layout.w`; the empty path is the file itself. */
export function fieldPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const name = String(segment);
      text += /^[A-Za-z_$][\w$]*$/.test(name) ? (text ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
    }
  }
  return text;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** A union branch failed on the value's type itself (not on something inside it). */
function isTypeMismatch(issues: readonly Issue[]): boolean {
  return issues.some((issue) => {
    if (issue.path.length > 0) return false;
    if (issue.code === 'invalid_type') return true;
    if (issue.code === 'invalid_value') {
      const input = (issue as { input?: unknown }).input;
      return issue.values.length > 0 && typeof input !== typeof issue.values[0];
    }
    return false;
  });
}

export type FlatIssue = { path: PathSegment[]; message: string };

/** One readable message per problem; a union reports the branch that matches the value's shape. */
export function flattenIssues(issues: readonly Issue[], prefix: PathSegment[] = []): FlatIssue[] {
  const flat: FlatIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'invalid_union': {
        if (input === undefined && issue.errors.some((branchIssues) => branchIssues.some((branchIssue) => branchIssue.path.length === 0))) {
          flat.push({ path, message: 'is required' });
          break;
        }
        const branch = issue.errors.find((branchIssues) => !isTypeMismatch(branchIssues));
        if (branch) flat.push(...flattenIssues(branch, path));
        else flat.push({ path, message: `has the wrong shape (got ${describeValue(input)}); see libs/dashboards/schema/dashboard.schema.json` });
        break;
      }
      case 'invalid_type':
        flat.push({
          path,
          message: input === undefined ? 'is required' : `must be ${TYPE_NAMES[issue.expected] ?? issue.expected} (got ${describeValue(input)})`,
        });
        break;
      case 'invalid_value':
        flat.push({
          path,
          message:
            issue.values.length === 1
              ? `must be ${JSON.stringify(issue.values[0])} (got ${describeValue(input)})`
              : `must be one of ${issue.values.map(String).join(', ')} (got ${describeValue(input)})`,
        });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) flat.push({ path: [...path, key], message: 'is not a known field' });
        break;
      case 'too_small':
        flat.push({
          path,
          message:
            issue.origin === 'array'
              ? `must have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
              : issue.origin === 'string'
                ? 'must not be empty'
                : `must be at least ${String(issue.minimum)} (got ${describeValue(input)})`,
        });
        break;
      case 'too_big':
        flat.push({
          path,
          message:
            issue.origin === 'array'
              ? `must have at most ${String(issue.maximum)} items`
              : `must be at most ${String(issue.maximum)} (got ${describeValue(input)})`,
        });
        break;
      case 'invalid_format':
        flat.push({ path, message: `${issue.message} (got ${describeValue(input)})` });
        break;
      default:
        flat.push({ path, message: issue.message });
    }
  }
  return flat;
}
