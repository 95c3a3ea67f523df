import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApiNextCursorProperty, PageQueryDto } from '@common/pagination/page-query.dto';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { ExpediteAnswer, ExpediteShareField, type ExpediteStatus } from '../domain/expedite';
import { ResettlementPathway } from '@modules/journeys/resettlement/domain/resettlement';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateExpediteRequestDto {
  @ApiProperty({
    example: '4c8e2a6f-1b3d-4f5a-9c7e-0d2b4f6a8c1e',
    format: 'uuid',
    description: "The receiving state's liaison: an active partner agency of type GOVERNMENT.",
  })
  @IsUUID()
  agencyId!: string;
  @ApiProperty({ example: '2027-02-03T09:00:00Z', description: 'Response deadline: in the future, at most 30 days ahead.' })
  @IsISO8601({ strict: true })
  deadline!: string;
  @ApiProperty({
    enum: ExpediteShareField,
    isArray: true,
    description: 'The parts of the person the liaison sees (possibly none): a sealed snapshot opened only for that agency.',
  })
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(ExpediteShareField, { each: true })
  share!: ExpediteShareField[];
  @ApiPropertyOptional({
    example: 'Arrest imminent; the person agreed by phone but cannot sign.',
    description: 'Required to share personal details while the case has no sharing consent (sealed, audited).',
  })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  consentOverrideReason?: string;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
    description:
      "Case documents the liaison may download (each one of the case's; 422 `document-not-on-case` otherwise). Without sharing consent they need the override reason too.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  documentIds?: string[];
}

