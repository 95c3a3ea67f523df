/** What a receiving state's liaison answers to an expedited protection request (spec 3.4). */
export enum ExpediteAnswer {
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  MORE_INFORMATION_NEEDED = 'MORE_INFORMATION_NEEDED',
  GRANTED = 'GRANTED',
  REFUSED = 'REFUSED',
}

/** A request's state: its latest answer, or PENDING before any. */
export type ExpediteStatus = 'PENDING' | ExpediteAnswer;

/**
 * Only a decision stops the deadline clock. An acknowledgement or a question is not protection:
 * the person is in immediate danger until the state grants or refuses, so silence on the decision
 * past the deadline escalates even after an ACKNOWLEDGED.
 */
export const FINAL_ANSWERS: readonly ExpediteAnswer[] = [ExpediteAnswer.GRANTED, ExpediteAnswer.REFUSED];

export const isFinal = (answer: ExpediteAnswer): boolean => FINAL_ANSWERS.includes(answer);

/**
 * The parts of the person a coordinator may share with the liaison, each chosen per request.
 * The minimum a state needs to issue an emergency visa; never contact, location or narrative.
 */
export enum ExpediteShareField {
  GIVEN_NAME = 'GIVEN_NAME',
  FAMILY_NAME = 'FAMILY_NAME',
  PATRONYMIC = 'PATRONYMIC',
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  /** The case's first passport (type, number, issuing country, expiry). */
  TRAVEL_DOCUMENT = 'TRAVEL_DOCUMENT',
}

export interface ExpeditePersonShare {
  givenName?: string;
  familyName?: string;
  patronymic?: string;
  dateOfBirth?: string;
  travelDocument?: { type: string; number?: string; issuingCountry?: string; expiresOn?: string };
}

/** What the liaison issued when granting: sealed, shown to the case's staff with document access. */
export interface GrantedDocument {
  type: string;
  number?: string;
  validUntil?: string;
}

/** Application statuses from which an expedite request still makes sense. */
export const EXPEDITABLE_STATUSES = ['PREPARING', 'SUBMITTED', 'INTERVIEW', 'DEFERRED'] as const;
