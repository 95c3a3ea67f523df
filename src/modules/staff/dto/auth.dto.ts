import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DISPLAY_NAME_MAX_LENGTH, IsDisplayName } from './display-name';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { PASSWORD_MAX_LENGTH } from '../password-policy';

export class LoginDto {
  @ApiProperty({ example: 'leyla@example.org' })
  @PersonalData()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password', example: 'correct horse battery staple' })
  @PersonalData()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password!: string;

  @ApiProperty({ description: 'Six digits from the authenticator app.', example: '123456' })
  @PersonalData()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'rt_4QvX9mK2pL7sN1wB8zR5tY3cF6hJ0dG', description: 'The refresh token from the last login or refresh; each is good once.' })
  @PersonalData()
  @IsString()
  @MaxLength(100)
  refreshToken!: string;
}

export class EnrolmentBeginDto {
  @ApiProperty({ example: 'en_7Hc2Wq9Lm4Xv1Rb8Tz5Nk3Pd6Fs0Gy', description: 'The one-time enrolment token an administrator gave you.' })
  @PersonalData()
  @IsString()
  @MaxLength(100)
  token!: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password', minLength: 12 })
  @PersonalData()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password!: string;

  @ApiPropertyOptional({
    example: 'the old passphrase I remember',
    format: 'password',
    description:
      "Required with an authenticator-reset token: the account's current password, proving the owner (not the administrator who issued the token) is enrolling.",
  })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  currentPassword?: string;

  @ApiPropertyOptional({
    example: 'Leyla M.',
    maxLength: DISPLAY_NAME_MAX_LENGTH,
    description: 'The name colleagues see in rosters (sealed like the email; editable later with PATCH /api/v1/me).',
  })
  @PersonalData()
  @IsOptional()
  @IsDisplayName()
  displayName?: string;
}

export class EnrolmentConfirmDto {
  @ApiProperty({ example: 'en_7Hc2Wq9Lm4Xv1Rb8Tz5Nk3Pd6Fs0Gy' })
  @PersonalData()
  @IsString()
  @MaxLength(100)
  token!: string;

  @ApiProperty({ example: '123456' })
  @PersonalData()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @PersonalData()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  currentPassword!: string;

  @ApiProperty({ example: 'a brand new passphrase, long enough', format: 'password', minLength: 12 })
  @PersonalData()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  newPassword!: string;

  @ApiProperty({ description: 'A current code from the authenticator app: the second factor is needed to change the password too.', example: '123456' })
  @PersonalData()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}
