import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { ExpediteAnswer, ExpediteShareField, type ExpediteStatus } from '../domain/expedite';
import { ResettlementPathway } from '../domain/resettlement';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateExpediteRequestDto {
  @ApiProperty({ format: 'uuid', description: "The receiving state's liaison: an active partner agency of type GOVERNMENT." }) @IsUUID() agencyId!: string;
  @ApiProperty({ example: '2027-02-03T09:00:00Z', description: 'Response deadline: in the future, at most 30 days ahead.' }) @IsISO8601({ strict: true }) deadline!: string;
  @ApiProperty({ enum: ExpediteShareField, isArray: true, description: 'The parts of the person the liaison sees (possibly none): a sealed snapshot opened only for that agency.' })
  @IsArray() @ArrayMaxSize(5) @ArrayUnique() @IsEnum(ExpediteShareField, { each: true })
  share!: ExpediteShareField[];
  @ApiPropertyOptional({ description: 'Required to share personal details while the case has no sharing consent (sealed, audited).' })
  @PersonalData() @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) consentOverrideReason?: string;
}

export class GrantedDocumentDto {
  @ApiProperty({ example: 'EMERGENCY_VISA' }) @PersonalData() @IsString() @MinLength(1) @MaxLength(64) type!: string;
  @ApiPropertyOptional({ description: 'Sealed under the case key.' }) @PersonalData() @IsOptional() @IsString() @MinLength(1) @MaxLength(64) number?: string;
  @ApiPropertyOptional({ example: '2027-08-01' }) @IsOptional() @Matches(DATE, { message: 'validUntil must be a date (YYYY-MM-DD)' }) validUntil?: string;
}

export class ExpediteResponseDto {
  @ApiProperty({ enum: ExpediteAnswer, description: 'GRANTED and REFUSED are final; ACKNOWLEDGED and MORE_INFORMATION_NEEDED do not stop the deadline.' })
  @IsEnum(ExpediteAnswer)
  answer!: ExpediteAnswer;

  @ApiPropertyOptional({ description: 'Required for REFUSED (the reason) and MORE_INFORMATION_NEEDED (what is needed). Sealed under the case key.' })
  @PersonalData()
  @ValidateIf((o: ExpediteResponseDto) => o.answer === ExpediteAnswer.REFUSED || o.answer === ExpediteAnswer.MORE_INFORMATION_NEEDED || o.message !== undefined)
  @IsString() @MinLength(1) @MaxLength(4000)
  message?: string;

  @ApiPropertyOptional({ type: GrantedDocumentDto, description: 'Required for GRANTED, refused otherwise: the visa or permit issued (sealed).' })
  @PersonalData()
  @ValidateIf((o: ExpediteResponseDto) => o.answer === ExpediteAnswer.GRANTED || o.document !== undefined)
  @IsObject() @ValidateNested() @Type(() => GrantedDocumentDto)
  document?: GrantedDocumentDto;
}

export class PartnerExpediteQueryDto extends PageQueryDto {}

export class GrantedDocumentView {
  @ApiProperty() type!: string;
  @ApiPropertyOptional() number?: string;
  @ApiPropertyOptional({ format: 'date' }) validUntil?: string;
}

/** One answer of the liaison. Its message and document are shown only to staff who may see notes and documents; the liaison gets them back as null. */
export class ExpediteResponseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ExpediteAnswer, enumName: 'ExpediteAnswer' }) answer!: ExpediteAnswer;
  @ApiProperty({ description: 'Recorded after the deadline.' }) late!: boolean;
  @ApiProperty({ format: 'date-time' }) respondedAt!: string;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ type: GrantedDocumentView, nullable: true }) document!: GrantedDocumentView | null;
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
  @ApiProperty() type!: string;
  @ApiPropertyOptional() number?: string;
  @ApiPropertyOptional() issuingCountry?: string;
  @ApiPropertyOptional() expiresOn?: string;
}

/** Only the fields the coordinator chose for this request; the others are absent. */
export class SharedPersonView {
  @ApiPropertyOptional() givenName?: string;
  @ApiPropertyOptional() familyName?: string;
  @ApiPropertyOptional() patronymic?: string;
  @ApiPropertyOptional() dateOfBirth?: string;
  @ApiPropertyOptional({ type: SharedTravelDocumentView }) travelDocument?: SharedTravelDocumentView;
}

export class PartnerExpediteAnswerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ExpediteAnswer, enumName: 'ExpediteAnswer' }) answer!: ExpediteAnswer;
  @ApiProperty() late!: boolean;
  @ApiProperty({ format: 'date-time' }) respondedAt!: string;
}

/** What the liaison sees: the request's shared fields only. */
export class PartnerExpediteRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'C-7K3M-9Q2X' }) caseReference!: string;
  @ApiProperty({ example: 'CA' }) destinationCountry!: string;
  @ApiProperty({ enum: ResettlementPathway, enumName: 'ResettlementPathway' }) pathway!: ResettlementPathway;
  @ApiProperty({ format: 'date-time' }) deadlineAt!: string;
  @ApiProperty({ enum: ['PENDING', ...Object.values(ExpediteAnswer)], description: 'The latest answer, or PENDING.' }) status!: ExpediteStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: SharedPersonView }) person!: SharedPersonView;
  @ApiProperty({ type: [PartnerExpediteAnswerView], description: "The agency's own answers so far." }) responses!: PartnerExpediteAnswerView[];
}

export class PartnerExpediteRequestPage {
  @ApiProperty({ type: [PartnerExpediteRequestView] }) items!: PartnerExpediteRequestView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}
