import { ApiProperty } from '@nestjs/swagger';
import type { StayRuleView as StayRuleViewShape } from './stay-rule.dto';

export class StayRuleView implements StayRuleViewShape {
  @ApiProperty({ type: String, example: 'GE' }) nationality!: StayRuleViewShape['nationality'];
  @ApiProperty({ type: String, example: 'GE' }) hostCountry!: StayRuleViewShape['hostCountry'];
  @ApiProperty({ type: 'integer', example: 14 }) allowedDays!: StayRuleViewShape['allowedDays'];
  @ApiProperty({ type: String, example: 'ACTIVATION' }) source!: StayRuleViewShape['source'];
  @ApiProperty({ type: String, example: '2026-03-15' }) checkedOn!: StayRuleViewShape['checkedOn'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) updatedBy!: StayRuleViewShape['updatedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) updatedAt!: StayRuleViewShape['updatedAt'];
}