export class GrantedDocumentDto {
  @ApiProperty({ example: 'EMERGENCY_VISA' }) @PersonalData() @IsString() @MinLength(1) @MaxLength(64) type!: string;
  @ApiPropertyOptional({ maxLength: 64, example: 'EV-20417-CA', description: 'Sealed under the case key.' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  number?: string;
  @ApiPropertyOptional({ format: 'date', example: '2027-08-01' })
  @IsOptional()
  @Matches(DATE, { message: 'validUntil must be a date (YYYY-MM-DD)' })
  validUntil?: string;
}

export class ExpediteResponseDto {
  @ApiProperty({
    enum: ExpediteAnswer,
    example: ExpediteAnswer.MORE_INFORMATION_NEEDED,
    description: 'GRANTED and REFUSED are final; ACKNOWLEDGED and MORE_INFORMATION_NEEDED do not stop the deadline.',
  })
  @IsEnum(ExpediteAnswer)
  answer!: ExpediteAnswer;

  @ApiPropertyOptional({
    maxLength: 4000,
    example: 'Please send the police summons the applicant received in September.',
    description: 'Required for REFUSED (the reason) and MORE_INFORMATION_NEEDED (what is needed). Sealed under the case key.',
  })
  @PersonalData()
  @ValidateIf((o: ExpediteResponseDto) => o.answer === ExpediteAnswer.REFUSED || o.answer === ExpediteAnswer.MORE_INFORMATION_NEEDED || o.message !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  message?: string;

  @ApiPropertyOptional({ type: GrantedDocumentDto, description: 'Required for GRANTED, refused otherwise: the visa or permit issued (sealed).' })
  @PersonalData()
  @ValidateIf((o: ExpediteResponseDto) => o.answer === ExpediteAnswer.GRANTED || o.document !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => GrantedDocumentDto)
  document?: GrantedDocumentDto;
}

export class PartnerExpediteQueryDto extends PageQueryDto {}

export class GrantedDocumentView {
  @ApiProperty({ example: 'EMERGENCY_VISA' }) type!: string;
  @ApiPropertyOptional({ example: 'EV-20417-CA' }) number?: string;
  @ApiPropertyOptional({ format: 'date', example: '2027-08-01' }) validUntil?: string;
}

/** One answer of the liaison. Its message and document are shown only to staff who may see notes and documents; the liaison gets them back as null. */
export class ExpediteResponseView {
  @ApiProperty({ format: 'uuid', example: '5b2d7c1a-0e4f-4d3b-8a6c-2f9e1d0c3b4a' }) id!: string;
  @ApiProperty({ enum: ExpediteAnswer, enumName: 'ExpediteAnswer', example: ExpediteAnswer.GRANTED }) answer!: ExpediteAnswer;
  @ApiProperty({ description: 'Recorded after the deadline.', example: false }) late!: boolean;
  @ApiProperty({ format: 'date-time', example: '2027-05-04T14:20:00.000Z' }) respondedAt!: string;
  // Sealed content is never kept for Idempotency-Key replays: a replay answers without these two.
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    example: null,
    description: "Opened for staff on the case only: null in the answering agency's own answer, absent from its Idempotency-Key replay.",
  })
  message!: string | null;
  @ApiProperty({
    type: GrantedDocumentView,
    nullable: true,
    required: false,
    description: "Opened for staff on the case only: null in the answering agency's own answer, absent from its Idempotency-Key replay.",
  })
  document!: GrantedDocumentView | null;
}

/** Staff see the request on the case; the person's share itself stays sealed for the liaison. */
export interface ExpediteRequestView {
  id: string;
  applicationId: string;
  agencyId: string;
  destinationCountry: string;
  pathway: string;
  deadlineAt: string;
  status: string;
  sharedFields: ExpediteShareField[];
  consentOverridden: boolean;
  requestedBy: string;
  createdAt: string;
  decidedAt: string | null;
  overdueAt: string | null;
  responses: ExpediteResponseView[];
}

export class SharedTravelDocumentView {
  @ApiProperty({ example: 'PASSPORT' }) type!: string;
  @ApiPropertyOptional({ example: 'C09876543' }) number?: string;
  @ApiPropertyOptional({ example: 'AZ' }) issuingCountry?: string;
  @ApiPropertyOptional({ example: '2031-04-30' }) expiresOn?: string;
}

/** Only the fields the coordinator chose for this request; the others are absent. */
export class SharedPersonView {
  @ApiPropertyOptional({ example: 'Elvin' }) givenName?: string;
  @ApiPropertyOptional({ example: 'Hüseynli' }) familyName?: string;
  @ApiPropertyOptional({ example: 'Rauf oğlu' }) patronymic?: string;
  @ApiPropertyOptional({ example: '1994-03-17', description: 'YYYY-MM-DD, or YYYY when only the year is known' }) dateOfBirth?: string;
  @ApiPropertyOptional({ type: SharedTravelDocumentView }) travelDocument?: SharedTravelDocumentView;
}

export class PartnerExpediteAnswerView {
  @ApiProperty({ format: 'uuid', example: '5b2d7c1a-0e4f-4d3b-8a6c-2f9e1d0c3b4a' }) id!: string;
  @ApiProperty({ enum: ExpediteAnswer, enumName: 'ExpediteAnswer', example: ExpediteAnswer.ACKNOWLEDGED }) answer!: ExpediteAnswer;
  @ApiProperty({ example: false }) late!: boolean;
  @ApiProperty({ format: 'date-time', example: '2027-05-04T14:20:00.000Z' }) respondedAt!: string;
}

/** What the liaison sees: the request's shared fields only. */
export class PartnerExpediteRequestView {
  @ApiProperty({ format: 'uuid', example: '9e3a1f70-6c2b-4f58-b1d4-7a0c5e8f2d36' }) id!: string;
  @ApiProperty({ example: 'C-7K3M-9Q2X' }) caseReference!: string;
  @ApiProperty({ example: 'CA' }) destinationCountry!: string;
  @ApiProperty({ enum: ResettlementPathway, enumName: 'ResettlementPathway' }) pathway!: ResettlementPathway;
  @ApiProperty({ format: 'date-time', example: '2027-05-06T09:00:00.000Z' }) deadlineAt!: string;
  @ApiProperty({ enum: ['PENDING', ...Object.values(ExpediteAnswer)], description: 'The latest answer, or PENDING.' }) status!: ExpediteStatus;
  @ApiProperty({ format: 'date-time', example: '2027-05-03T08:15:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: SharedPersonView }) person!: SharedPersonView;
  @ApiProperty({ type: [PartnerExpediteAnswerView], description: "The agency's own answers so far." }) responses!: PartnerExpediteAnswerView[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
    description: 'Case documents sent with the request: download each from `/partner/v1/expedite-requests/{id}/documents/{documentId}/content`.',
  })
  documentIds!: string[];
}

export class PartnerExpediteRequestPage {
  @ApiProperty({ type: [PartnerExpediteRequestView] }) items!: PartnerExpediteRequestView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}
