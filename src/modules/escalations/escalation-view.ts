import { EscalationLevel, type EscalationOutcome, type EscalationState, type EscalationTrigger } from './domain/escalation';
import type { EscalationEntity } from './escalation.entity';
import type { EscalationEventView } from './escalation-timeline';

export interface EscalationView {
  id: string;
  caseReference: string;
  trigger: EscalationTrigger;
  level: number;
  levelName: string;
  state: EscalationState;
  openedAt: string;
  levelChangedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  outcome: EscalationOutcome | null;
  assigneeId: string | null;
}

export interface EscalationDetailView extends EscalationView {
  timeline: EscalationEventView[];
}

export const toView = (row: EscalationEntity): EscalationView => ({
  id: row.id,
  caseReference: row.caseReference,
  trigger: row.trigger,
  level: row.level,
  levelName: EscalationLevel[row.level] ?? String(row.level),
  state: row.state,
  openedAt: row.openedAt.toISOString(),
  levelChangedAt: row.levelChangedAt.toISOString(),
  acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  resolvedAt: row.resolvedAt?.toISOString() ?? null,
  outcome: row.outcome,
  assigneeId: row.assigneeId,
});
