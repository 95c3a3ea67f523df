import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import { HealthService, type ReadinessReport } from './health.service';
import { LivenessView, ReadinessReportView } from './dto/health.views';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessView })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis are reachable (503 otherwise)' })
  @ApiOkResponse({ type: ReadinessReportView })
  @ApiProblemResponses(503)
  readiness(): Promise<ReadinessReport> {
    return this.health.readiness();
  }
}
