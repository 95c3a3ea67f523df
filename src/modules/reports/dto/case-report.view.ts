import { ApiProperty } from '@nestjs/swagger';

export class KeyCountView {
  @ApiProperty({ description: 'A code: stage, priority, ISO country, activation id, or the Monday of the intake week.' })
  key!: string;

  @ApiProperty()
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
  @ApiProperty() stage!: string;
  @ApiProperty({ description: 'Completed stays in the stage.' }) stays!: number;
  @ApiProperty({ description: 'Median days from entering the stage to leaving it.' }) medianDays!: number;
}

export class CheckinComplianceView {
  @ApiProperty({ description: 'Check-ins recorded in the period.' }) checkins!: number;
  @ApiProperty({ description: 'Check-ins that did not follow a missed deadline.' }) onTime!: number;
  @ApiProperty({ description: 'Missed deadlines later closed by contact being restored (a late check-in).' }) late!: number;
  @ApiProperty({ description: 'Missed deadlines with no contact restored (open, or resolved otherwise).' }) missed!: number;
}

export class EscalationCountView {
  @ApiProperty() trigger!: string;
  @ApiProperty({ description: 'The outcome, or the state (`OPEN`, `ACKNOWLEDGED`) while unresolved.' }) outcome!: string;
  @ApiProperty() count!: number;
}

export class CaseReportView {
  @ApiProperty({ type: String, nullable: true }) from!: string | null;
  @ApiProperty({ type: String, nullable: true }) to!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) activationId!: string | null;
  @ApiProperty({ description: 'Cases in scope (intake in the period; erased cases excluded).' }) total!: number;
  @ApiProperty({ type: CaseCountsView }) counts!: CaseCountsView;
  @ApiProperty({ type: [StageDurationView] }) medianDaysPerStage!: StageDurationView[];
  @ApiProperty({ type: CheckinComplianceView }) checkinCompliance!: CheckinComplianceView;
  @ApiProperty({ type: [EscalationCountView] }) escalations!: EscalationCountView[];
}
