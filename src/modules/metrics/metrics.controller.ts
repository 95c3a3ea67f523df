import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. Not in the OpenAPI document: it is for the monitoring system, with
 * its own bearer token (`METRICS_TOKEN`), not for staff or partners.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Access(Permission.MetricsScrape)
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.exposition();
  }
}
