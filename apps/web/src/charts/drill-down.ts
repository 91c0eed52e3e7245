/** The team behind a clicked chart element: a data item carrying `team`, or a series whose id is `team:<name>`. */
export function teamOfClick(params: { data?: unknown; seriesId?: string | null }): string | undefined {
  const data = params.data;
  if (data && typeof data === 'object' && 'team' in data && typeof (data as { team: unknown }).team === 'string') {
    return (data as { team: string }).team;
  }
  if (params.seriesId?.startsWith('team:')) return params.seriesId.slice('team:'.length);
  return undefined;
}
