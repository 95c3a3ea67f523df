import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, Matches, ValidateIf } from 'class-validator';
import { ClosureReason, CaseStage } from '../domain/case-stage';
import { DuplicateDecision } from '../case-records.entity';
import { CaseProtectedContentView } from './cases.views';

const REFERENCE = /^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

export class DuplicateDecisionDto {
  @ApiProperty({
    enum: DuplicateDecision,
    example: DuplicateDecision.SAME_PERSON,
    description: 'SAME_PERSON closes one case as a DUPLICATE of the other (nothing is merged); NOT_SAME dismisses the pair for good.',
  })
  @IsEnum(DuplicateDecision)
  decision!: DuplicateDecision;

  @ApiPropertyOptional({ example: 'C-7K2M-Q9XD', description: 'SAME_PERSON only: which of the two cases closes as the duplicate (usually the newer one).' })
  @ValidateIf((dto: DuplicateDecisionDto) => dto.decision === DuplicateDecision.SAME_PERSON)
  @Matches(REFERENCE, { message: 'closeReference must be a case reference' })
  closeReference?: string;
}

/** One side of a pair under review: plain fields and the groups this reader may see. */
export class DuplicateSideView {
  @ApiProperty({ example: 'C-7K2M-Q9XD' }) reference!: string;
  @ApiProperty({ enum: CaseStage, example: CaseStage.INTAKE }) stage!: string;
  @ApiProperty({ example: 'URGENT' }) priority!: string;
  @ApiProperty({ type: [String], example: [] }) flags!: string[];
  @ApiProperty({ example: 'AZ' }) originCountry!: string;
  @ApiProperty({ type: String, nullable: true, example: 'GE' }) currentCountry!: string | null;
  @ApiProperty({ example: '2026-12-03T21:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: [String], format: 'uuid', example: ['5b0c7f0e-2b6a-4d8e-9d6f-0a1f3c2b4e5d'] }) assignedCaseworkerIds!: string[];
  @ApiProperty({
    type: [String],
    example: ['contact', 'dependants', 'documents', 'identity'],
    description: 'The groups shown (identity, contact, documents, dependants, as the role allows).',
  })
  fieldGroups!: string[];
  @ApiProperty({
    type: () => CaseProtectedContentView,
    example: { identity: { givenName: 'Rashad', familyName: 'Hüseynov', dateOfBirth: '1990-05-02' } },
    description: 'The shown groups (identity, contact, documents, dependants, as the role allows), in the shapes of the case file.',
  })
  protected!: CaseProtectedContentView;
}

export class DuplicatePairView {
  @ApiProperty({ type: [String], example: ['name+birth-date'], description: 'Why the pair was flagged (codes only; `conflict:*` is evidence against).' })
  reasons!: string[];
  @ApiProperty({ example: '2026-12-03T21:00:00.000Z' }) flaggedAt!: string;
  @ApiProperty({ type: [DuplicateSideView], description: 'The case in the path first, the other second.' }) cases!: DuplicateSideView[];
}

export class DuplicateOutcomeCaseView {
  @ApiProperty({ example: 'C-7K2M-Q9XD' }) reference!: string;
  @ApiProperty({ enum: CaseStage, example: CaseStage.CLOSED }) stage!: string;
  @ApiProperty({ enum: ClosureReason, nullable: true, example: ClosureReason.DUPLICATE }) closureReason!: string | null;
  @ApiProperty({ example: false, description: 'Still flagged: another undecided candidate remains.' }) possibleDuplicate!: boolean;
}

export class DuplicateDecisionView {
  @ApiProperty({ enum: DuplicateDecision, example: DuplicateDecision.SAME_PERSON }) decision!: string;
  @ApiProperty({ type: String, nullable: true, example: 'C-7K2M-Q9XD', description: 'SAME_PERSON: the case closed as DUPLICATE.' }) closedReference!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: 'C-4TQW-88JN', description: 'SAME_PERSON: the case it duplicates, which stays open.' }) keptReference!:
    string | null;
  @ApiProperty({ type: [DuplicateOutcomeCaseView] }) cases!: DuplicateOutcomeCaseView[];
}
