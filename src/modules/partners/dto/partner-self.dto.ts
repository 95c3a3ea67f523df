import { ApiProperty, PickType } from '@nestjs/swagger';
import { ApiKeyScope } from '@common/access/roles';
import { AgencyView } from './agency.dto';

export class PartnerAgencySummary extends PickType(AgencyView, ['id', 'name', 'type'] as const) {}

/** What a partner learns about itself: its agency and the key it called with. */
export class PartnerSelfView {
  @ApiProperty({ type: PartnerAgencySummary })
  agency!: PartnerAgencySummary;

  @ApiProperty({ format: 'uuid', example: 'c4f1a8e2-5b3d-4e6f-9a7c-0d1e2f3a4b5c' })
  apiKeyId!: string;

  @ApiProperty({ enum: ApiKeyScope, enumName: 'ApiKeyScope', isArray: true, example: [ApiKeyScope.ReferralsWrite, ApiKeyScope.CasesRead] })
  scopes!: ApiKeyScope[];
}
