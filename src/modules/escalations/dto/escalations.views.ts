import { ApiProperty } from '@nestjs/swagger';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import type { EscalationView as EscalationViewShape, EscalationDetailView as EscalationDetailViewShape } from '../escalation-view';

type EscalationEventShape = NonNullable<NonNullable<NonNullable<EscalationDetailViewShape>['timeline']>[number]>;

export class EscalationEventView implements EscalationEventShape {
  @ApiProperty({ enum: ['OPENED', 'ESCALATED', 'ACKNOWLEDGED', 'REASSIGNED', 'RESOLVED'], example: 'OPENED' }) kind!: EscalationEventShape['kind'];
  @ApiProperty({ type: 'integer', example: 1 }) level!: EscalationEventShape['level'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', description: 'Staff user id, `partner:<agency>` or `system:<component>`.' })
  actor!: EscalationEventShape['actor'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) at!: EscalationEventShape['at'];
  @ApiProperty({ type: 'object', additionalProperties: true, example: {} }) details!: EscalationEventShape['details'];
}

export class EscalationDetailView implements EscalationDetailViewShape {
  @ApiProperty({ type: [EscalationEventView] }) timeline!: EscalationEventView[];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: EscalationDetailViewShape['id'];
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) caseReference!: EscalationDetailViewShape['caseReference'];
  @ApiProperty({ enum: ['MISSED_CHECKIN', 'DURESS', 'TRIAGE_SLA_BREACH', 'STAY_LIMIT', 'EXPEDITE_OVERDUE', 'MANUAL'], example: 'MISSED_CHECKIN' })
  trigger!: EscalationDetailViewShape['trigger'];
  @ApiProperty({ type: 'integer', example: 1 }) level!: EscalationDetailViewShape['level'];
  @ApiProperty({ type: String, example: 'Leyla Aliyeva' }) levelName!: EscalationDetailViewShape['levelName'];
  @ApiProperty({ enum: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'], example: 'OPEN' }) state!: EscalationDetailViewShape['state'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) openedAt!: EscalationDetailViewShape['openedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) levelChangedAt!: EscalationDetailViewShape['levelChangedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true })
  acknowledgedAt!: EscalationDetailViewShape['acknowledgedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) resolvedAt!: EscalationDetailViewShape['resolvedAt'];
  @ApiProperty({ enum: ['CONTACT_RESTORED', 'SAFE', 'DETAINED', 'MISSING', 'FALSE_ALARM'], example: 'CONTACT_RESTORED', nullable: true })
  outcome!: EscalationDetailViewShape['outcome'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) assigneeId!: EscalationDetailViewShape['assigneeId'];
}

export class EscalationView implements EscalationViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: EscalationViewShape['id'];
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) caseReference!: EscalationViewShape['caseReference'];
  @ApiProperty({ enum: ['MISSED_CHECKIN', 'DURESS', 'TRIAGE_SLA_BREACH', 'STAY_LIMIT', 'EXPEDITE_OVERDUE', 'MANUAL'], example: 'MISSED_CHECKIN' })
  trigger!: EscalationViewShape['trigger'];
  @ApiProperty({ type: 'integer', example: 1 }) level!: EscalationViewShape['level'];
  @ApiProperty({ type: String, example: 'Leyla Aliyeva' }) levelName!: EscalationViewShape['levelName'];
  @ApiProperty({ enum: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'], example: 'OPEN' }) state!: EscalationViewShape['state'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) openedAt!: EscalationViewShape['openedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) levelChangedAt!: EscalationViewShape['levelChangedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true })
  acknowledgedAt!: EscalationViewShape['acknowledgedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) resolvedAt!: EscalationViewShape['resolvedAt'];
  @ApiProperty({ enum: ['CONTACT_RESTORED', 'SAFE', 'DETAINED', 'MISSING', 'FALSE_ALARM'], example: 'CONTACT_RESTORED', nullable: true })
  outcome!: EscalationViewShape['outcome'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) assigneeId!: EscalationViewShape['assigneeId'];
}

export class EscalationPage {
  @ApiProperty({ type: [EscalationView] }) items!: EscalationView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}
