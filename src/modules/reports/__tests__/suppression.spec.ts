import fc from 'fast-check';
import { display, linesOf, suppress, SUPPRESSION_THRESHOLD, type SuppressedTable } from '../domain/suppression';

/**
 * What someone holding the published table can work out by subtraction: along every row and
 * column (totals included), a single unknown entry is the total minus the rest; unknowns whose
 * sum is 0 are each 0. Each value learnt is used again, until nothing more follows.
 */
function attack(table: SuppressedTable): Map<string, number> {
  const known = new Map<string, number>();
  for (let r = 0; r < table.height; r += 1) for (let c = 0; c < table.width; c += 1) if (!table.hidden(r, c)) known.set(`${r},${c}`, table.value(r, c));
  const learnt = new Map<string, number>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const line of linesOf(table.height, table.width)) {
      const unknown = line.filter(({ r, c }) => !known.has(`${r},${c}`));
      if (unknown.length === 0) continue;
      const totalEntry = line.find((p) => p.total)!;
      const totalKnown = known.has(`${totalEntry.r},${totalEntry.c}`);
      const knownCells = line.filter((p) => !p.total && known.has(`${p.r},${p.c}`)).reduce((sum, p) => sum + known.get(`${p.r},${p.c}`)!, 0);
      let solved: Array<[string, number]> = [];
      if (unknown.length === 1) {
        const [u] = unknown;
        const value = u!.total ? knownCells : known.get(`${totalEntry.r},${totalEntry.c}`)! - knownCells;
        solved = [[`${u!.r},${u!.c}`, value]];
      } else if (totalKnown && known.get(`${totalEntry.r},${totalEntry.c}`)! - knownCells === 0) {
        solved = unknown.map((u) => [`${u.r},${u.c}`, 0]);
      }
      for (const [key, value] of solved) {
        known.set(key, value);
        learnt.set(key, value);
        progress = true;
      }
    }
  }
  return learnt;
}

const small = (table: SuppressedTable): string[] => {
  const cells: string[] = [];
  for (let r = 0; r < table.height; r += 1) for (let c = 0; c < table.width; c += 1) if (table.value(r, c) < SUPPRESSION_THRESHOLD) cells.push(`${r},${c}`);
  return cells;
};

/** Tables of 1–6 rows × 1–5 columns, mostly small counts so that suppression has work to do. */
const tables = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 })).chain(([rows, columns]) =>
  fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: columns, maxLength: columns }), {
    minLength: rows,
    maxLength: rows,
  }),
);

describe('small-cell suppression', () => {
  it('shows counts below 5 as <5 and withholds a rectangle of complementary cells so no total gives it back', () => {
    const table = suppress([
      [3, 10, 20],
      [12, 15, 30],
    ]);
    const printed = Array.from({ length: table.height }, (_, r) => Array.from({ length: table.width }, (_, c) => display(table, r, c)));
    expect(printed).toEqual([
      ['<5', '*', '20', '33'],
      ['*', '*', '30', '57'],
      ['15', '25', '50', '90'],
    ]);
    expect(attack(table).size).toBe(0);
  });

  it('suppresses totals below 5 and whatever would give them back', () => {
    const table = suppress([
      [1, 2],
      [40, 50],
    ]);
    expect(table.hidden(0, 2)).toBe(true);
    expect(attack(table).size).toBe(0);
  });

  it('does not let all-zero unknowns be read off a published total', () => {
    // 0 and 0 against a total of 30: the hidden pair sums to 0, so each would be known.
    const table = suppress([
      [0, 0, 30],
      [10, 10, 10],
    ]);
    expect(attack(table).size).toBe(0);
  });

  it('property: no count below 5 is ever printed, and none can be worked out by subtraction', () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const table = suppress(counts);
        for (let r = 0; r < table.height; r += 1) {
          for (let c = 0; c < table.width; c += 1) {
            const printed = display(table, r, c);
            if (/^\d+$/.test(printed)) expect(Number(printed)).toBeGreaterThanOrEqual(SUPPRESSION_THRESHOLD);
          }
        }
        const learnt = attack(table);
        for (const cell of small(table)) expect({ cell, revealed: learnt.has(cell) }).toEqual({ cell, revealed: false });
        // Nothing published is ever a lie: published cells show their true value.
        for (let r = 0; r < table.height; r += 1)
          for (let c = 0; c < table.width; c += 1) if (!table.hidden(r, c)) expect(display(table, r, c)).toBe(String(table.value(r, c)));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a table with no small count is published whole', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 5, max: 500 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (counts) => {
        const table = suppress(counts);
        for (let r = 0; r < table.height; r += 1) for (let c = 0; c < table.width; c += 1) expect(table.hidden(r, c)).toBe(false);
      }),
    );
  });

  it('refuses tables that are not non-negative integer counts', () => {
    expect(() => suppress([[1, -1]])).toThrow(RangeError);
    expect(() => suppress([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppress([[1.5]])).toThrow(RangeError);
    expect(() => suppress([[]])).toThrow(RangeError);
  });
});
