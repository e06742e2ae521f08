/** "folder/報告.csv" → "報告.csv". */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "folder/報告.csv" → "報告". */
export function baseName(fileName: string): string {
  const name = fileNameOf(fileName);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Lower-case extension without the dot; "" when there is none. */
export function extensionOf(fileName: string): string {
  const name = fileNameOf(fileName);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}
