import type { ChecklistItem, MilestoneType, ResettlementNextStep, ResettlementPathway, ResettlementStatus } from './domain/resettlement';
import type { ResettlementApplicationEntity, ResettlementMilestoneEntity } from './resettlement.entity';

export interface MilestoneView {
  id: string;
  type: MilestoneType;
  date: string;
  /** Null when there is none, or the caller may not see notes. */
  note: string | null;
  recordedBy: string;
}

export interface ResettlementApplicationView {
  id: string;
  destinationCountry: string;
  pathway: ResettlementPathway;
  sponsoringBody: string | null;
  status: ResettlementStatus;
  nextStep: ResettlementNextStep | null;
  documents: ChecklistItem[];
  submission: { requestedBy: string | null; requestedAt: string | null; approvedBy: string | null; approvedAt: string | null; consentOverridden: boolean };
  milestones: MilestoneView[];
  destinationArrivedOn: string | null;
  handedOverAt: string | null;
  settlementAgencyId: string | null;
  createdBy: string;
  createdAt: string;
}

export function milestoneView(row: ResettlementMilestoneEntity, note: string | null): MilestoneView {
  return { id: row.id, type: row.type, date: row.occurredOn, note, recordedBy: row.recordedBy };
}

export function applicationView(row: ResettlementApplicationEntity, milestones: MilestoneView[]): ResettlementApplicationView {
  return {
    id: row.id,
    destinationCountry: row.destinationCountry,
    pathway: row.pathway,
    sponsoringBody: row.sponsoringBody,
    status: row.status,
    nextStep: row.nextStep,
    documents: row.documents,
    submission: {
      requestedBy: row.submissionRequestedBy,
      requestedAt: row.submissionRequestedAt?.toISOString() ?? null,
      approvedBy: row.submissionApprovedBy,
      approvedAt: row.submissionApprovedAt?.toISOString() ?? null,
      consentOverridden: row.consentOverridden,
    },
    milestones,
    destinationArrivedOn: row.destinationArrivedOn,
    handedOverAt: row.handedOverAt?.toISOString() ?? null,
    settlementAgencyId: row.settlementAgencyId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
