import { ApiProblem, pointerToPath, toProblem } from '../problem';

describe('problem+json as the console reads it', () => {
  it('keeps field errors by pointer, the stable code and the unmet guards of a 409', () => {
    const problem = toProblem(
      409,
      {
        type: 'urn:corridor:problem:stage-transition-refused',
        title: 'Conflict',
        detail: 'The case cannot move from INTAKE to TRIAGED.',
        guard: 'triage-required',
        unmet: [{ guard: 'triage-required', description: 'The case must be triaged first', detail: 'no triage recorded' }, { nonsense: true }, 'text'],
      },
      null,
    );
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.code).toBe('stage-transition-refused');
    expect(problem.unmet).toEqual([{ guard: 'triage-required', description: 'The case must be triaged first', detail: 'no triage recorded' }]);
  });

  it('takes the single guard when no list is given', () => {
    const problem = toProblem(
      409,
      { type: 'urn:corridor:problem:four-eyes-approval-required', detail: 'Another coordinator must confirm.', guard: 'four-eyes-approval-required' },
      null,
    );
    expect(problem.unmet).toEqual([{ guard: 'four-eyes-approval-required', description: 'Another coordinator must confirm.', detail: undefined }]);
  });

  it('reads Retry-After as seconds or as an HTTP date, never negative', () => {
    expect(toProblem(429, {}, '30').retryAfterSeconds).toBe(30);
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    expect(toProblem(429, {}, inTwoMinutes).retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(toProblem(429, {}, new Date(Date.now() - 60_000).toUTCString()).retryAfterSeconds).toBe(0);
    expect(toProblem(429, {}, 'soon').retryAfterSeconds).toBeUndefined();
  });

  it('places field errors and tolerates a body that is not an object', () => {
    const problem = toProblem(400, { errors: [{ pointer: '/person/givenName', detail: 'must not be empty' }, { pointer: 3 }] }, null);
    expect(problem.fields).toEqual([{ pointer: '/person/givenName', detail: 'must not be empty' }]);
    expect(pointerToPath('/contact/channels/0/value')).toBe('contact.channels.0.value');
    expect(pointerToPath('/a~1b/c~0d')).toBe('a/b.c~d');
    expect(toProblem(502, 'Bad gateway', null)).toMatchObject({ status: 502, code: 'http-502', fields: [], unmet: [] });
  });
});
