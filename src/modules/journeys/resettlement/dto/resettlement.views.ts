import { ApiProperty } from '@nestjs/swagger';
import type { ResettlementApplicationView as ResettlementApplicationViewShape } from '../resettlement-view';

type ChecklistItemShape = NonNullable<NonNullable<NonNullable<ResettlementApplicationViewShape>['documents']>[number]>;
type ResettlementApplicationSubmissionShape = NonNullable<NonNullable<ResettlementApplicationViewShape>['submission']>;
type MilestoneShape = NonNullable<NonNullable<NonNullable<ResettlementApplicationViewShape>['milestones']>[number]>;

export class MilestoneView implements MilestoneShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: MilestoneShape['id'];
  @ApiProperty({
    enum: [
      'REFERRAL_SENT',
      'INTERVIEW_SCHEDULED',
      'INTERVIEW_HELD',
      'MEDICAL_EXAM',
      'SECURITY_CLEARANCE',
      'DECISION_RECEIVED',
      'VISA_ISSUED',
      'FLIGHT_BOOKED',
      'OTHER',
    ],
    example: 'REFERRAL_SENT',
  })
  type!: MilestoneShape['type'];
  @ApiProperty({ type: String, example: '2026-03-12' }) date!: MilestoneShape['date'];
  @ApiProperty({ type: String, example: 'Reached by Signal; safe', nullable: true, description: 'Null when there is none, or the caller may not see notes.' })
  note!: MilestoneShape['note'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) recordedBy!: MilestoneShape['recordedBy'];
}

export class ResettlementApplicationSubmissionView implements ResettlementApplicationSubmissionShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true })
  requestedBy!: ResettlementApplicationSubmissionShape['requestedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true })
  requestedAt!: ResettlementApplicationSubmissionShape['requestedAt'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true })
  approvedBy!: ResettlementApplicationSubmissionShape['approvedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true })
  approvedAt!: ResettlementApplicationSubmissionShape['approvedAt'];
  @ApiProperty({ type: Boolean, example: false }) consentOverridden!: ResettlementApplicationSubmissionShape['consentOverridden'];
}

export class ChecklistItemView implements ChecklistItemShape {
  @ApiProperty({ type: String, example: 'PASSPORT_COPY' }) item!: ChecklistItemShape['item'];
  @ApiProperty({ enum: ['PENDING', 'OBTAINED'], example: 'PENDING' }) status!: ChecklistItemShape['status'];
}

export class ResettlementApplicationView implements ResettlementApplicationViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: ResettlementApplicationViewShape['id'];
  @ApiProperty({ type: String, example: 'GE' }) destinationCountry!: ResettlementApplicationViewShape['destinationCountry'];
  @ApiProperty({ enum: ['UNHCR_REFERRAL', 'STATE_PROGRAM', 'PRIVATE_SPONSORSHIP', 'EMERGENCY_VISA'], example: 'UNHCR_REFERRAL' })
  pathway!: ResettlementApplicationViewShape['pathway'];
  @ApiProperty({ type: String, example: 'Refugee Sponsorship Trust', nullable: true }) sponsoringBody!: ResettlementApplicationViewShape['sponsoringBody'];
  @ApiProperty({ enum: ['PREPARING', 'SUBMITTED', 'INTERVIEW', 'ACCEPTED', 'DENIED', 'DEFERRED', 'DEPARTURE_ARRANGED'], example: 'PREPARING' })
  status!: ResettlementApplicationViewShape['status'];
  @ApiProperty({ enum: ['ANOTHER_PATHWAY', 'APPEAL'], example: 'ANOTHER_PATHWAY', nullable: true }) nextStep!: ResettlementApplicationViewShape['nextStep'];
  @ApiProperty({ type: [ChecklistItemView] }) documents!: ChecklistItemView[];
  @ApiProperty({ type: () => ResettlementApplicationSubmissionView }) submission!: ResettlementApplicationSubmissionView;
  @ApiProperty({ type: [MilestoneView] }) milestones!: MilestoneView[];
  @ApiProperty({ type: String, example: '2026-05-02', nullable: true }) destinationArrivedOn!: ResettlementApplicationViewShape['destinationArrivedOn'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true })
  handedOverAt!: ResettlementApplicationViewShape['handedOverAt'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true })
  settlementAgencyId!: ResettlementApplicationViewShape['settlementAgencyId'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) createdBy!: ResettlementApplicationViewShape['createdBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) createdAt!: ResettlementApplicationViewShape['createdAt'];
}
