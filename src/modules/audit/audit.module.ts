import { Global, Module } from '@nestjs/common';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditMaintenance } from './audit-maintenance';
import { AuditSealer } from './audit-sealer';
import { AuditVerifier } from './audit-verifier';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** Global: every module audits. The sealer chains what they write. */
@Global()
@Module({
  providers: [AuditService, AuditRepository, AuditChainRepository, AuditSealer, AuditVerifier, AuditMaintenance],
  exports: [AuditService, AuditSealer, AuditVerifier],
})
export class AuditModule {}
