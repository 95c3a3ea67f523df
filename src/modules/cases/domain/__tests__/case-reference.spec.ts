import {
  CASE_REFERENCE_ALPHABET,
  CASE_REFERENCE_ENTROPY_BITS,
  CASE_REFERENCE_SPACE,
  generateCaseReference,
  isCaseReference,
} from '@modules/cases/domain/case-reference';

describe('case references', () => {
  it('uses 30 unambiguous symbols', () => {
    expect(CASE_REFERENCE_ALPHABET).toHaveLength(30);
    expect(new Set(CASE_REFERENCE_ALPHABET).size).toBe(30);
    for (const confusable of ['0', 'O', '1', 'I', 'L']) expect(CASE_REFERENCE_ALPHABET).not.toContain(confusable);
  });

  it('documents its entropy: 30^8 references, about 39 bits', () => {
    expect(CASE_REFERENCE_SPACE).toBe(656_100_000_000);
    expect(CASE_REFERENCE_ENTROPY_BITS).toBeCloseTo(39.26, 2);
  });

  it('generates 10,000 valid, distinct references that use the whole alphabet evenly', () => {
    const references = Array.from({ length: 10_000 }, () => generateCaseReference());
    expect(references.every((reference) => isCaseReference(reference))).toBe(true);
    expect(new Set(references).size).toBe(references.length);

    const counts = new Map<string, number>();
    for (const reference of references) for (const symbol of reference.slice(2).replace('-', '')) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe([...CASE_REFERENCE_ALPHABET].sort().join(''));
    // 80,000 symbols, ~2,667 expected each (σ ≈ 51); ±400 is about 8 σ, so this does not flake.
    for (const count of counts.values()) expect(Math.abs(count - 80_000 / 30)).toBeLessThan(400);
  });

  it('is not sequential: consecutive references share no common prefix beyond chance', () => {
    const references = Array.from({ length: 1_000 }, () => generateCaseReference());
    const sameFirstSymbol = references.slice(1).filter((reference, i) => reference[2] === references[i]?.[2]).length;
    expect(sameFirstSymbol).toBeLessThan(100); // ~33 expected at random; a counter would give ~999
  });

  it('maps the random source onto the alphabet', () => {
    expect(generateCaseReference(() => 0)).toBe('C-2222-2222');
    expect(generateCaseReference(() => 29)).toBe('C-ZZZZ-ZZZZ');
    let next = 0;
    expect(generateCaseReference(() => next++)).toBe('C-2345-6789');
    expect(() => generateCaseReference(() => 30)).toThrow(RangeError);
  });

  it.each(['C-7KQ4-M2XD', 'C-2222-2222', 'C-ZZZZ-ZZZZ'])('accepts %s', (reference) => {
    expect(isCaseReference(reference)).toBe(true);
  });

  it.each([
    ['lower case', 'c-7kq4-m2xd'],
    ['a zero', 'C-7KQ4-M2X0'],
    ['an O', 'C-7KQ4-M2XO'],
    ['a one', 'C-1KQ4-M2XD'],
    ['an I', 'C-IKQ4-M2XD'],
    ['an L', 'C-LKQ4-M2XD'],
    ['a U', 'C-UKQ4-M2XD'],
    ['no dash', 'C-7KQ4M2XD'],
    ['no prefix', '7KQ4-M2XD'],
    ['another prefix', 'D-7KQ4-M2XD'],
    ['too short', 'C-7KQ4-M2X'],
    ['too long', 'C-7KQ4-M2XDD'],
    ['surrounding space', ' C-7KQ4-M2XD'],
    ['a trailing newline', 'C-7KQ4-M2XD\n'],
    ['a number', 42],
    ['nothing', undefined],
  ])('rejects %s', (_name, value) => {
    expect(isCaseReference(value)).toBe(false);
  });
});
