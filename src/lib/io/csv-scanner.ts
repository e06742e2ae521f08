/**
 * A CSV scanner for large files (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes,
 * CRLF or LF), splitting as papaparse does (its 'greedy' skipping of blank rows included).
 *
 * It records where each field is in the text (start and end offsets per column, in typed arrays), not
 * the field as a string: a million rows of five fields are 40 MB of offsets instead of five million
 * strings and a million row arrays that stay alive until the table is built (measured: 373 MB of heap
 * for a 50 MB file). The importer then reads each value once, as it builds the column.
 */
export class ScannedCsv {
  readonly text: string;
  /** Non-blank rows, the header row included. */
  rowCount = 0;
  /** Per column, per row from the column's first row on: where the field starts and ends in `text`. */
  #starts: Uint32Array[] = [];
  #ends: Uint32Array[] = [];
  /**
   * The row where each column first appears: a column that only a late, wide row has (100,000 trailing
   * commas on row 10,000) is stored from there, not as 100,000 arrays sized for every row before it.
   */
  #firstRows: number[] = [];
  /** How many fields each row has (rows may differ). */
  #fieldCounts: Uint32Array = new Uint32Array(1024);
  /** Fields whose text is not a plain slice of the file (doubled quotes, odd quoting), by column and row. */
  #strings: Map<number, string>[] = [];
  /** Records seen, blank ones included; the record numbers (from 1) of the blank ones, in order. */
  #records = 0;
  readonly blankRowNumbers: number[] = [];

  constructor(text: string) {
    this.text = text;
  }

  get columnCount(): number {
    return this.#starts.length;
  }

  fieldCount(row: number): number {
    return this.#fieldCounts[row]!;
  }

