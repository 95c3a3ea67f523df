import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { TransitionOptionView } from './case-transitions.view';
import type { IntakeResult as IntakeResultShape } from '../cases.service';
import type { CaseDetail as CaseDetailShape, CaseHistoryView as CaseHistoryViewShape } from '../case-view';
import type { CaseStateView as CaseStateViewShape, TriageResult as TriageResultShape } from '../case-lifecycle.service';
import type { NoteView as NoteViewShape } from '../case-notes.service';
import type { ErasureRequestView as ErasureRequestShape } from '../case-erasure.service';

type EraseShape = { reference: string; erasedAt: string };
type BreakGlassShape = { reference: string; expiresAt: string };
type AssignShape = { reference: string; assignedCaseworkerIds: string[] };
type CaseDetailConsentShape = NonNullable<NonNullable<CaseDetailShape>['consent']>;
type CaseDetailClosureShape = NonNullable<NonNullable<CaseDetailShape>['closure']>;
type CaseDetailDuplicateCandidatesShape = NonNullable<NonNullable<NonNullable<CaseDetailShape>['duplicateCandidates']>[number]>;
type CaseProtectedContentShape = NonNullable<NonNullable<CaseDetailShape>['protected']>;
type PersonDetailsShape = NonNullable<NonNullable<NonNullable<CaseDetailShape>['protected']>['identity']>;
type ContactDetailsShape = NonNullable<NonNullable<NonNullable<CaseDetailShape>['protected']>['contact']>;
type ContactDetailsChannelsShape = NonNullable<NonNullable<NonNullable<NonNullable<NonNullable<CaseDetailShape>['protected']>['contact']>['channels']>[number]>;
type LocationDetailsShape = NonNullable<NonNullable<NonNullable<CaseDetailShape>['protected']>['location']>;
type SogiescDetailsShape = NonNullable<NonNullable<NonNullable<CaseDetailShape>['protected']>['sogiesc']>;
type DocumentDetailsShape = NonNullable<NonNullable<NonNullable<NonNullable<CaseDetailShape>['protected']>['documents']>[number]>;
type DependantDetailsShape = NonNullable<NonNullable<NonNullable<NonNullable<CaseDetailShape>['protected']>['dependants']>[number]>;
type CaseDetailAccessShape = NonNullable<NonNullable<CaseDetailShape>['access']>;

export class EraseView implements EraseShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: EraseShape['reference'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) erasedAt!: EraseShape['erasedAt'];
}

export class ErasureRequestView implements ErasureRequestShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: ErasureRequestShape['reference'];
  @ApiProperty({ enum: ['REQUESTED', 'WITHDRAWN'], example: 'REQUESTED' }) status!: ErasureRequestShape['status'];
  @ApiProperty({ type: String, example: 'PERSON_REQUESTED' }) reason!: ErasureRequestShape['reason'];
  @ApiProperty({ type: String, format: 'uuid', example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) requestedBy!: ErasureRequestShape['requestedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) requestedAt!: ErasureRequestShape['requestedAt'];
}

export class BreakGlassView implements BreakGlassShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: BreakGlassShape['reference'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) expiresAt!: BreakGlassShape['expiresAt'];
}

export class AssignView implements AssignShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: AssignShape['reference'];
  @ApiProperty({ type: [String], example: ['3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b'] }) assignedCaseworkerIds!: AssignShape['assignedCaseworkerIds'];
}

export class NoteView implements NoteViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: NoteViewShape['id'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) authorId!: NoteViewShape['authorId'];
  @ApiProperty({ type: String, example: 'Reached by Signal; safe' }) body!: NoteViewShape['body'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) createdAt!: NoteViewShape['createdAt'];
}

export class TriageResultView implements TriageResultShape {
  @ApiProperty({ type: 'integer', example: 7 }) score!: TriageResultShape['score'];
  @ApiProperty({ enum: ['EMERGENCY', 'URGENT', 'NORMAL'], example: 'EMERGENCY' }) suggestedPriority!: TriageResultShape['suggestedPriority'];
  @ApiProperty({ type: Boolean, example: false }) overridden!: TriageResultShape['overridden'];
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: TriageResultShape['reference'];
  @ApiProperty({ type: String, example: 'TRIAGED' }) stage!: TriageResultShape['stage'];
  @ApiProperty({ type: String, example: 'URGENT' }) priority!: TriageResultShape['priority'];
  @ApiProperty({ type: [String], example: ['IN_HIDING'] }) flags!: TriageResultShape['flags'];
  @ApiProperty({ type: String, example: 'VERIFIED' }) verification!: TriageResultShape['verification'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) updatedAt!: TriageResultShape['updatedAt'];
}

