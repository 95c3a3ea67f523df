import { Global, Module } from '@nestjs/common';
import { ActivationLinker } from '@modules/cases/activation-linker.port';
import { ActivationPolicy } from '@modules/cases/activation-policy.port';
import { CasesModule } from '@modules/cases/cases.module';
import { ActivationFanoutHandler } from './activation-fanout.handler';
import { ActivationFanoutService } from './activation-fanout.service';
import { ActivationIntakeLinker } from './activation-intake.linker';
import { ActivationPolicyService } from './activation-policy.service';
import { ActivationsController } from './activations.controller';
import { ActivationsRepository } from './activations.repository';
import { ActivationsService } from './activations.service';

/**
 * Rapid-response activations. Global for the ports it implements (the cases module's
 * ActivationPolicy and ActivationLinker, also asked by checkins), so neither depends on it.
 */
@Global()
@Module({
  imports: [CasesModule],
  controllers: [ActivationsController],
  providers: [
    ActivationsRepository,
    ActivationsService,
    ActivationFanoutService,
    ActivationFanoutHandler,
    ActivationPolicyService,
    { provide: ActivationPolicy, useExisting: ActivationPolicyService },
    ActivationIntakeLinker,
    { provide: ActivationLinker, useExisting: ActivationIntakeLinker },
  ],
  exports: [ActivationPolicy, ActivationLinker],
})
export class ActivationsModule {}
