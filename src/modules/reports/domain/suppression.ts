/**
 * Small-cell suppression for tables that leave the staff API (CSV exports, partner reports).
 *
 * A table of counts is published with its row totals, column totals and grand total. Every
 * count below the threshold (5) is shown as `<5` (primary suppression). That alone is not
 * enough: a row `3 | 10 | total 13` with the 3 hidden gives it back as 13 − 10. So, treating each
 * row and each column (with its total, including the totals row and column) as an equation,
 * complementary cells are withheld until no equation has exactly one unknown, and no equation
 * with a published total has unknowns that are all zero (their sum, 0, would give each of them).
 * Each step withholds the smallest published entry of an offending line, preferring inner cells
 * to totals; the set only grows, so the loop ends.
 *
 * The guarantee is against subtraction along rows and columns (and chains of it: with no line
 * holding a single unknown, no value can be solved one line at a time). It is the standard
 * rule of statistical agencies, not a proof against every linear-programming attack; keep
 * exported tables small and two-dimensional.
 */

export const SUPPRESSION_THRESHOLD = 5;

export type CellState = 'published' | 'primary' | 'complementary';

/**
 * A table with its margins: (rows + 1) × (columns + 1), the last row holding the column totals
 * and the last column the row totals (bottom-right: the grand total).
 */
export class SuppressedTable {
  private constructor(
    readonly height: number,
    readonly width: number,
    private readonly values: number[],
    private readonly states: CellState[],
  ) {}

  /** Row and column totals around an inner table of non-negative integer counts, nothing suppressed yet. */
  static fromCounts(inner: number[][]): SuppressedTable {
    const columns = inner[0]?.length ?? 0;
    if (columns === 0) throw new RangeError('a table needs at least one column');
    for (const row of inner) {
      if (row.length !== columns) throw new RangeError('ragged table');
      for (const value of row) if (!Number.isInteger(value) || value < 0) throw new RangeError('counts must be non-negative integers');
    }
    const width = columns + 1;
    const height = inner.length + 1;
    const values = new Array<number>(height * width).fill(0);
    inner.forEach((row, r) =>
      row.forEach((value, c) => {
        values[r * width + c] = value;
        values[r * width + columns] = (values[r * width + columns] ?? 0) + value;
        values[inner.length * width + c] = (values[inner.length * width + c] ?? 0) + value;
        values[inner.length * width + columns] = (values[inner.length * width + columns] ?? 0) + value;
      }),
    );
    return new SuppressedTable(height, width, values, new Array<CellState>(height * width).fill('published'));
  }

  value(r: number, c: number): number {
    return this.values[r * this.width + c] ?? 0;
  }

  state(r: number, c: number): CellState {
    return this.states[r * this.width + c] ?? 'published';
  }

  hidden(r: number, c: number): boolean {
    return this.state(r, c) !== 'published';
  }

  mark(r: number, c: number, state: CellState): void {
    this.states[r * this.width + c] = state;
  }
}

interface Position {
  r: number;
  c: number;
  /** The line's total (its last entry). */
  total: boolean;
}

/** Every row and column of the full table (totals included): each is one equation, cells = total. */
export function linesOf(height: number, width: number): Position[][] {
  const result: Position[][] = [];
  for (let r = 0; r < height; r += 1) result.push(Array.from({ length: width }, (_, c) => ({ r, c, total: c === width - 1 })));
  for (let c = 0; c < width; c += 1) result.push(Array.from({ length: height }, (_, r) => ({ r, c, total: r === height - 1 })));
  return result;
}

export function suppress(inner: number[][], threshold = SUPPRESSION_THRESHOLD): SuppressedTable {
  const table = SuppressedTable.fromCounts(inner);
  for (let r = 0; r < table.height; r += 1) for (let c = 0; c < table.width; c += 1) if (table.value(r, c) < threshold) table.mark(r, c, 'primary');
  const lines = linesOf(table.height, table.width);
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const unknown = line.filter(({ r, c }) => table.hidden(r, c));
      if (unknown.length === 0) continue;
      const total = line.find((position) => position.total);
      // With the total published, hidden entries that are all zero sum to 0 and so give each of them away.
      const allZero = total !== undefined && !table.hidden(total.r, total.c) && unknown.every(({ r, c }) => table.value(r, c) === 0);
      if (unknown.length > 1 && !allZero) continue;
      const next = line
        .filter(({ r, c, total: isTotal }) => !table.hidden(r, c) && (!allZero || isTotal || table.value(r, c) > 0))
        // Inner cells before totals, then the smallest: the least information given up.
        .sort((a, b) => Number(a.total) - Number(b.total) || table.value(a.r, a.c) - table.value(b.r, b.c))[0];
      if (!next) continue;
      table.mark(next.r, next.c, 'complementary');
      changed = true;
    }
  }
  return table;
}

/** How a cell is printed: the count, `<5` for a small count, `*` for one withheld to protect another. */
export function display(table: SuppressedTable, r: number, c: number, threshold = SUPPRESSION_THRESHOLD): string {
  const state = table.state(r, c);
  if (state === 'primary') return `<${threshold}`;
  if (state === 'complementary') return '*';
  return String(table.value(r, c));
}
