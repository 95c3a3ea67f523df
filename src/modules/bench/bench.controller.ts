import { Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import { BenchService, type BenchCaseView } from './bench.service';

/**
 * Benchmark reference routes, registered only with `CORRIDOR_BENCH_ROUTES=true` on a loopback
 * address (see BenchModule). Never part of the API: excluded from OpenAPI and the route matrix.
 */
@ApiExcludeController()
@Controller('bench/v1')
export class BenchController {
  constructor(private readonly bench: BenchService) {}

  /** The "typical NestJS CRUD peer": one row by key through TypeORM; no auth, decryption or audit. */
  @Get('cases/:ref')
  @Access(Permission.Public)
  findCase(@Param('ref') reference: string): Promise<BenchCaseView> {
    return this.bench.findCase(reference);
  }
}
