import { ApiProperty } from '@nestjs/swagger';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import type { ActivationView as ActivationViewShape, ActivationDashboard as ActivationDashboardShape } from '../activation-view';

type ActivationRosterShape = NonNullable<NonNullable<NonNullable<ActivationViewShape>['roster']>[number]>;
type OverridesShape = NonNullable<NonNullable<ActivationViewShape>['overrides']>;
type OverridesCheckinIntervalsShape = NonNullable<NonNullable<NonNullable<NonNullable<ActivationViewShape>['overrides']>['checkinIntervals']>[number]>;
type OverridesTriageSlaShape = NonNullable<NonNullable<NonNullable<NonNullable<ActivationViewShape>['overrides']>['triageSla']>[number]>;
type OverridesAcknowledgeWindowsShape = NonNullable<NonNullable<NonNullable<ActivationViewShape>['overrides']>['acknowledgeWindows']>;
type FanoutProgressShape = NonNullable<NonNullable<ActivationViewShape>['fanout']>;
type ActivationDashboardByStageAndPriorityShape = NonNullable<NonNullable<NonNullable<ActivationDashboardShape>['byStageAndPriority']>[number]>;
type ActivationDashboardOpenEscalationsShape = NonNullable<NonNullable<NonNullable<ActivationDashboardShape>['openEscalations']>[number]>;
type ActivationDashboardCaseloadShape = NonNullable<NonNullable<NonNullable<ActivationDashboardShape>['caseload']>[number]>;

export class ActivationDashboardCaseloadView implements ActivationDashboardCaseloadShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) userId!: ActivationDashboardCaseloadShape['userId'];
  @ApiProperty({ type: 'integer', example: 3 }) caseloadCap!: ActivationDashboardCaseloadShape['caseloadCap'];
  @ApiProperty({ type: 'integer', example: 3 }) openCases!: ActivationDashboardCaseloadShape['openCases'];
  @ApiProperty({ type: 'integer', example: 3 }) activationCases!: ActivationDashboardCaseloadShape['activationCases'];
}

export class ActivationDashboardOpenEscalationsView implements ActivationDashboardOpenEscalationsShape {
  @ApiProperty({ type: 'integer', example: 1 }) level!: ActivationDashboardOpenEscalationsShape['level'];
  @ApiProperty({ type: String, example: 'MISSED_CHECKIN' }) trigger!: ActivationDashboardOpenEscalationsShape['trigger'];
  @ApiProperty({ type: 'integer', example: 3 }) count!: ActivationDashboardOpenEscalationsShape['count'];
}

export class ActivationDashboardByStageAndPriorityView implements ActivationDashboardByStageAndPriorityShape {
  @ApiProperty({ type: String, example: 'TRIAGED' }) stage!: ActivationDashboardByStageAndPriorityShape['stage'];
  @ApiProperty({ type: String, example: 'URGENT' }) priority!: ActivationDashboardByStageAndPriorityShape['priority'];
  @ApiProperty({ type: 'integer', example: 3 }) count!: ActivationDashboardByStageAndPriorityShape['count'];
}

