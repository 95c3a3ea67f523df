import { Global, Module } from '@nestjs/common';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditLogService } from './audit-log.service';
import { AuditMaintenance } from './audit-maintenance';
import { AuditSealer } from './audit-sealer';
import { AuditVerifier } from './audit-verifier';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** Global: every module audits. The sealer chains what they write; auditors read it here. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRepository, AuditChainRepository, AuditSealer, AuditVerifier, AuditLogService, AuditMaintenance],
  exports: [AuditService, AuditSealer, AuditVerifier],
})
export class AuditModule {}
