import type { AnyFeatureCollection, Properties } from './types';

export interface JoinReport {
  /** Features of the target that found a row. */
  matched: number;
  /** Target keys with no row in the table, and table keys with no feature in the target. */
  unmatchedTargetKeys: string[];
  unmatchedTableKeys: string[];
  /** Table keys that appear on more than one row; the first row is used. */
  duplicateTableKeys: string[];
  /** The columns added, renamed where the target already had the name. */
  addedColumns: string[];
}

/** Keys compare as text: trimmed, full-width folded (０８２２０ = 08220); never as numbers, so 08220 ≠ 8220. */
export const joinKey = (value: unknown) => (value === null || value === undefined ? '' : String(value).normalize('NFKC').trim());

/**
 * Attribute join: each target feature gets the columns of the table row with the same key.
 * Unmatched keys on both sides are reported, not silently dropped.
 */
export function joinTable(
  target: AnyFeatureCollection,
  targetKey: string,
  table: AnyFeatureCollection,
  tableKey: string,
): { data: AnyFeatureCollection; report: JoinReport } {
  const rows = new Map<string, Properties>();
  const duplicates = new Set<string>();
  for (const feature of table.features) {
    const key = joinKey(feature.properties?.[tableKey]);
    if (key === '') continue;
    if (rows.has(key)) duplicates.add(key);
    else rows.set(key, feature.properties ?? {});
  }
  const targetColumns = new Set(target.features.flatMap((f) => Object.keys(f.properties ?? {})));
  const tableColumns = [...new Set(table.features.flatMap((f) => Object.keys(f.properties ?? {})))].filter((c) => c !== tableKey);
  const rename = new Map(tableColumns.map((c) => [c, targetColumns.has(c) ? `${c}_結合` : c]));

  const usedKeys = new Set<string>();
  const unmatchedTargetKeys: string[] = [];
  const features = target.features.map((feature) => {
    const key = joinKey(feature.properties?.[targetKey]);
    const row = rows.get(key);
    if (!row) {
      unmatchedTargetKeys.push(key);
      return { ...feature, properties: { ...feature.properties, ...Object.fromEntries(tableColumns.map((c) => [rename.get(c)!, null])) } };
    }
    usedKeys.add(key);
    return { ...feature, properties: { ...feature.properties, ...Object.fromEntries(tableColumns.map((c) => [rename.get(c)!, row[c] ?? null])) } };
  });
  return {
    data: { ...target, features },
    report: {
      matched: target.features.length - unmatchedTargetKeys.length,
      unmatchedTargetKeys,
      unmatchedTableKeys: [...rows.keys()].filter((k) => !usedKeys.has(k)),
      duplicateTableKeys: [...duplicates],
      addedColumns: [...rename.values()],
    },
  };
}
