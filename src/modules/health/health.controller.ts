import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import { HealthService, type ReadinessReport } from './health.service';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis are reachable (503 otherwise)' })
  readiness(): Promise<ReadinessReport> {
    return this.health.readiness();
  }
}
