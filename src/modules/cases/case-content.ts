import { CaseFieldGroup } from '@modules/access/case-access.policy';
import type { CaseEntity } from './case.entity';

export interface PersonDetails {
  givenName: string;
  familyName: string;
  patronymic?: string;
  aliases?: string[];
  /** ISO date, or a year alone when only that is known. */
  dateOfBirth?: string;
  gender?: string;
}

export interface ContactDetails {
  channels: Array<{ type: string; value: string }>;
  safeContactInstructions?: string;
}

export interface LocationDetails {
  city?: string;
  address?: string;
  safeHouse?: string;
}

export interface SogiescDetails {
  sexualOrientation?: string;
  genderIdentity?: string;
  genderExpression?: string;
  sexCharacteristics?: string;
  notes?: string;
}

export interface DocumentDetails {
  type: string;
  number?: string;
  issuingCountry?: string;
  expiresOn?: string;
}

export interface DependantDetails {
  givenName: string;
  familyName: string;
  relationship: string;
  dateOfBirth?: string;
}

/** The protected part of a case file, by field group. */
export interface CaseProtectedContent {
  [CaseFieldGroup.Identity]?: PersonDetails;
  [CaseFieldGroup.Contact]?: ContactDetails;
  [CaseFieldGroup.Location]?: LocationDetails;
  [CaseFieldGroup.Narrative]?: string;
  [CaseFieldGroup.Sogiesc]?: SogiescDetails;
  [CaseFieldGroup.Health]?: string;
  [CaseFieldGroup.Documents]?: DocumentDetails[];
  [CaseFieldGroup.Dependants]?: DependantDetails[];
}

export type SealedGroup = Exclude<CaseFieldGroup, CaseFieldGroup.Notes>;

/** Where each group is sealed; notes live in their own table. */
export const SEALED_COLUMN: Record<SealedGroup, keyof CaseEntity & `${string}Sealed`> = {
  [CaseFieldGroup.Identity]: 'personSealed',
  [CaseFieldGroup.Contact]: 'contactSealed',
  [CaseFieldGroup.Location]: 'locationSealed',
  [CaseFieldGroup.Narrative]: 'narrativeSealed',
  [CaseFieldGroup.Sogiesc]: 'sogiescSealed',
  [CaseFieldGroup.Health]: 'healthSealed',
  [CaseFieldGroup.Documents]: 'documentsSealed',
  [CaseFieldGroup.Dependants]: 'dependantsSealed',
};

export const SEALED_GROUPS = Object.keys(SEALED_COLUMN) as SealedGroup[];

/** The AAD field name of a group: the column, so moving ciphertext between columns fails. */
export const aadField = (group: SealedGroup): string => SEALED_COLUMN[group].replace(/Sealed$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
