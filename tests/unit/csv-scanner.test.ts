import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { detectDelimiter, scanCsv, scanCsvColumns } from '../../src/lib/io/csv-scanner';

/** papaparse is the reference: the scanner must split exactly as it does. */
const reference = (text: string, delimiter: string) => Papa.parse<string[]>(text, { header: false, delimiter, skipEmptyLines: 'greedy' }).data;

describe('scanCsv agrees with papaparse', () => {
  const cases: Record<string, string> = {
    plain: 'a,b,c\n1,2,3\n4,5,6\n',
    crlf: 'a,b\r\n1,2\r\n3,4\r\n',
    'no final newline': 'a,b\n1,2',
    'quoted delimiter and doubled quotes': 'a,b\n"x, y","say ""hi"""\n3,4\n',
    'line break inside quotes': '名称,説明\n島原城,"【入館料】大人550円\n【駐車料】乗用車330円"\n武家屋敷,x\n',
    'empty fields and blank lines': 'a,b,c\n,,\n\n1,,3\n   \n',
    'quote late in a long file': 'a,b\n' + '1,2\n'.repeat(1000) + '"3",4\n',
    'empty quoted field': 'a,b\n"",x\n',
    'a quote inside an unquoted field': 'a,b\nab"c,2\n',
    'unterminated quote at the end': 'a,b\n1,"open\nstill open',
    'rows longer and shorter than the header': 'a,b\n1,2,3,4\n5\n"6",7,8\n',
    'ideographic spaces only (a blank row)': 'a,b\n\u3000,\u3000\n1,2\n',
    'quoted fields on every row (as many systems export)': '"名称","緯度"\n"研究学園駅","36.08"\n"つくば駅","36.08"\n',
    'a doubled quote only': 'a\n""""\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => expect(scanCsv(text, ',')).toEqual(reference(text, ',')));
  }

  it('reads malformed quoting as a person would, where papaparse runs on to the end of the file', () => {
    expect(scanCsv('a,b\n"ab"cd,2\n3,4\n', ',')).toEqual([['a', 'b'], ['abcd', '2'], ['3', '4']]);
    expect(scanCsv('a,b\n  "x,y",2\n', ',')).toEqual([['a', 'b'], ['x,y', '2']]);
  });

  it('reports progress on large input', () => {
    const fractions: number[] = [];
    scanCsv('a,b\n' + '123456,654321\n'.repeat(700_000), ',', (f) => fractions.push(f));
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f > fractions[i - 1]!))).toBe(true);
  });
});

describe('scanCsvColumns', () => {
  it('gives each column as offsets into the text, and the same fields as the rows scanner', () => {
    const text = 'a,b,c\n1,"x, y",3\n"say ""hi""",,\n4\n';
    const scanned = scanCsvColumns(text, ',');
    expect(scanned.rowCount).toBe(4);
    expect(scanned.columnCount).toBe(3);
    expect([0, 1, 2].map((c) => scanned.value(c, 1))).toEqual(['1', 'x, y', '3']);
    expect(scanned.value(0, 2)).toBe('say "hi"');
    expect(scanned.fieldCount(3)).toBe(1);
    expect(scanned.value(2, 3)).toBe('');
  });
});

describe('detectDelimiter', () => {
  it('finds comma, tab, semicolon and pipe, and ignores delimiters inside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a;b\n"1,5";2\n')).toBe(';');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
    expect(detectDelimiter('名称\n島原城\n')).toBe(',');
  });
});

describe('scanCsv stays linear', () => {
  it('on a one-column file with a delimiter only at the very end (no rescans per line)', () => {
    const text = 'name\n' + 'x\n'.repeat(300_000) + 'a,b\n';
    // Rescanning to the file's end for every line would take minutes here and hit the test timeout.
    const rows = scanCsv(text, ',');
    expect(rows).toHaveLength(300_002);
    expect(rows.at(-1)).toEqual(['a', 'b']);
  });
});

describe('scanCsvColumns on hostile shapes', () => {
  it('takes a header of 200,000 fields without a full-size array per column', () => {
    const header = Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',');
    const scanned = scanCsvColumns(`${header}\n1,2\n`, ',');
    expect(scanned.columnCount).toBe(200_000);
    expect(scanned.rowCount).toBe(2);
    expect(scanned.value(1, 1)).toBe('2');
    expect(scanned.value(199_999, 0)).toBe('c199999');
  });
});
