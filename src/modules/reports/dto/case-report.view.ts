import { ApiProperty } from '@nestjs/swagger';

export class KeyCountView {
  @ApiProperty({ example: 'INTAKE', description: 'A code: stage, priority, ISO country, activation id, or the Monday of the intake week.' })
  key!: string;

  @ApiProperty({ example: 12 })
  count!: number;
}

export class CaseCountsView {
  @ApiProperty({ type: [KeyCountView] }) stage!: KeyCountView[];
  @ApiProperty({ type: [KeyCountView] }) priority!: KeyCountView[];
  @ApiProperty({ type: [KeyCountView] }) originCountry!: KeyCountView[];
  @ApiProperty({ type: [KeyCountView], description: '`UNKNOWN` when not recorded.' }) currentCountry!: KeyCountView[];
  @ApiProperty({ type: [KeyCountView], description: '`NONE` for cases outside any activation.' }) activation!: KeyCountView[];
  @ApiProperty({ type: [KeyCountView] }) intakeWeek!: KeyCountView[];
}

export class StageDurationView {
  @ApiProperty({ example: 'VERIFICATION' }) stage!: string;
  @ApiProperty({ example: 17, description: 'Completed stays in the stage.' }) stays!: number;
  @ApiProperty({ example: 2.5, description: 'Median days from entering the stage to leaving it.' }) medianDays!: number;
}

export class CheckinComplianceView {
  @ApiProperty({ example: 340, description: 'Check-ins recorded in the period.' }) checkins!: number;
  @ApiProperty({ example: 318, description: 'Check-ins that did not follow a missed deadline.' }) onTime!: number;
  @ApiProperty({ example: 15, description: 'Missed deadlines later closed by contact being restored (a late check-in).' }) late!: number;
  @ApiProperty({ example: 7, description: 'Missed deadlines with no contact restored (open, or resolved otherwise).' }) missed!: number;
}

export class EscalationCountView {
  @ApiProperty({ example: 'MISSED_CHECKIN' }) trigger!: string;
  @ApiProperty({ example: 'CONTACT_RESTORED', description: 'The outcome, or the state (`OPEN`, `ACKNOWLEDGED`) while unresolved.' }) outcome!: string;
  @ApiProperty({ example: 9 }) count!: number;
}

export class CaseReportView {
  @ApiProperty({ example: '2026-01-01', type: String, nullable: true }) from!: string | null;
  @ApiProperty({ example: '2026-03-31', type: String, nullable: true }) to!: string | null;
  @ApiProperty({ example: null, type: String, nullable: true, format: 'uuid' }) activationId!: string | null;
  @ApiProperty({ example: 42, description: 'Cases in scope (intake in the period; erased cases excluded).' }) total!: number;
  @ApiProperty({ type: CaseCountsView }) counts!: CaseCountsView;
  @ApiProperty({ type: [StageDurationView] }) medianDaysPerStage!: StageDurationView[];
  @ApiProperty({ type: CheckinComplianceView }) checkinCompliance!: CheckinComplianceView;
  @ApiProperty({ type: [EscalationCountView] }) escalations!: EscalationCountView[];
}
