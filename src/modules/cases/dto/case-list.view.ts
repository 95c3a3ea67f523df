import { ApiProperty } from '@nestjs/swagger';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { CasePriority, CaseStage } from '../domain/case-stage';

/** The display part of the identity group: what a list shows to tell people apart. */
export class CaseNameView {
  @ApiProperty({ example: 'Elvin' }) givenName!: string;
  @ApiProperty({ example: 'Məmmədov' }) familyName!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Rauf oğlu' }) patronymic!: string | null;
  @ApiProperty({ type: [String], example: ['Elya'] }) aliases!: string[];
}

export class NextCheckinView {
  @ApiProperty({ example: '2026-12-07T09:00:00.000Z' }) dueAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-07T11:24:00.000Z', description: 'When a missed check-in escalates (due time plus grace).' })
  deadlineAt!: string | null;
  @ApiProperty({ description: 'The due time has passed without a check-in.' }) overdue!: boolean;
}

export class SafeCountryStayBriefView {
  @ApiProperty({ example: 'GE' }) country!: string;
  @ApiProperty({ type: Number, nullable: true, example: 342, description: 'Days of lawful stay left, counting today; null when no stay rule is known.' })
  daysLeft!: number | null;
}

/** One row of a case list: plain fields, the caseload columns and, where the role allows, the name. */
export class CaseListItemView {
  @ApiProperty({ example: 'C-7K2M-Q9XD' }) reference!: string;
  @ApiProperty({ enum: CaseStage, example: CaseStage.TRIAGED }) stage!: string;
  @ApiProperty({ enum: CasePriority, example: CasePriority.URGENT }) priority!: string;
  @ApiProperty({ type: [String], example: ['IN_HIDING'] }) flags!: string[];
  @ApiProperty({ example: 'AZ' }) originCountry!: string;
  @ApiProperty({ type: String, nullable: true, example: 'GE' }) currentCountry!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) activationId!: string | null;
  @ApiProperty({ example: false }) possibleDuplicate!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-06T21:00:00.000Z' }) triageDueAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) triagedAt!: string | null;
  @ApiProperty({ example: '2026-12-03T21:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-12-05T10:12:00.000Z' }) updatedAt!: string;
  @ApiProperty({ example: false }) erased!: boolean;
  @ApiProperty({
    type: CaseNameView,
    nullable: true,
    description:
      'Shown only when the reader may see the identity group of this case; each case whose name is shown gets a `case.read` audit row (via `list` or `search`).',
  })
  name!: CaseNameView | null;
  @ApiProperty({ type: [String], format: 'uuid', example: ['5b0c7f0e-2b6a-4d8e-9d6f-0a1f3c2b4e5d'] }) assignedCaseworkerIds!: string[];
  @ApiProperty({ type: NextCheckinView, nullable: true, description: 'Null when no check-in schedule runs.' }) nextCheckin!: NextCheckinView | null;
  @ApiProperty({ example: 0, description: 'Escalations not yet resolved.' }) openEscalations!: number;
  @ApiProperty({ type: SafeCountryStayBriefView, nullable: true, description: 'The open safe-country stay, if any.' }) stay!: SafeCountryStayBriefView | null;
}

export class CaseListPageView {
  @ApiProperty({ type: [CaseListItemView] }) items!: CaseListItemView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}
