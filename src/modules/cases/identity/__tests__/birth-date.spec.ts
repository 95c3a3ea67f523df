import { birthDateKey, parseBirthDate, type BirthDateInput } from '@modules/cases/identity/birth-date';

const TODAY = new Date('2025-06-15T12:00:00Z');

describe('dates of birth', () => {
  it.each<[BirthDateInput, { year: number; month: number | null; day: number | null }, { date: string | null; year: string }]>([
    ['1990-04-17', { year: 1990, month: 4, day: 17 }, { date: '1990-04-17', year: '1990' }],
    ['17.04.1990', { year: 1990, month: 4, day: 17 }, { date: '1990-04-17', year: '1990' }],
    ['7.4.1990', { year: 1990, month: 4, day: 7 }, { date: '1990-04-07', year: '1990' }],
    [' 1990-04-17 ', { year: 1990, month: 4, day: 17 }, { date: '1990-04-17', year: '1990' }],
    ['1990', { year: 1990, month: null, day: null }, { date: null, year: '1990' }],
    ['1990-04', { year: 1990, month: 4, day: null }, { date: null, year: '1990' }],
    ['00.00.1990', { year: 1990, month: null, day: null }, { date: null, year: '1990' }],
    ['1990-00-00', { year: 1990, month: null, day: null }, { date: null, year: '1990' }],
    ['00.04.1990', { year: 1990, month: 4, day: null }, { date: null, year: '1990' }],
    ['２０００-０２-２９', { year: 2000, month: 2, day: 29 }, { date: '2000-02-29', year: '2000' }], // leap day, full-width digits
    ['29.02.1996', { year: 1996, month: 2, day: 29 }, { date: '1996-02-29', year: '1996' }],
    ['31.12.1999', { year: 1999, month: 12, day: 31 }, { date: '1999-12-31', year: '1999' }],
    // 1 January: often a registry's placeholder for an unknown day, so the year only
    ['01.01.1985', { year: 1985, month: 1, day: 1 }, { date: null, year: '1985' }],
    ['1900-01-01', { year: 1900, month: 1, day: 1 }, { date: null, year: '1900' }],
    // up to today, as far as known
    ['2025-06-15', { year: 2025, month: 6, day: 15 }, { date: '2025-06-15', year: '2025' }],
    ['2025-06', { year: 2025, month: 6, day: null }, { date: null, year: '2025' }],
    ['2025', { year: 2025, month: null, day: null }, { date: null, year: '2025' }],
    [{ year: 1990 }, { year: 1990, month: null, day: null }, { date: null, year: '1990' }],
    [
      { year: 1990, month: 4, day: 17 },
      { year: 1990, month: 4, day: 17 },
      { date: '1990-04-17', year: '1990' },
    ],
    [
      { year: 1990, month: null, day: null },
      { year: 1990, month: null, day: null },
      { date: null, year: '1990' },
    ],
  ])('%p', (input, parsed, key) => {
    expect(parseBirthDate(input, TODAY)).toEqual(parsed);
    expect(birthDateKey(input, TODAY)).toEqual(key);
  });

  it.each<[BirthDateInput]>([
    ['1990-02-29'], // not a leap year
    ['1900-02-29'], // century, not a leap year
    ['1990-04-31'],
    ['31.06.1990'],
    ['1990-13-01'],
    ['32.01.1990'],
    ['1990-00-17'], // a day without a month
    ['17.00.1990'],
    ['1899-12-31'],
    ['2025-06-16'], // tomorrow
    ['2025-07'],
    ['2026'],
    ['04/17/1990'], // slashes: DD/MM or MM/DD?
    ['17/04/1990'],
    ['1990/04/17'],
    ['1990-4-17'],
    ['90-04-17'],
    ['19900417'],
    ['1990-04-17T00:00:00Z'],
    [''],
    ['unknown'],
    [{ year: 1990.5 }],
    [{ year: Number.NaN }],
    [{ year: 1990, day: 3 }],
    [{ year: 1990, month: 2, day: 30 }],
    [{ year: 1990, month: 0 }],
  ])('refuses %p', (input) => {
    expect(parseBirthDate(input, TODAY)).toBeNull();
    expect(birthDateKey(input, TODAY)).toBeNull();
  });
});
