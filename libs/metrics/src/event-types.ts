/** A row predicate for a source's event types: exact names, and `prefix.*` for every type under `prefix.`. */
export function eventTypePredicate(eventTypes: readonly string[]): string {
  const exact = eventTypes.filter((type) => !type.endsWith('.*'));
  const prefixes = eventTypes.filter((type) => type.endsWith('.*')).map((type) => type.slice(0, -1));
  const terms = [
    ...prefixes.map((prefix) => `startsWith(type, '${prefix}')`),
    ...(exact.length > 0 ? [`type IN (${exact.map((type) => `'${type}'`).join(', ')})`] : []),
  ];
  return terms.length === 1 ? terms.join('') : `(${terms.join(' OR ')})`;
}
