/** Saves a blob as a file through the browser's download (nothing leaves the machine). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: characters Windows forbids are replaced. */
export function safeFileName(title: string, fallback: string): string {
  const name = title.trim().replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  return name || fallback;
}
