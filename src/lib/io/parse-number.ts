const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Reads "３６．０８", "36.08" or " 1,234.5 " as a number; anything else is NaN. */
export function parseNumber(text: string | undefined): number {
  if (text === undefined) return NaN;
  // Fast path for plain ASCII numbers, the common case in large files (two per row for coordinates):
  // a leading digit, sign or point, and not a 0x/0b/0o literal, which JavaScript would also accept.
  const first = text.charCodeAt(0), second = text.charCodeAt(1) | 0x20;
  if (((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46) && second !== 0x78 && second !== 0x62 && second !== 0x6f) {
    const n = +text;
    if (n === n) return n; // not NaN
  }
  const cleaned = text.normalize('NFKC').replace(/,/g, '').trim();
  return cleaned === '' || !NUMBER.test(cleaned) ? NaN : Number(cleaned);
}
