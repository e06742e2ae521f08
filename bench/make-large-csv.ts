/** A lon/lat CSV of n rows over Tsukuba, like a large export from a department system (seeded). */
export function makeLargeCsv(rows: number): Uint8Array {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const kinds = ['声かけ', 'つきまとい', '露出', 'その他'];
  const parts: string[] = ['番号,発生日,種別,緯度,経度\n'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    parts.push(`R${i},2023-04-${day},${kinds[i % 4]},${(35.95 + random() * 0.28).toFixed(6)},${(140.0 + random() * 0.17).toFixed(6)}\n`);
  }
  return new TextEncoder().encode(parts.join(''));
}
