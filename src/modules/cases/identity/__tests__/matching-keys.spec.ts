import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { redactPersonal } from '@infra/logging/redact';
import { blindIndexPurpose, MATCHING_KEY_KINDS, MatchingKey, type MatchingKeyLike } from '@modules/cases/identity/identity-key';
import { isPossibleDuplicate, matchingKeys, matchStrength, type IdentityInput } from '@modules/cases/identity/matching-keys';

const TODAY = new Date('2025-06-15T12:00:00Z');
const keysOf = (input: IdentityInput): MatchingKey[] => [...matchingKeys(input, TODAY)];
const listed = (input: IdentityInput): string[] => keysOf(input).map((key) => `${key.kind}:${key.value}`);

describe('matching keys of a person', () => {
  it('combines names with the date of birth, and adds phones', () => {
    expect(listed({ names: ['Elvin Rauf oğlu Məmmədov'], phones: ['050 123 45 67', 'garbage'], phoneCountry: 'AZ', birthDate: '17.04.1990' })).toEqual([
      'name:alvin mamadov',
      'name+birth-year:alvin mamadov|1990',
      'name+birth-date:alvin mamadov|1990-04-17',
      'name+patronymic:alvin mamadov|rauf',
      'name+initial+birth-date:mamadov|a|1990-04-17',
      'name+initial+birth-date:alvin|m|1990-04-17',
      'phone:+994501234567',
    ]);
  });

  it('never stores a date, a year or a name with initial on its own', () => {
    const kinds = keysOf({ names: ['Leyla Əliyeva', 'E. Mammadova'], birthDate: '1991' }).map((key) => key.kind);
    expect(kinds).toEqual(['name', 'name+birth-year']);
    expect(keysOf({ birthDate: '17.04.1990' })).toEqual([]);
  });

  it('leaves out what it cannot read', () => {
    expect(listed({ names: ['Leyla Əliyeva'], phones: ['050 123 45 67'], birthDate: '31.04.1990' })).toEqual(['name:aliav layla']);
  });

  it('takes every alias, without repeating a key', () => {
    expect(listed({ names: ['Leyla Əliyeva', 'Лейла Алиева', 'Leyla Məmmədova'] })).toEqual(['name:aliav layla', 'name:layla mamadov']);
  });

  it('stays bounded', () => {
    const keys = keysOf({ names: ['Leyla Aysel Günay Əliyeva-Məmmədova Rauf qızı'], birthDate: '17.04.1990' });
    expect(keys.length).toBeLessThanOrEqual(20);
    expect(keysOf({ names: ['Leyla Əliyeva Rauf qızı'], birthDate: '17.04.1990' })).toHaveLength(6);
  });
});