export class CaseStateView implements CaseStateViewShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: CaseStateViewShape['reference'];
  @ApiProperty({ type: String, example: 'TRIAGED' }) stage!: CaseStateViewShape['stage'];
  @ApiProperty({ type: String, example: 'URGENT' }) priority!: CaseStateViewShape['priority'];
  @ApiProperty({ type: [String], example: ['IN_HIDING'] }) flags!: CaseStateViewShape['flags'];
  @ApiProperty({ type: String, example: 'VERIFIED' }) verification!: CaseStateViewShape['verification'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) updatedAt!: CaseStateViewShape['updatedAt'];
}

export class CaseHistoryView implements CaseHistoryViewShape {
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) at!: CaseHistoryViewShape['at'];
  @ApiProperty({ type: String, example: 'STAGE_CHANGED' }) kind!: CaseHistoryViewShape['kind'];
  @ApiProperty({ type: String, example: 'STAFF' }) actorType!: CaseHistoryViewShape['actorType'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) actorId!: CaseHistoryViewShape['actorId'];
  @ApiProperty({ type: String, example: 'TRIAGED', nullable: true }) fromStage!: CaseHistoryViewShape['fromStage'];
  @ApiProperty({ type: String, example: 'TRIAGED', nullable: true }) toStage!: CaseHistoryViewShape['toStage'];
  @ApiProperty({ type: 'object', additionalProperties: true, example: {} }) details!: CaseHistoryViewShape['details'];
}

export class CaseDetailAccessView implements CaseDetailAccessShape {
  @ApiProperty({
    enum: ['assigned-caseworker', 'activation-coordinator', 'coordinator', 'break-glass', 'share'],
    isArray: true,
    example: ['assigned-caseworker'],
  })
  basis!: CaseDetailAccessShape['basis'];
  @ApiProperty({
    enum: ['identity', 'contact', 'location', 'narrative', 'sogiesc', 'health', 'documents', 'notes', 'dependants'],
    isArray: true,
    example: ['identity'],
  })
  fieldGroups!: CaseDetailAccessShape['fieldGroups'];
}

export class DependantDetailsView implements DependantDetailsShape {
  @ApiProperty({ type: String, example: 'Aydan' }) givenName!: DependantDetailsShape['givenName'];
  @ApiProperty({ type: String, example: 'Aliyeva' }) familyName!: DependantDetailsShape['familyName'];
  @ApiProperty({ type: String, example: 'SPOUSE' }) relationship!: DependantDetailsShape['relationship'];
  @ApiPropertyOptional({ type: String, example: '1994-03-17' }) dateOfBirth?: DependantDetailsShape['dateOfBirth'];
}

export class DocumentDetailsView implements DocumentDetailsShape {
  @ApiProperty({ type: String, example: 'PASSPORT' }) type!: DocumentDetailsShape['type'];
  @ApiPropertyOptional({ type: String, example: 'C01234567' }) number?: DocumentDetailsShape['number'];
  @ApiPropertyOptional({ type: String, example: 'GE' }) issuingCountry?: DocumentDetailsShape['issuingCountry'];
  @ApiPropertyOptional({ type: String, example: '2031-01-01' }) expiresOn?: DocumentDetailsShape['expiresOn'];
}

export class SogiescDetailsView implements SogiescDetailsShape {
  @ApiPropertyOptional({ type: String, example: 'gay' }) sexualOrientation?: SogiescDetailsShape['sexualOrientation'];
  @ApiPropertyOptional({ type: String, example: 'man' }) genderIdentity?: SogiescDetailsShape['genderIdentity'];
  @ApiPropertyOptional({ type: String, example: 'masculine' }) genderExpression?: SogiescDetailsShape['genderExpression'];
  @ApiPropertyOptional({ type: String, example: 'not stated' }) sexCharacteristics?: SogiescDetailsShape['sexCharacteristics'];
  @ApiPropertyOptional({ type: String, example: 'Reached by Signal; safe' }) notes?: SogiescDetailsShape['notes'];
}

