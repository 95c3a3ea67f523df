import { ApiProperty } from '@nestjs/swagger';
import type { CheckinPolicyView as CheckinPolicyViewShape } from '../checkin-policy.service';

type CheckinPolicyRulesShape = NonNullable<NonNullable<NonNullable<CheckinPolicyViewShape>['rules']>[number]>;

export class CheckinPolicyRulesView implements CheckinPolicyRulesShape {
  @ApiProperty({ type: String, example: 'TRIAGED' }) stage!: CheckinPolicyRulesShape['stage'];
  @ApiProperty({ type: String, example: 'URGENT' }) priority!: CheckinPolicyRulesShape['priority'];
  @ApiProperty({ type: 'integer', example: 3 }) intervalMinutes!: CheckinPolicyRulesShape['intervalMinutes'];
}

export class CheckinPolicyView implements CheckinPolicyViewShape {
  @ApiProperty({ type: 'integer', example: 3 }) gracePercent!: CheckinPolicyViewShape['gracePercent'];
  @ApiProperty({ type: [CheckinPolicyRulesView] }) rules!: CheckinPolicyRulesView[];
}
