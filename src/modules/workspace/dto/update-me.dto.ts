import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, ValidateIf } from 'class-validator';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { DISPLAY_NAME_MAX_LENGTH, IsDisplayName } from '@modules/staff/dto/display-name';
import { StaffLanguage } from '@modules/staff/staff-language';

/** My own profile; each field optional, only those sent change. */
export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Leyla M.', maxLength: DISPLAY_NAME_MAX_LENGTH, description: 'Sealed under my data key, like the email.' })
  @PersonalData()
  @IsOptional()
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ enum: StaffLanguage, enumName: 'StaffLanguage', example: StaffLanguage.Russian })
  @IsOptional()
  @IsEnum(StaffLanguage)
  preferredLanguage?: StaffLanguage;

  @ApiPropertyOptional({ example: true, description: "Mask names in the console's lists until each row is revealed." })
  // Absent means unchanged; null is refused like any non-boolean (the column has no null).
  @ValidateIf((dto: UpdateMeDto) => dto.maskNames !== undefined)
  @IsBoolean()
  maskNames?: boolean;
}
