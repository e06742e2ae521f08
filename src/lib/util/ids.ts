/** A short random id; crypto.randomUUID exists in browsers, workers and Node 20. */
export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
