import { Module } from '@nestjs/common';
import { CasesModule } from '@modules/cases/cases.module';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceRepository } from './workspace.repository';
import { WorkspaceService } from './workspace.service';

/**
 * The staff member's own workspace: who am I, my profile, the staff directory. It reads across
 * modules (staff profiles, caseloads, activations) and nothing depends on it.
 */
@Module({
  imports: [CasesModule],
  controllers: [WorkspaceController],
  providers: [WorkspaceService, WorkspaceRepository],
})
export class WorkspaceModule {}
