import { CaseFieldGroup } from '@modules/access/case-access.policy';

/**
 * The fixed catalogue a caseworker picks a share's field set from (spec 3.8). Part of the partner
 * contract. The case reference is always shared: it is how the agency addresses the case.
 */
export enum SharedField {
  FIRST_NAME = 'firstName',
  CONTACT_CHANNELS = 'contactChannels',
  CITY = 'city',
  CURRENT_COUNTRY = 'currentCountry',
  NEEDS = 'needs',
  DEPENDANTS_COUNT = 'dependantsCount',
  STAGE = 'stage',
  PRIORITY = 'priority',
  NEXT_CHECKIN_DUE = 'nextCheckinDue',
}

export const SHARED_FIELDS: readonly SharedField[] = Object.values(SharedField);

/**
 * The sealed group each field is cut from; fields of plain columns need none. Only these groups
 * are ever decrypted for a partner, and only the named part of each leaves.
 */
const GROUP_OF: Partial<Record<SharedField, CaseFieldGroup>> = {
  [SharedField.FIRST_NAME]: CaseFieldGroup.Identity,
  [SharedField.CONTACT_CHANNELS]: CaseFieldGroup.Contact,
  [SharedField.CITY]: CaseFieldGroup.Location,
  [SharedField.NEEDS]: CaseFieldGroup.Health,
};

export function fieldGroupsFor(fields: readonly SharedField[]): CaseFieldGroup[] {
  return [...new Set(fields.map((field) => GROUP_OF[field]).filter((group): group is CaseFieldGroup => group !== undefined))].sort();
}

/** Why a case is shared: codes, not prose, so nothing personal sits in a plain column. */
export enum SharePurpose {
  SHELTER = 'SHELTER',
  TRANSIT_SUPPORT = 'TRANSIT_SUPPORT',
  CHECKINS = 'CHECKINS',
  MEDICAL = 'MEDICAL',
  DOCUMENTATION = 'DOCUMENTATION',
  LEGAL = 'LEGAL',
  RESETTLEMENT = 'RESETTLEMENT',
}

/** What a partner may report having done for a person (spec 3.8). */
export enum ServiceUpdateType {
  SHELTER_PROVIDED = 'SHELTER_PROVIDED',
  TICKET_BOOKED = 'TICKET_BOOKED',
  DOCUMENTS_OBTAINED = 'DOCUMENTS_OBTAINED',
  MEDICAL_CARE = 'MEDICAL_CARE',
  CASH_ASSISTANCE = 'CASH_ASSISTANCE',
}

/** The AAD table name of service-update notes. */
export const SERVICE_UPDATES_TABLE = 'service_updates';