export class LocationDetailsView implements LocationDetailsShape {
  @ApiPropertyOptional({ type: String, example: 'Tbilisi' }) city?: LocationDetailsShape['city'];
  @ApiPropertyOptional({ type: String, example: 'Nizami street 12' }) address?: LocationDetailsShape['address'];
  @ApiPropertyOptional({ type: String, example: 'Blue gate near the bakery' }) safeHouse?: LocationDetailsShape['safeHouse'];
}

export class ContactDetailsChannelsView implements ContactDetailsChannelsShape {
  @ApiProperty({ type: String, example: 'SIGNAL' }) type!: ContactDetailsChannelsShape['type'];
  @ApiProperty({ type: String, example: '+995 555 12 34 56' }) value!: ContactDetailsChannelsShape['value'];
}

export class ContactDetailsView implements ContactDetailsShape {
  @ApiProperty({ type: [ContactDetailsChannelsView] }) channels!: ContactDetailsChannelsView[];
  @ApiPropertyOptional({ type: String, example: 'Signal only; never call after 8 pm' })
  safeContactInstructions?: ContactDetailsShape['safeContactInstructions'];
}

export class PersonDetailsView implements PersonDetailsShape {
  @ApiProperty({ type: String, example: 'Leyla' }) givenName!: PersonDetailsShape['givenName'];
  @ApiProperty({ type: String, example: 'Aliyeva' }) familyName!: PersonDetailsShape['familyName'];
  @ApiPropertyOptional({ type: String, example: 'Rauf' }) patronymic?: PersonDetailsShape['patronymic'];
  @ApiPropertyOptional({ type: [String], example: ['Elvin Mamedov'] }) aliases?: PersonDetailsShape['aliases'];
  @ApiPropertyOptional({ type: String, example: '1994-03-17', description: 'ISO date, or a year alone when only that is known.' })
  dateOfBirth?: PersonDetailsShape['dateOfBirth'];
  @ApiPropertyOptional({ type: String, example: 'male' }) gender?: PersonDetailsShape['gender'];
}

export class CaseProtectedContentView implements CaseProtectedContentShape {
  @ApiPropertyOptional({ type: () => PersonDetailsView }) identity?: PersonDetailsView;
  @ApiPropertyOptional({ type: () => ContactDetailsView }) contact?: ContactDetailsView;
  @ApiPropertyOptional({ type: () => LocationDetailsView }) location?: LocationDetailsView;
  @ApiPropertyOptional({ type: String, example: 'Detained at a checkpoint in September' }) narrative?: CaseProtectedContentShape['narrative'];
  @ApiPropertyOptional({ type: () => SogiescDetailsView }) sogiesc?: SogiescDetailsView;
  @ApiPropertyOptional({ type: String, example: 'Needs regular medication' }) health?: CaseProtectedContentShape['health'];
  @ApiPropertyOptional({ type: [DocumentDetailsView] }) documents?: DocumentDetailsView[];
  @ApiPropertyOptional({ type: [DependantDetailsView] }) dependants?: DependantDetailsView[];
}

export class CaseDetailDuplicateCandidatesView implements CaseDetailDuplicateCandidatesShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: CaseDetailDuplicateCandidatesShape['reference'];
  @ApiProperty({ type: [String], example: ['Reason given by the coordinator'] }) reasons!: CaseDetailDuplicateCandidatesShape['reasons'];
}

export class CaseDetailClosureView implements CaseDetailClosureShape {
  @ApiProperty({ type: String, example: 'Reason given by the coordinator' }) reason!: CaseDetailClosureShape['reason'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) closedAt!: CaseDetailClosureShape['closedAt'];
}

