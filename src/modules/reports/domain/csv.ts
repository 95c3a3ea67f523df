import { display, suppress } from './suppression';

export interface CrossTab {
  rowTitle: string;
  rowHxl: string;
  rowKeys: string[];
  columnKeys: string[];
  columnHxl: string[];
  totalHxl: string;
  /** counts[row][column] */
  counts: number[][];
}

/** RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet never evaluates a cell. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The exported table: a header row, the HXL hashtag row, one row per key, then the totals row —
 * every count through small-cell suppression (`<5`, and `*` for complementary cells).
 */
export function suppressedCsv(table: CrossTab): string {
  const suppressed = suppress(table.counts.length > 0 ? table.counts : [table.columnKeys.map(() => 0)]);
  const rowKeys = table.counts.length > 0 ? table.rowKeys : ['(none)'];
  const width = table.columnKeys.length + 1;
  const lines = [
    [table.rowTitle, ...table.columnKeys, 'Total'],
    [table.rowHxl, ...table.columnHxl, table.totalHxl],
    ...rowKeys.map((key, r) => [key, ...Array.from({ length: width }, (_, c) => display(suppressed, r, c))]),
    ['Total', ...Array.from({ length: width }, (_, c) => display(suppressed, rowKeys.length, c))],
  ];
  return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}
