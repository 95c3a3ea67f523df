import { ApiProperty } from '@nestjs/swagger';
import { AgencyType, ApiKeyScope } from '@common/access/roles';

export class PartnerAgencySummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: AgencyType, enumName: 'AgencyType' })
  type!: AgencyType;
}

/** What a partner learns about itself: its agency and the key it called with. */
export class PartnerSelfView {
  @ApiProperty({ type: PartnerAgencySummary })
  agency!: PartnerAgencySummary;

  @ApiProperty({ format: 'uuid' })
  apiKeyId!: string;

  @ApiProperty({ enum: ApiKeyScope, enumName: 'ApiKeyScope', isArray: true })
  scopes!: ApiKeyScope[];
}
