export type TableColumn = { key: string; label: string; unit: string };
export type TableRow = { key: string; label: string; team?: string; values: (number | null)[] };
export type TableModel = { columns: TableColumn[]; rows: TableRow[] };

export type TableSort = { by: 'group' | number; order: 'asc' | 'desc' };

/**
 * Rows sorted by a column (missing values always last, whatever the order) or by the group label, then cut to
 * `limit`: "the ten teams with the lowest adoption".
 */
export function sortRows(rows: readonly TableRow[], sort: TableSort | undefined, limit: number | undefined): TableRow[] {
  const sorted = [...rows];
  if (sort) {
    const direction = sort.order === 'asc' ? 1 : -1;
    sorted.sort((a, b) => {
      if (sort.by === 'group') return direction * a.label.localeCompare(b.label);
      const left = a.values[sort.by] ?? null;
      const right = b.values[sort.by] ?? null;
      if (left === null && right === null) return a.label.localeCompare(b.label);
      if (left === null) return 1;
      if (right === null) return -1;
      return direction * (left - right) || a.label.localeCompare(b.label);
    });
  }
  return limit === undefined ? sorted : sorted.slice(0, limit);
}

/** Joins one value per group and column into rows, in the order groups first appear. */
export function tableModel(columns: { column: TableColumn; values: Map<string, number | null> }[], groups: { key: string; label: string; team?: string }[], sort?: TableSort, limit?: number): TableModel {
  const rows = groups.map((group) => ({ ...group, values: columns.map(({ values }) => values.get(group.key) ?? null) }));
  return { columns: columns.map(({ column }) => column), rows: sortRows(rows, sort, limit) };
}
