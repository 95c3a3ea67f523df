import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { BreakGlassRepository } from './break-glass.repository';
import { BreakGlassService } from './break-glass.service';

/** Installs the access guard for every route; the case module uses break-glass grants. */
@Global()
@Module({
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, BreakGlassService, BreakGlassRepository],
  exports: [BreakGlassService],
})
export class AccessModule {}
