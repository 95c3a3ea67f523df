import { ApiProperty, PickType } from '@nestjs/swagger';
import { ApiKeyScope } from '@common/access/roles';
import { AgencyView } from './agency.dto';

export class PartnerAgencySummary extends PickType(AgencyView, ['id', 'name', 'type'] as const) {}

/** What a partner learns about itself: its agency and the key it called with. */
export class PartnerSelfView {
  @ApiProperty({ type: PartnerAgencySummary })
  agency!: PartnerAgencySummary;

  @ApiProperty({ format: 'uuid' })
  apiKeyId!: string;

  @ApiProperty({ enum: ApiKeyScope, enumName: 'ApiKeyScope', isArray: true })
  scopes!: ApiKeyScope[];
}