  /** The field's text ('' where the row has no such field). */
  value(column: number, row: number): string {
    if (column >= this.#starts.length || row >= this.rowCount || column >= this.#fieldCounts[row]!) return '';
    const special = this.#strings[column]!.get(row);
    const at = row - this.#firstRows[column]!;
    return special ?? this.text.slice(this.#starts[column]![at], this.#ends[column]![at]);
  }

  /** The record number (from 1, blank records counted) of a kept row: the row number Excel shows. */
  rowNumber(row: number): number {
    let number = row + 1;
    for (const blank of this.blankRowNumbers) {
      if (blank > number) break;
      number++;
    }
    return number;
  }

  /** A row as strings (for previews and small files). */
  row(row: number): string[] {
    return Array.from({ length: this.#fieldCounts[row]! }, (_, column) => this.value(column, row));
  }

  /** Appends the row in `fields` (reused from row to row by the scanner); blank rows are left out. */
  addRow(fields: RowFields): void {
    const n = fields.count;
    let blank = true;
    for (let f = 0; f < n && blank; f++) {
      const special = fields.strings[f];
      blank = special !== undefined ? special.trim() === '' : isBlankRange(this.text, fields.starts[f]!, fields.ends[f]!);
    }
    this.#records++;
    if (blank) {
      this.blankRowNumbers.push(this.#records);
      return;
    }
    const row = this.rowCount++;
    if (row === this.#fieldCounts.length) this.#fieldCounts = grow(this.#fieldCounts);
    this.#fieldCounts[row] = n;
    // A new column starts small (a hostile header of a million fields must not take a million full-size
    // arrays) and each column grows by doubling as rows come.
    while (this.#starts.length < n) {
      this.#starts.push(new Uint32Array(16));
      this.#ends.push(new Uint32Array(16));
      this.#strings.push(new Map());
      this.#firstRows.push(row);
    }
    for (let column = 0; column < n; column++) {
      const at = row - this.#firstRows[column]!;
      if (this.#starts[column]!.length <= at) {
        const size = Math.max(16, 2 * at);
        this.#starts[column] = grow(this.#starts[column]!, size);
        this.#ends[column] = grow(this.#ends[column]!, size);
      }
      const special = fields.strings[column];
      if (special !== undefined) this.#strings[column]!.set(row, special);
      else (this.#starts[column]![at] = fields.starts[column]!), (this.#ends[column]![at] = fields.ends[column]!);
    }
  }
}

/** The fields of the row being scanned: offsets, or a string where the field is not a plain slice. */
class RowFields {
  count = 0;
  starts: number[] = [];
  ends: number[] = [];
  strings: (string | undefined)[] = [];

  clear(): void {
    this.count = 0;
  }

  add(start: number, end: number, special?: string): void {
    const f = this.count++;
    this.starts[f] = start;
    this.ends[f] = end;
    this.strings[f] = special;
  }
}

function grow(array: Uint32Array, size = array.length * 2): Uint32Array {
  const bigger = new Uint32Array(size);
  bigger.set(array);
  return bigger;
}

/** Whether a field is only whitespace (as String.trim sees it); a printable ASCII first character says no at once. */
function isBlankRange(text: string, start: number, end: number): boolean {
  if (start === end) return true;
  const c = text.charCodeAt(start);
  if (c > 32 && c < 127) return false;
  return text.slice(start, end).trim() === '';
}

/** Scans the text into columns of field offsets (see ScannedCsv). */
export function scanCsvColumns(text: string, delimiter: string, onProgress?: (fraction: number) => void): ScannedCsv {
  const scanned = new ScannedCsv(text);
  const length = text.length;
  let position = 0;
  let nextReport = 1 << 22;
  // The next quote and delimiter are looked up only once passed, so a file with one late quote (or no
  // delimiter at all) stays linear.
  let quote = text.indexOf('"');
  let nextDelimiter = text.indexOf(delimiter);
  const fields = new RowFields();
  while (position < length) {
    let end = text.indexOf('\n', position);
    if (end === -1) end = length;
    if (quote !== -1 && quote < position) quote = text.indexOf('"', position);
    fields.clear();
    if (quote === -1 || quote > end) {
      const lineEnd = end > position && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      let from = position;
      if (nextDelimiter !== -1 && nextDelimiter < from) nextDelimiter = text.indexOf(delimiter, from);
      while (nextDelimiter !== -1 && nextDelimiter < lineEnd) {
        fields.add(from, nextDelimiter);
        from = nextDelimiter + delimiter.length;
        nextDelimiter = text.indexOf(delimiter, from);
      }
      fields.add(from, lineEnd);
      position = end + 1;
    } else {
      const simple = scanSimpleQuotedRow(text, position, delimiter, fields);
      if (simple === -1) {
        fields.clear();
        position = scanQuotedRow(text, position, delimiter, fields);
      } else position = simple;
    }
    scanned.addRow(fields);
    if (onProgress && position > nextReport) {
      onProgress(position / length);
      nextReport = position + (1 << 22);
    }
  }
  return scanned;
}

/**
 * The common quoted row, read field by field without building strings: every field either unquoted without
 * quotes, or wholly quoted without doubled quotes or a line break inside (MLIT and e-Stat quote every field).
 * Returns where the next row starts, or -1 when the row is not that simple (the general scanner reads it).
 */
function scanSimpleQuotedRow(text: string, start: number, delimiter: string, fields: RowFields): number {
  const length = text.length;
  const d = delimiter.charCodeAt(0);
  let lineBreak = text.indexOf('\n', start);
  if (lineBreak === -1) lineBreak = length;
  let i = start;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      const close = text.indexOf('"', i + 1);
      // No closing quote on this line (a line break inside quotes), or a doubled quote: not simple.
      if (close === -1 || close > lineBreak || text.charCodeAt(close + 1) === 34) return -1;
      fields.add(i + 1, close);
      i = close + 1;
    } else {
      let j = i;
      for (; j < length; j++) {
        const c = text.charCodeAt(j);
        if (c === d || c === 10 || c === 13) break;
        if (c === 34) return -1;
      }
      fields.add(i, j);
      i = j;
    }
    const c = text.charCodeAt(i);
    if (i >= length) return length;
    if (c === d) {
      i++;
      continue;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) return i + 2;
    if (c === 10 || c === 13) return i + 1;
    return -1;
  }
}

/** Scans one row that contains a quote, from `start`, into `fields`; returns where the next row starts. */
function scanQuotedRow(text: string, start: number, delimiter: string, fields: RowFields): number {
  let field = '';
  let i = start;
  let quoted = false;
  let fieldStart = start;
  // A field is kept as offsets when it is a plain slice of the text (unquoted, or quoted without
  // doubled quotes); otherwise as the string built here.
  let plain = true;
  let sliceStart = start, sliceEnd = start;
  const push = () => {
    if (plain) fields.add(sliceStart, sliceEnd);
    else fields.add(0, 0, field);
    field = '';
    plain = true;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      // Inside quotes the next quote is looked up at once (a file quoting every field is read as fast as one
      // without quotes, not character by character).
      const q = text.indexOf('"', i);
      if (q === -1) {
        field += text.slice(i);
        i = text.length;
        break;
      }
      field += text.slice(i, q);
      if (text[q + 1] === '"') {
        field += '"';
        plain = false;
        i = q + 2;
        continue;
      }
      quoted = false;
      sliceEnd = q;
      i = q + 1;
    } else if (c === '"' && field.trim() === '') {
      // An opening quote (after optional blanks): the field is what the quotes hold.
      quoted = true;
      field = '';
      sliceStart = i + 1;
      plain = true;
      fieldStart = -1;
      i++;
    } else if (c === delimiter) {
      if (fieldStart !== -1) sliceEnd = i;
      push();
      i++;
      fieldStart = sliceStart = i;
    } else if (c === '\n' || c === '\r') {
      if (fieldStart !== -1) sliceEnd = i;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      push();
      return i;
    } else {
      // Text after a closing quote (`"ab"cd`) is added to the field, as papaparse does: not a slice.
      if (fieldStart === -1) plain = false;
      // The run of ordinary characters up to the next quote, delimiter or line end, in one slice.
      let j = i + 1;
      while (j < text.length) {
        const d = text[j]!;
        if (d === '"' || d === delimiter || d === '\n' || d === '\r') break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (fieldStart !== -1) sliceEnd = i;
  // The text ended inside quotes: the field is what was read.
  if (quoted) plain = false;
  push();
  return i;
}

/** The rows of a CSV text as arrays of strings (papaparse's result for the same text). */
export function scanCsv(text: string, delimiter: string, onProgress?: (fraction: number) => void): string[][] {
  const scanned = scanCsvColumns(text, delimiter, onProgress);
  return Array.from({ length: scanned.rowCount }, (_, row) => scanned.row(row));
}

const CANDIDATE_DELIMITERS = [',', '\t', ';', '|'];

/**
 * Picks the delimiter that splits the first lines into the same number (>1) of fields most often;
 * a comma wins ties (Excel's default). Quoted parts are ignored when counting.
 */
export function detectDelimiter(text: string): string {
  const lines = text.slice(0, 64 * 1024).split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20).map((l) => l.replace(/"[^"]*"/g, ''));
  let best = ',';
  let bestScore = 0;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = lines.map((l) => l.split(delimiter).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const score = counts.filter((c) => c === first).length * Math.min(first, 50);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}
