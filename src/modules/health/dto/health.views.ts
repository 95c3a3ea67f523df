import { ApiProperty } from '@nestjs/swagger';
import type { ReadinessReport as ReadinessReportShape } from '../health.service';

type LivenessShape = { status: 'ok' };
type ReadinessReportChecksShape = NonNullable<NonNullable<ReadinessReportShape>['checks']>;

export class ReadinessReportChecksView implements ReadinessReportChecksShape {
  @ApiProperty({ enum: ['up'], example: 'up' }) database!: ReadinessReportChecksShape['database'];
  @ApiProperty({ enum: ['up'], example: 'up' }) redis!: ReadinessReportChecksShape['redis'];
}

export class ReadinessReportView implements ReadinessReportShape {
  @ApiProperty({ enum: ['ready'], example: 'ready' }) status!: ReadinessReportShape['status'];
  @ApiProperty({ type: () => ReadinessReportChecksView }) checks!: ReadinessReportChecksView;
}

export class LivenessView implements LivenessShape {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status!: LivenessShape['status'];
}
