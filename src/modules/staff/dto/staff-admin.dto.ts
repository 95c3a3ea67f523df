import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsEnum, MaxLength } from 'class-validator';
import { StaffRole } from '@common/access/roles';
import { PersonalData } from '@infra/logging/personal-data.decorator';

export class InviteStaffDto {
  @ApiProperty({ example: 'leyla@example.org' })
  @PersonalData()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: StaffRole, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsEnum(StaffRole, { each: true })
  roles!: StaffRole[];
}

export class ChangeRolesDto {
  @ApiProperty({ enum: StaffRole, isArray: true, description: 'The full new set; empty removes every role.' })
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(StaffRole, { each: true })
  roles!: StaffRole[];
}
