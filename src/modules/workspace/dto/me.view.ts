import { ApiProperty } from '@nestjs/swagger';
import { Permission } from '@common/access/permission';
import { StaffRole } from '@common/access/roles';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { StaffLanguage } from '@modules/staff/staff-language';

export class CoordinatedActivationView {
  @ApiProperty({ format: 'uuid', example: '0b6c3c1e-2f5d-4a8e-9c1b-7d2e4f6a8b90' })
  id!: string;

  @ApiProperty({ example: 'AZ-2017-09' })
  code!: string;
}

/** Who I am: what the console needs to lay itself out. */
export class MeView {
  @ApiProperty({ format: 'uuid', example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' })
  id!: string;

  @ApiProperty({ enum: StaffRole, enumName: 'StaffRole', isArray: true, example: [StaffRole.Coordinator] })
  roles!: StaffRole[];

  @ApiProperty({
    enum: Permission,
    enumName: 'Permission',
    isArray: true,
    example: [Permission.StaffSelf, Permission.CaseWork, Permission.CaseAssign],
    description: 'What my roles allow (route permissions); case-level access is still decided per case.',
  })
  permissions!: Permission[];

  @ApiProperty({ type: String, nullable: true, example: 'Leyla M.', description: 'Null until set (at enrolment or with PATCH /api/v1/me).' })
  displayName!: string | null;

  @ApiProperty({ enum: StaffLanguage, enumName: 'StaffLanguage', example: StaffLanguage.English })
  preferredLanguage!: StaffLanguage;

  @ApiProperty({
    example: false,
    description: 'The console masks names in lists (caseload, Today, search) until a row is revealed; changed with PATCH /api/v1/me.',
  })
  maskNames!: boolean;

  @ApiProperty({ type: [CoordinatedActivationView], description: 'Active activations I coordinate.' })
  activationsCoordinated!: CoordinatedActivationView[];
}

export class StaffDirectoryEntryView {
  @ApiProperty({ format: 'uuid', example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Rauf A.' })
  displayName!: string | null;

  @ApiProperty({ enum: StaffRole, enumName: 'StaffRole', isArray: true, example: [StaffRole.Caseworker] })
  roles!: StaffRole[];

  @ApiProperty({ enum: ['ACTIVE', 'DEACTIVATED'], example: 'ACTIVE' })
  status!: string;

  @ApiProperty({ example: true, description: 'Whether the account can work now (status ACTIVE).' })
  active!: boolean;

  @ApiProperty({ type: 'integer', example: 14, description: 'Open (not closed, not erased) cases assigned to this person.' })
  openCaseload!: number;
}

export class StaffDirectoryPageView {
  @ApiProperty({ type: [StaffDirectoryEntryView] })
  items!: StaffDirectoryEntryView[];

  @ApiNextCursorProperty()
  nextCursor!: string | null;
}
