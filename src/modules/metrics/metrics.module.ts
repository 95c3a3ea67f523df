import { Global, Module } from '@nestjs/common';
import { ProcessMetrics } from '@infra/metrics/process-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/** `/metrics`, and the service other modules report events to (escalation latency, webhook failures). Global. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [ProcessMetrics, MetricsService, MetricsRepository],
  exports: [ProcessMetrics, MetricsService],
})
export class MetricsModule {}
