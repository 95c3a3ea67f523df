import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { DOCUMENT_MEDIA_TYPES } from '../domain/media-type';

export enum DocumentKind {
  PASSPORT = 'PASSPORT',
  NATIONAL_ID = 'NATIONAL_ID',
  UNHCR_REGISTRATION = 'UNHCR_REGISTRATION',
  RSD_DECISION = 'RSD_DECISION',
  THREAT_EVIDENCE = 'THREAT_EVIDENCE',
  INJURY_PHOTO = 'INJURY_PHOTO',
  MEDICAL = 'MEDICAL',
  VISA_OR_TRAVEL = 'VISA_OR_TRAVEL',
  OTHER = 'OTHER',
}

export const REMOVED_METADATA = ['COMMENT', 'EXIF', 'IPTC', 'OTHER_APP_SEGMENT', 'TEXT', 'TIMESTAMP', 'XMP'] as const;
const EXAMPLE_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const APPLICATION_ID = '0b8e2f4a-1c3d-4e5f-8a9b-7c6d5e4f3a2b';

/**
 * The form fields of an upload (multipart/form-data, sent before the `file` part). The title,
 * note and file name are sealed under the case key; none of them is ever logged.
 */
export class DocumentFieldsDto {
  @ApiProperty({ enum: DocumentKind, example: DocumentKind.PASSPORT }) @IsEnum(DocumentKind) kind!: DocumentKind;
  @ApiProperty({ example: 'Passport, photo page', minLength: 1, maxLength: 200 }) @PersonalData() @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiPropertyOptional({ example: 'Original seen at interview', maxLength: 2000 }) @PersonalData() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: APPLICATION_ID,
    description: 'With `checklistItem`: the resettlement application whose checklist this document serves.',
  })
  @ValidateIf((dto: DocumentFieldsDto) => dto.checklistItem !== undefined || dto.applicationId !== undefined)
  @IsUUID('all')
  applicationId?: string;
  @ApiPropertyOptional({
    example: 'PASSPORT',
    description: "With `applicationId`: the checklist item's code (422 `checklist-item-not-found` when the application has none such).",
  })
  @ValidateIf((dto: DocumentFieldsDto) => dto.checklistItem !== undefined || dto.applicationId !== undefined)
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/)
  checklistItem?: string;
}

/** The multipart body of an upload, for the OpenAPI document: fields first, then the file. */
export class DocumentUploadBody extends DocumentFieldsDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The file, last. PDF, JPEG, PNG or WebP, decided from its content; images lose EXIF, XMP, IPTC and text metadata before encryption.',
  })
  file!: unknown;
}

export class ChecklistLinkView {
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) applicationId!: string;
  @ApiProperty({ example: 'PASSPORT' }) item!: string;
}

export class DocumentView {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id!: string;
  @ApiProperty({ enum: DocumentKind, example: DocumentKind.PASSPORT }) kind!: DocumentKind;
  @ApiProperty({ example: 'Passport, photo page' }) title!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Original seen at interview' }) note!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'scan-0001.jpg',
    description: 'The name the file was uploaded under (sealed; never sent in a download header).',
  })
  fileName!: string | null;
  @ApiProperty({ enum: DOCUMENT_MEDIA_TYPES, example: 'image/jpeg', description: 'Detected from the content.' }) mediaType!: string;
  @ApiProperty({ example: 482113, description: 'Bytes stored (after metadata removal).' }) sizeBytes!: number;
  @ApiProperty({ type: ChecklistLinkView, nullable: true }) checklist!: ChecklistLinkView | null;
  @ApiProperty({
    enum: REMOVED_METADATA,
    isArray: true,
    example: ['EXIF', 'XMP'],
    description: 'What was removed from the image before encryption (empty for PDFs and clean images).',
  })
  metadataRemoved!: string[];
  @ApiProperty({ example: 1, description: 'Raised by each replacement of the content.' }) version!: number;
  @ApiProperty({ format: 'uuid', example: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a' }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T10:00:00.000Z' }) updatedAt!: string;
}

export class DocumentListView {
  @ApiProperty({ type: [DocumentView] }) items!: DocumentView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}

/** What a partner sees of a document shared with it: no note, no file name, no uploader. */
export class PartnerDocumentView {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id!: string;
  @ApiProperty({ enum: DocumentKind, example: DocumentKind.PASSPORT }) kind!: DocumentKind;
  @ApiProperty({ example: 'Passport, photo page' }) title!: string;
  @ApiProperty({ enum: DOCUMENT_MEDIA_TYPES, example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ example: 482113 }) sizeBytes!: number;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T10:00:00.000Z' }) updatedAt!: string;
}

export class PartnerDocumentListView {
  @ApiProperty({ type: [PartnerDocumentView] }) items!: PartnerDocumentView[];
}
