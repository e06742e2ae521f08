import { columnFromValues, findColumn, valueAt, withColumns, type LayerTable } from '../table/layer-table';

export interface JoinReport {
  /** Features of the target that found a row. */
  matched: number;
  /** Target keys with no row in the table, and table keys with no feature in the target. */
  unmatchedTargetKeys: string[];
  unmatchedTableKeys: string[];
  /** Table keys that appear on more than one row; the first row is used. */
  duplicateTableKeys: string[];
  /**
   * Target keys on more than one feature (pieces of one area: 飛び地, an area split by a river): each gets the
   * table's value, so a count summed over the features counts it once per piece.
   */
  repeatedTargetKeys: string[];
  /** The columns added, renamed where the target already had the name. */
  addedColumns: string[];
}

/** Keys compare as text: trimmed, full-width folded (０８２２０ = 08220); never as numbers, so 08220 ≠ 8220. */
export const joinKey = (value: unknown) => (value === null || value === undefined ? '' : String(value).normalize('NFKC').trim());

/**
 * Attribute join: each target row gets the columns of the table row with the same key.
 * Unmatched keys on both sides are reported, not silently dropped.
 */
export function joinTable(target: LayerTable, targetKey: string, table: LayerTable, tableKey: string): { data: LayerTable; report: JoinReport } {
  const tableKeyColumn = findColumn(table, tableKey);
  const rows = new Map<string, number>();
  const duplicates = new Set<string>();
  for (let row = 0; tableKeyColumn && row < table.rowCount; row++) {
    const key = joinKey(valueAt(tableKeyColumn, row));
    if (key === '') continue;
    if (rows.has(key)) duplicates.add(key);
    else rows.set(key, row);
  }
  const targetColumns = new Set(target.columns.map((c) => c.name));
  const added = table.columns.filter((c) => c.name !== tableKey);
  const targetKeyColumn = findColumn(target, targetKey);
  const usedKeys = new Set<string>(), repeated = new Set<string>();
  const unmatchedTargetKeys: string[] = [];
  const matchedRow = Array.from({ length: target.rowCount }, (_, row) => {
    const key = joinKey(targetKeyColumn ? valueAt(targetKeyColumn, row) : null);
    const found = rows.get(key);
    if (found === undefined) unmatchedTargetKeys.push(key);
    else if (usedKeys.has(key)) repeated.add(key);
    else usedKeys.add(key);
    return found;
  });
  const columns = added.map((column) =>
    columnFromValues(
      targetColumns.has(column.name) ? `${column.name}_結合` : column.name,
      matchedRow.map((row) => (row === undefined ? null : valueAt(column, row))),
    ),
  );
  return {
    data: withColumns(target, columns),
    report: {
      matched: target.rowCount - unmatchedTargetKeys.length,
      unmatchedTargetKeys,
      unmatchedTableKeys: [...rows.keys()].filter((k) => !usedKeys.has(k)),
      duplicateTableKeys: [...duplicates],
      repeatedTargetKeys: [...repeated],
      addedColumns: columns.map((c) => c.name),
    },
  };
}
