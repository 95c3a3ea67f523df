import { csvField, suppressedCsv } from '../domain/csv';
import { countHxl, TOTAL_HXL } from '../domain/dimensions';

describe('suppressed CSV', () => {
  const csv = suppressedCsv({
    rowTitle: 'Current country',
    rowHxl: '#country+code+current',
    rowKeys: ['GE', 'TR'],
    columnKeys: ['EMERGENCY', 'URGENT', 'NORMAL'],
    columnHxl: ['EMERGENCY', 'URGENT', 'NORMAL'].map(countHxl),
    totalHxl: TOTAL_HXL,
    counts: [
      [2, 10, 30],
      [8, 12, 40],
    ],
  });
  const rows = csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

  it('has a header row, then the HXL hashtag row', () => {
    expect(rows[0]).toEqual(['Current country', 'EMERGENCY', 'URGENT', 'NORMAL', 'Total']);
    expect(rows[1]).toEqual(['#country+code+current', '#affected+hh+emergency', '#affected+hh+urgent', '#affected+hh+normal', '#affected+hh+total']);
  });

  it('prints small counts as <5 and complementary cells as *, with the totals', () => {
    expect(rows.slice(2)).toEqual([
      ['GE', '<5', '*', '30', '42'],
      ['TR', '*', '*', '40', '60'],
      ['Total', '10', '22', '70', '102'],
    ]);
  });

  it('quotes and defuses fields a spreadsheet would misread', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe(`'=1+1`);
    expect(csvField('GE')).toBe('GE');
  });
});