export class CaseDetailConsentView implements CaseDetailConsentShape {
  @ApiProperty({ type: Boolean, example: false }) services!: CaseDetailConsentShape['services'];
  @ApiProperty({ type: Boolean, example: false }) sharing!: CaseDetailConsentShape['sharing'];
  @ApiProperty({ type: Boolean, example: false }) resettlement!: CaseDetailConsentShape['resettlement'];
  @ApiProperty({ type: String, example: 'IN_PERSON', nullable: true }) method!: CaseDetailConsentShape['method'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) obtainedAt!: CaseDetailConsentShape['obtainedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) recordedAt!: CaseDetailConsentShape['recordedAt'];
}

export class CaseDetailView implements CaseDetailShape {
  @ApiProperty({ type: String, example: 'VERIFIED' }) verification!: CaseDetailShape['verification'];
  @ApiProperty({ type: () => CaseDetailConsentView }) consent!: CaseDetailConsentView;
  @ApiProperty({ type: [String], example: ['3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b'] }) assignedCaseworkerIds!: CaseDetailShape['assignedCaseworkerIds'];
  @ApiProperty({ type: 'integer', example: 3 }) dependantsCount!: CaseDetailShape['dependantsCount'];
  @ApiProperty({
    type: String,
    example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b',
    nullable: true,
    description: 'The partner agency whose referral opened the case, if one did.',
  })
  referringAgencyId!: CaseDetailShape['referringAgencyId'];
  @ApiProperty({ type: () => CaseDetailClosureView, nullable: true }) closure!: CaseDetailClosureView | null;
  @ApiProperty({ type: Boolean, example: false }) legalHold!: CaseDetailShape['legalHold'];
  @ApiProperty({ type: [CaseDetailDuplicateCandidatesView], description: 'References of possible duplicates (their content is never shown here).' })
  duplicateCandidates!: CaseDetailDuplicateCandidatesView[];
  @ApiProperty({ type: () => CaseProtectedContentView, description: 'Only the groups this reader may see.' }) protected!: CaseProtectedContentView;
  @ApiProperty({ type: () => CaseDetailAccessView }) access!: CaseDetailAccessView;
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: CaseDetailShape['reference'];
  @ApiProperty({ type: String, example: 'TRIAGED' }) stage!: CaseDetailShape['stage'];
  @ApiProperty({ type: String, example: 'URGENT' }) priority!: CaseDetailShape['priority'];
  @ApiProperty({ type: [String], example: ['IN_HIDING'] }) flags!: CaseDetailShape['flags'];
  @ApiProperty({ type: String, example: 'GE' }) originCountry!: CaseDetailShape['originCountry'];
  @ApiProperty({ type: String, example: 'GE', nullable: true }) currentCountry!: CaseDetailShape['currentCountry'];
  @ApiProperty({ type: Boolean, example: false }) possibleDuplicate!: CaseDetailShape['possibleDuplicate'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) triageDueAt!: CaseDetailShape['triageDueAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) triagedAt!: CaseDetailShape['triagedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) createdAt!: CaseDetailShape['createdAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) updatedAt!: CaseDetailShape['updatedAt'];
  @ApiProperty({ type: Boolean, example: false }) erased!: CaseDetailShape['erased'];
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Closed as a duplicate (a SAME_PERSON review): the reference of the case it duplicates.',
  })
  duplicateOf!: CaseDetailShape['duplicateOf'];
  @ApiProperty({ type: [TransitionOptionView], description: 'The moves open from this stage, each with every guard it still fails (none: allowed).' })
  transitions!: CaseDetailShape['transitions'];
}

export class IntakeResultView implements IntakeResultShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: IntakeResultShape['reference'];
  @ApiProperty({ type: String, example: 'TRIAGED' }) stage!: IntakeResultShape['stage'];
  @ApiProperty({ type: String, example: 'URGENT' }) priority!: IntakeResultShape['priority'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) triageDueAt!: IntakeResultShape['triageDueAt'];
  @ApiProperty({ type: Boolean, example: false }) possibleDuplicate!: IntakeResultShape['possibleDuplicate'];
  @ApiProperty({ type: [String], example: ['C-7K3M-9Q2X'], description: 'References only; a caseworker may open them if their own access allows.' })
  duplicateCandidates!: IntakeResultShape['duplicateCandidates'];
}

export class NotePage {
  @ApiProperty({ type: [NoteView] }) items!: NoteView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}

export class CaseHistoryPage {
  @ApiProperty({ type: [CaseHistoryView] }) items!: CaseHistoryView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}