export class FanoutProgressView implements FanoutProgressShape {
  @ApiProperty({ type: String, example: 'STAGE_CHANGED', nullable: true }) kind!: FanoutProgressShape['kind'];
  @ApiProperty({ type: 'integer', example: 3 }) generation!: FanoutProgressShape['generation'];
  @ApiProperty({ enum: ['IDLE', 'RUNNING', 'FINISHED'], example: 'IDLE' }) state!: FanoutProgressShape['state'];
  @ApiProperty({ type: 'integer', example: 3 }) chunksTotal!: FanoutProgressShape['chunksTotal'];
  @ApiProperty({ type: 'integer', example: 3 }) chunksDone!: FanoutProgressShape['chunksDone'];
  @ApiProperty({ type: 'integer', example: 3, description: 'Cases the run set out to cover (known once it is planned).' })
  targeted!: FanoutProgressShape['targeted'];
  @ApiProperty({ type: 'integer', example: 3 }) linked!: FanoutProgressShape['linked'];
  @ApiProperty({ type: 'integer', example: 3 }) rescheduled!: FanoutProgressShape['rescheduled'];
  @ApiProperty({ type: 'integer', example: 3 }) assigned!: FanoutProgressShape['assigned'];
  @ApiProperty({ type: 'integer', example: 3 }) unplaced!: FanoutProgressShape['unplaced'];
  @ApiProperty({ type: 'integer', example: 3 }) failed!: FanoutProgressShape['failed'];
  @ApiProperty({ type: 'integer', example: 3 }) released!: FanoutProgressShape['released'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) startedAt!: FanoutProgressShape['startedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) finishedAt!: FanoutProgressShape['finishedAt'];
}

export class ActivationDashboardView implements ActivationDashboardShape {
  @ApiProperty({ type: String, example: 'AZ-2026-01' }) code!: ActivationDashboardShape['code'];
  @ApiProperty({ type: String, example: 'ACTIVE' }) status!: ActivationDashboardShape['status'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) generatedAt!: ActivationDashboardShape['generatedAt'];
  @ApiProperty({ type: () => FanoutProgressView }) fanout!: FanoutProgressView;
  @ApiProperty({ type: [ActivationDashboardByStageAndPriorityView] }) byStageAndPriority!: ActivationDashboardByStageAndPriorityView[];
  @ApiProperty({ type: 'integer', example: 3 }) overdueCheckins!: ActivationDashboardShape['overdueCheckins'];
  @ApiProperty({ type: [ActivationDashboardOpenEscalationsView] }) openEscalations!: ActivationDashboardOpenEscalationsView[];
  @ApiProperty({ type: 'integer', example: 3 }) triageSlaBreaches!: ActivationDashboardShape['triageSlaBreaches'];
  @ApiProperty({ type: [ActivationDashboardCaseloadView] }) caseload!: ActivationDashboardCaseloadView[];
  @ApiProperty({ type: 'integer', example: 3 }) heldCases!: ActivationDashboardShape['heldCases'];
  @ApiProperty({ type: 'integer', example: 3 }) unassignedHeldCases!: ActivationDashboardShape['unassignedHeldCases'];
}

export class OverridesAcknowledgeWindowsView implements OverridesAcknowledgeWindowsShape {
  @ApiProperty({ type: 'integer', example: 3, nullable: true }) caseworker!: OverridesAcknowledgeWindowsShape['caseworker'];
  @ApiProperty({ type: 'integer', example: 3, nullable: true }) coordinator!: OverridesAcknowledgeWindowsShape['coordinator'];
}

export class OverridesTriageSlaView implements OverridesTriageSlaShape {
  @ApiProperty({ type: String, example: 'URGENT' }) priority!: OverridesTriageSlaShape['priority'];
  @ApiProperty({ type: 'integer', example: 3 }) hours!: OverridesTriageSlaShape['hours'];
}

export class OverridesCheckinIntervalsView implements OverridesCheckinIntervalsShape {
  @ApiProperty({ type: String, example: 'TRIAGED' }) stage!: OverridesCheckinIntervalsShape['stage'];
  @ApiProperty({ type: 'integer', example: 3 }) intervalMinutes!: OverridesCheckinIntervalsShape['intervalMinutes'];
}

export class OverridesView implements OverridesShape {
  @ApiProperty({ type: Number, example: 0.5, nullable: true }) checkinIntervalFactor!: OverridesShape['checkinIntervalFactor'];
  @ApiProperty({ type: [OverridesCheckinIntervalsView] }) checkinIntervals!: OverridesCheckinIntervalsView[];
  @ApiProperty({ type: [OverridesTriageSlaView] }) triageSla!: OverridesTriageSlaView[];
  @ApiProperty({ type: () => OverridesAcknowledgeWindowsView }) acknowledgeWindows!: OverridesAcknowledgeWindowsView;
}

export class ActivationRosterView implements ActivationRosterShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) userId!: ActivationRosterShape['userId'];
  @ApiProperty({ type: 'integer', example: 3 }) caseloadCap!: ActivationRosterShape['caseloadCap'];
}

export class ActivationView implements ActivationViewShape {
  @ApiProperty({
    type: String,
    example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b',
    description: 'For the `activationId` filters of the case and escalation lists; the API addresses activations by code.',
  })
  id!: ActivationViewShape['id'];
  @ApiProperty({ type: String, example: 'AZ-2026-01' }) code!: ActivationViewShape['code'];
  @ApiProperty({ type: String, example: 'Escalation raised' }) title!: ActivationViewShape['title'];
  @ApiProperty({ type: String, example: 'Passport copy' }) description!: ActivationViewShape['description'];
  @ApiProperty({ type: String, example: 'ACTIVE' }) status!: ActivationViewShape['status'];
  @ApiProperty({ type: [String], example: ['GE'] }) originCountries!: ActivationViewShape['originCountries'];
  @ApiProperty({ type: [String], example: ['GE'] }) transitCountries!: ActivationViewShape['transitCountries'];
  @ApiProperty({ type: [String], example: ['3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b'] }) agencyIds!: ActivationViewShape['agencyIds'];
  @ApiProperty({ type: [String], example: ['3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b'] }) coordinatorIds!: ActivationViewShape['coordinatorIds'];
  @ApiProperty({ type: [ActivationRosterView] }) roster!: ActivationRosterView[];
  @ApiProperty({ type: () => OverridesView }) overrides!: OverridesView;
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) startedAt!: ActivationViewShape['startedAt'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) startedBy!: ActivationViewShape['startedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) stoodDownAt!: ActivationViewShape['stoodDownAt'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) stoodDownBy!: ActivationViewShape['stoodDownBy'];
  @ApiProperty({ type: () => FanoutProgressView }) fanout!: FanoutProgressView;
}

export class ActivationPage {
  @ApiProperty({ type: [ActivationView] }) items!: ActivationView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}
