import { ApiProperty } from '@nestjs/swagger';

/** Items carry references and ids, never names: the console fetches names through the case list. */
class CaseTaskView {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  caseId!: string;

  @ApiProperty({ example: 'CR-7Q4X-M2K' })
  caseReference!: string;
}

export class ApprovalTaskView extends CaseTaskView {
  @ApiProperty({ format: 'uuid', example: '0f8fad5b-d9cb-469f-a165-70867728950e', description: 'The relocation plan or resettlement application to decide.' })
  id!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-06T09:12:00.000Z' })
  requestedAt!: string;
}

export class UnassignedReferralTaskView extends CaseTaskView {
  @ApiProperty({ enum: ['EMERGENCY', 'URGENT', 'NORMAL'], example: 'URGENT' })
  priority!: string;

  @ApiProperty({ example: true, description: 'Referred by a partner agency (else opened by staff).' })
  referred!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-12-06T08:40:00.000Z' })
  createdAt!: string;
}

export class EscalationTaskView extends CaseTaskView {
  @ApiProperty({ format: 'uuid', example: '9b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9' })
  escalationId!: string;

  @ApiProperty({ example: 'MISSED_CHECKIN' })
  trigger!: string;

  @ApiProperty({ type: 'integer', enum: [1, 2, 3], example: 2 })
  level!: number;

  @ApiProperty({ enum: ['OPEN', 'ACKNOWLEDGED'], example: 'OPEN', description: 'OPEN: nobody has acknowledged it; it climbs at `climbsAt`.' })
  state!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-06T10:00:00.000Z',
    description: 'When it climbs to the next level unless acknowledged; null at the top level or once acknowledged.',
  })
  climbsAt!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 840,
    description: 'Seconds left to acknowledge (`climbsAt` − now, never negative); null when `climbsAt` is.',
  })
  secondsToAcknowledge!: number | null;
}

export class OverdueCheckinTaskView extends CaseTaskView {
  @ApiProperty({ enum: ['EMERGENCY', 'URGENT', 'NORMAL'], example: 'EMERGENCY' })
  priority!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-06T07:00:00.000Z' })
  dueAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-06T07:06:00.000Z', description: 'When a missed check-in escalates.' })
  deadlineAt!: string | null;
}

export class StayNearLimitTaskView extends CaseTaskView {
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d' })
  stayId!: string;

  @ApiProperty({ example: 'GE' })
  hostCountry!: string;

  @ApiProperty({ type: 'integer', example: 6, description: 'Days of lawful stay left, counting today (0 or less: passed).' })
  daysRemaining!: number;
}

export class ExpediteOverdueTaskView extends CaseTaskView {
  @ApiProperty({ format: 'uuid', example: '5d8e2a1c-3b4f-4e6d-9a7b-1c2d3e4f5a6b' })
  requestId!: string;

  @ApiProperty({ format: 'uuid', example: '6f1c1e9e-4d5b-4c2a-9a3e-1f2b3c4d5e6f' })
  agencyId!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-05T00:00:00.000Z' })
  deadlineAt!: string;
}

export class EscalationsByLevelView {
  @ApiProperty({ type: 'integer', example: 1 }) level1!: number;
  @ApiProperty({ type: 'integer', example: 2 }) level2!: number;
  @ApiProperty({ type: 'integer', example: 0 }) level3!: number;
}

export class TaskCountsView {
  @ApiProperty({ type: 'integer', example: 3, description: 'Everything below added up.' })
  total!: number;

  @ApiProperty({ type: 'integer', example: 1 }) relocationPlanApprovals!: number;
  @ApiProperty({ type: 'integer', example: 0 }) resettlementSubmissionApprovals!: number;
  @ApiProperty({ type: 'integer', example: 1 }) unassignedReferrals!: number;
  @ApiProperty({ type: 'integer', example: 1 }) escalations!: number;
  @ApiProperty({ type: EscalationsByLevelView }) escalationsByLevel!: EscalationsByLevelView;
  @ApiProperty({ type: 'integer', example: 0 }) overdueCheckins!: number;
  @ApiProperty({ type: 'integer', example: 0 }) staysNearLimit!: number;
  @ApiProperty({ type: 'integer', example: 0 }) expediteOverdue!: number;
}

/** What waits for me now. Counts are complete; each list holds at most `itemsPerKind`, most pressing first. */
export class TasksView {
  @ApiProperty({ format: 'date-time', example: '2026-12-06T09:45:00.000Z' })
  generatedAt!: string;

  @ApiProperty({ type: 'integer', example: 50 })
  itemsPerKind!: number;

  @ApiProperty({ type: TaskCountsView })
  counts!: TaskCountsView;

  @ApiProperty({ type: [ApprovalTaskView], description: 'Relocation plans awaiting my approval (coordinators; never my own request).' })
  relocationPlanApprovals!: ApprovalTaskView[];

  @ApiProperty({ type: [ApprovalTaskView], description: 'Resettlement submissions awaiting my approval (coordinators; never my own request).' })
  resettlementSubmissionApprovals!: ApprovalTaskView[];

  @ApiProperty({ type: [UnassignedReferralTaskView], description: 'New cases (INTAKE) with no caseworker, in my scope (coordinators).' })
  unassignedReferrals!: UnassignedReferralTaskView[];

  @ApiProperty({
    type: [EscalationTaskView],
    description:
      "Unresolved escalations at a level that is mine (level 1: my cases' caseworkers; 2: coordinators in scope; 3: both) or handed to me; open ones first, highest level first.",
  })
  escalations!: EscalationTaskView[];

  @ApiProperty({ type: [OverdueCheckinTaskView], description: 'Check-ins past due on cases assigned to me.' })
  overdueCheckins!: OverdueCheckinTaskView[];

  @ApiProperty({ type: [StayNearLimitTaskView], description: 'Stays with 21 days or fewer left, on my cases (coordinators: in scope).' })
  staysNearLimit!: StayNearLimitTaskView[];

  @ApiProperty({
    type: [ExpediteOverdueTaskView],
    description: 'Expedited protection requests past their deadline with no decision, that I made (coordinators: in scope).',
  })
  expediteOverdue!: ExpediteOverdueTaskView[];
}
