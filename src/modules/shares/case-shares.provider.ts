import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseFieldGroup } from '@modules/access/case-access.policy';
import { CaseErasureParticipant, CaseErasureParticipants } from '@modules/cases/case-erasure.port';
import { CaseShares } from '@modules/cases/case-shares.port';
import { fieldGroupsFor } from './shared-fields';
import { SharesRepository } from './shares.repository';

/**
 * The shares module's side of the cases module's ports: the grant fed to the access policy, the
 * agencies holding an active share (any module may ask, e.g. for `escalation.raised`), and the
 * erasure of service-update notes.
 */
@Injectable()
export class CaseSharesProvider extends CaseShares implements OnModuleInit {
  constructor(
    private readonly repository: SharesRepository,
    private readonly erasure: CaseErasureParticipants,
  ) {
    super();
  }

  onModuleInit(): void {
    const repository = this.repository;
    this.erasure.join(
      new (class extends CaseErasureParticipant {
        eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
          return repository.eraseServiceUpdateNotes(tx, caseId);
        }
      })(),
    );
  }

  async activeGrant(tx: EntityManager, caseId: string, agencyId: string, now: Date): Promise<{ fieldGroups: CaseFieldGroup[] } | null> {
    const share = await this.repository.activeShare(tx, caseId, agencyId, now);
    return share ? { fieldGroups: fieldGroupsFor(share.fields) } : null;
  }

  async activeShareId(tx: EntityManager, caseId: string, agencyId: string, now: Date): Promise<string | null> {
    return (await this.repository.activeShare(tx, caseId, agencyId, now))?.id ?? null;
  }

  sharedReferences(tx: EntityManager, caseIds: readonly string[], agencyId: string, now: Date): Promise<Map<string, string>> {
    return this.repository.sharedReferences(tx, caseIds, agencyId, now);
  }

  agenciesSharing(tx: EntityManager, caseId: string, now: Date): Promise<string[]> {
    return this.repository.agenciesSharing(tx, caseId, now);
  }
}
