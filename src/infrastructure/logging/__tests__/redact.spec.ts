import { describeErrorForLog } from '@infra/logging/error-description';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { REDACTED, UNMATCHED_PATH, loggablePath, redactPersonal } from '@infra/logging/redact';

class PersonDto {
  @PersonalData()
  fullName = 'Elvin Mammadov';

  @PersonalData()
  phone = '+994501234567';

  reference = 'C-7KQ4-M2XD';
}

describe('redactPersonal', () => {
  it('replaces fields marked @PersonalData and keeps the rest', () => {
    expect(redactPersonal({ person: new PersonDto(), count: 2 })).toEqual({
      person: { fullName: REDACTED, phone: REDACTED, reference: 'C-7KQ4-M2XD' },
      count: 2,
    });
  });

  it('reaches into arrays and nested objects', () => {
    const redacted = JSON.stringify(redactPersonal({ batch: [{ inner: new PersonDto() }] }));
    expect(redacted).not.toContain('Mammadov');
    expect(redacted).not.toContain('+994');
  });
});

describe('loggablePath', () => {
  it('logs the route template, never the path as sent', () => {
    expect(loggablePath('/c/:token')).toBe('/c/:token');
    expect(loggablePath('/api/v1/cases/:reference')).toBe('/api/v1/cases/:reference');
  });

  it('logs a path no route matched as (unmatched)', () => {
    expect(loggablePath(undefined)).toBe(UNMATCHED_PATH);
    expect(loggablePath('')).toBe(UNMATCHED_PATH);
  });
});

describe('describeErrorForLog', () => {
  it('scrubs values a database error quotes', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "x": Key (email)=(leyla@example.org) already exists'), {
      name: 'QueryFailedError',
      code: '23505',
      parameters: ['leyla@example.org'],
      detail: 'Key (email)=(leyla@example.org) already exists.',
    });
    const described = describeErrorForLog(error);
    expect(JSON.stringify(described)).not.toContain('leyla@example.org');
    expect(described).toMatchObject({ type: 'QueryFailedError', code: '23505' });
  });

  it('describes non-errors without their content', () => {
    expect(describeErrorForLog({ secret: 'x' })).toEqual({ type: 'object', message: 'non-error thrown' });
  });
});
