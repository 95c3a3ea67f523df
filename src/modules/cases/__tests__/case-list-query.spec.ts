import { caseListQuery, type CaseListFilter } from '@modules/cases/case-list.query';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const base: CaseListFilter = { includeClosed: false, withNames: true };

describe('caseListQuery', () => {
  it('puts every value in a parameter, never in the text', () => {
    const filter: CaseListFilter = {
      ...base,
      assignedTo: '11111111-1111-1111-1111-111111111111',
      stage: "INTAKE'; DROP TABLE cases; --",
      priority: 'URGENT',
      flag: 'IN_HIDING',
      originCountry: 'AZ',
      currentCountry: 'GE',
      activationId: '22222222-2222-2222-2222-222222222222',
      possibleDuplicate: true,
      triageOverdueAt: NOW,
      checkinOverdueAt: NOW,
      nameDigests: ['digest-one', 'digest-two'],
    };
    const { text, values } = caseListQuery(filter, { createdAt: NOW, id: '33333333-3333-3333-3333-333333333333' }, 50, NOW);
    for (const value of ['DROP TABLE', '11111111', 'URGENT', 'IN_HIDING', "'AZ'", "'GE'", '22222222', '33333333', 'digest-one', '2026-12-06'])
      expect(text).not.toContain(value);
    expect(values).toEqual(expect.arrayContaining([filter.stage, filter.assignedTo, ['digest-one', 'digest-two'], 51, '2026-12-06']));
    // Every placeholder has its value, and no value is left without one.
    const placeholders = new Set([...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
    expect([...placeholders].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
  });

  it('chooses the page before any join, one more row than the page to know whether another follows', () => {
    const { text, values } = caseListQuery({ ...base, assignedTo: '11111111-1111-1111-1111-111111111111' }, null, 50, NOW);
    const inner = text.slice(0, text.indexOf('SELECT', text.indexOf('LIMIT')));
    expect(inner).toMatch(/ORDER BY c\.created_at DESC, c\.id DESC LIMIT \$\d+::int/);
    expect(inner).not.toMatch(/data_keys|checkin_schedules|safe_country_stays|escalations/);
    expect(values).toContain(51);
    expect(text).toContain(`c.stage <> 'CLOSED'`);
    expect(caseListQuery({ ...base, includeClosed: true }, null, 50, NOW).text).not.toContain(`c.stage <> 'CLOSED'`);
  });

  it('reads neither the wrapped key nor the sealed name without names', () => {
    const { text } = caseListQuery({ ...base, withNames: false }, null, 50, NOW);
    expect(text).not.toContain('data_keys');
    expect(text).toContain('NULL::bytea AS person_sealed');
    // The other sealed groups are never read, with or without names.
    for (const column of [
      'contact_sealed',
      'location_sealed',
      'narrative_sealed',
      'sogiesc_sealed',
      'health_sealed',
      'documents_sealed',
      'dependants_sealed',
    ]) {
      expect(caseListQuery(base, null, 50, NOW).text).not.toContain(column);
    }
  });

  it('gives each filter combination its own text, and the same combination the same text', () => {
    const a = caseListQuery({ ...base, stage: 'INTAKE' }, null, 50, NOW).text;
    expect(caseListQuery({ ...base, stage: 'TRIAGED' }, null, 20, new Date('2027-01-01T00:00:00Z')).text).toBe(a);
    expect(caseListQuery({ ...base, priority: 'URGENT' }, null, 50, NOW).text).not.toBe(a);
  });
});