describe('match strength', () => {
  const elvin: IdentityInput = { names: ['Elvin Rauf oğlu Məmmədov'], birthDate: '17.04.1990', phones: ['+994 50 123 45 67'] };

  it.each<[string, IdentityInput, IdentityInput, string, string[], string[]]>([
    ['one person in two scripts', elvin, { names: ['Мамедов Эльвин Рауфович'], birthDate: '1990-04-17' }, 'strong', ['name+patronymic', 'name+birth-date'], []],
    ['same name, one date unknown', { names: ['Elvin Mammadov'] }, { names: ['Эльвин Мамедов'], birthDate: '1990' }, 'possible', ['name'], []],
    [
      'same name and year',
      { names: ['Elvin Mammadov'], birthDate: '1990' },
      { names: ['Elvin Mamedov'], birthDate: '17.04.1990' },
      'strong',
      ['name+birth-year'],
      [],
    ],
    [
      'same name, year, another day (typo?)',
      { names: ['Elvin Mammadov'], birthDate: '1990-04-17' },
      { names: ['Elvin Mammadov'], birthDate: '1990-04-18' },
      'strong',
      ['name+birth-year'],
      ['birth-date'],
    ],
    [
      '1 January does not contradict',
      { names: ['Elvin Mammadov'], birthDate: '01.01.1990' },
      { names: ['Elvin Mammadov'], birthDate: '1990-04-18' },
      'strong',
      ['name+birth-year'],
      [],
    ],
    [
      'namesakes: another year',
      { names: ['Elvin Mammadov'], birthDate: '1990' },
      { names: ['Elvin Mammadov'], birthDate: '1987' },
      'weak',
      ['name'],
      ['birth-year'],
    ],
    ['namesakes: another father', { names: ['Elvin Rauf oğlu Məmmədov'] }, { names: ['Elvin Vasif oğlu Məmmədov'] }, 'weak', ['name'], ['patronymic']],
    [
      'a second given name on one side only',
      { names: ['Leyla Aysel Rauf qızı Əliyeva'] },
      { names: ['Лейла Рауфовна Алиева'] },
      'strong',
      ['name+patronymic'],
      [],
    ],
    ['a shared phone only (household, safe contact)', { names: ['Leyla Əliyeva'], phones: ['+994501234567'] }, elvin, 'possible', ['phone'], []],
    ['phone and name', { names: ['Elvin Mammadov'], phones: ['050-123-45-67'], phoneCountry: 'AZ' }, elvin, 'strong', ['phone', 'name'], []],
    [
      'phone, name, another year',
      { names: ['Elvin Mammadov'], phones: ['+994501234567'], birthDate: '1960' },
      elvin,
      'possible',
      ['phone', 'name'],
      ['birth-year'],
    ],
    ['initial and date', { names: ['E. Məmmədov'], birthDate: '17.04.1990' }, elvin, 'possible', ['name+initial+birth-date'], []],
    ['initial without date', { names: ['E. Məmmədov'] }, elvin, 'none', [], []],
    ['brother and sister', { names: ['Elvin Aliyev'], birthDate: '1990-04-17' }, { names: ['Elvira Aliyeva'], birthDate: '1993-09-02' }, 'none', [], []],
    // Twins with one initial are flagged: one household, a caseworker looks.
    [
      'twins',
      { names: ['Elvin Aliyev'], birthDate: '1990-04-17' },
      { names: ['Elvira Aliyeva'], birthDate: '1990-04-17' },
      'possible',
      ['name+initial+birth-date'],
      [],
    ],
    ['near names', { names: ['Elvin Mahmudov'], birthDate: '17.04.1990' }, { ...elvin, birthDate: '1990-05-02' }, 'none', [], []],
    // Elvin M., born the same day: a misspelt family name is likely enough to show a caseworker.
    ['near names, same birth date', { names: ['Elvin Mahmudov'], birthDate: '17.04.1990' }, elvin, 'possible', ['name+initial+birth-date'], []],
    ['nothing known', {}, {}, 'none', [], []],
  ])('%s', (_label, a, b, level, reasons, conflicts) => {
    const strength = matchStrength(keysOf(a), keysOf(b));
    expect(strength).toEqual({ level, reasons, conflicts });
    expect(matchStrength(keysOf(b), keysOf(a))).toEqual(strength);
    expect(isPossibleDuplicate(strength)).toBe(level === 'possible' || level === 'strong');
  });

  it('gives the same answer on blind indexes as on the keys', () => {
    const secret = Buffer.alloc(32, 7);
    const blind = (keys: readonly MatchingKey[]): MatchingKeyLike[] =>
      keys.map((key) => ({
        kind: key.kind,
        value: createHmac('sha256', secret)
          .update(`${blindIndexPurpose(key.kind)}\u0000${key.value}`)
          .digest('hex')
          .slice(0, 16),
      }));
    const a = keysOf({ names: ['Elvin Mammadov'], birthDate: '1990-04-17' });
    const b = keysOf({ names: ['Мамедов Эльвин'], birthDate: '1990-04-18' });
    expect(matchStrength(blind(a), blind(b))).toEqual(matchStrength(a, b));
  });

  it('answers with codes only', () => {
    const strength = matchStrength(keysOf(elvin), keysOf(elvin));
    const text = JSON.stringify(strength);
    for (const key of keysOf(elvin)) expect(text).not.toContain(key.value);
    expect(text).not.toMatch(/mamadov|alvin|1990|994/);
  });
});

describe('matching keys never show their value', () => {
  const key = new MatchingKey('name', 'alvin mamadov');

  it('in JSON, inspect, strings and the logger', () => {
    expect(JSON.stringify({ keys: [key] })).not.toContain('mamadov');
    expect(inspect({ keys: [key] })).not.toContain('mamadov');
    expect(String(key)).not.toContain('mamadov');
    expect(JSON.stringify(redactPersonal({ key }))).not.toContain('mamadov');
  });

  it('and cannot be changed', () => {
    expect(Object.isFrozen(key)).toBe(true);
  });

  it('have one blind-index purpose per kind, in the form the blind indexer accepts', () => {
    const purposes = MATCHING_KEY_KINDS.map(blindIndexPurpose);
    expect(new Set(purposes).size).toBe(MATCHING_KEY_KINDS.length);
    for (const purpose of purposes) expect(purpose).toMatch(/^case\.match_[a-z_]+\.v\d+$/);
  });
});
