import type { TestApp } from '../test-context';
import { bearer } from './staff';

export const person = (overrides: Record<string, unknown> = {}) => ({
  givenName: 'Elvin',
  familyName: 'Məmmədov',
  patronymic: 'Rauf',
  dateOfBirth: '1994-03-17',
  ...overrides,
});

/** A complete intake body; every protected value is distinctive so scans can find leaks. */
export function intakeBody(overrides: Record<string, unknown> = {}) {
  return {
    person: person(),
    contact: { channels: [{ type: 'SIGNAL', value: '+994 50 123 45 67' }], safeContactInstructions: 'Only after 21:00, ask for Leyla' },
    location: { city: 'Sumqayit', address: 'Nizami street 12', safeHouse: 'Blue gate near the bakery' },
    originCountry: 'AZ',
    currentCountry: 'AZ',
    narrative: 'Detained at a checkpoint in September; phone searched by police',
    sogiesc: { sexualOrientation: 'gay', genderIdentity: 'man' },
    healthNeeds: 'Interrupted antiretroviral therapy',
    documents: [{ type: 'PASSPORT', number: 'C01234567', issuingCountry: 'AZ' }],
    dependants: [{ givenName: 'Aysel', familyName: 'Məmmədova', relationship: 'SISTER' }],
    consent: { services: true, sharing: true, resettlement: true, method: 'IN_PERSON', obtainedAt: '2026-01-10T10:00:00.000Z' },
    ...overrides,
  };
}

export async function newCase(
  app: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<{ reference: string; possibleDuplicate: boolean; duplicateCandidates: string[] }> {
  const response = await app.http!.inject({ method: 'POST', url: '/api/v1/cases', headers: bearer(token), payload: intakeBody(overrides) });
  if (response.statusCode !== 201) throw new Error(`intake failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/**
 * Erasure on request is four-eyes: `requester` asks, `confirmer` (another coordinator) confirms.
 * Returns the confirmation's answer (200 with `erasedAt` when the case was erased).
 */
export async function eraseCase(app: TestApp, reference: string, requesterToken: string, confirmerToken: string, reason = 'PERSON_REQUESTED') {
  const requested = await app.http!.inject({
    method: 'POST',
    url: `/api/v1/cases/${reference}/erasure`,
    headers: bearer(requesterToken),
    payload: { reason, confirmReference: reference },
  });
  if (requested.statusCode !== 202) throw new Error(`erasure request failed: ${requested.statusCode} ${requested.body}`);
  return app.http!.inject({
    method: 'POST',
    url: `/api/v1/cases/${reference}/erasure/confirmation`,
    headers: bearer(confirmerToken),
    payload: { confirmReference: reference },
  });
}
