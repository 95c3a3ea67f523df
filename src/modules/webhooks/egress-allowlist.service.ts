import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RecordNotFoundException } from '@common/access/access.exception';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { TransactionRunner } from '@infra/database/transaction';
import { AuditService } from '@modules/audit/audit.service';
import type { CreateEgressAllowlistEntryDto, EgressAllowlistEntryView } from './dto/webhooks.dto';
import { normalizeHost } from './egress/address-policy';
import { EgressAllowlistEntity } from './webhook-records.entity';
import { EgressHostAlreadyAllowedException } from './webhooks.exception';
import { WebhooksRepository } from './webhooks.repository';

/**
 * The hosts exempt from the egress rules (http allowed, any address). Each entry weakens SSRF
 * protection for that name, so adding and removing are audited.
 */
@Injectable()
export class EgressAllowlistService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQueryDto): Promise<Page<EgressAllowlistEntryView>> {
    const rows = await this.repository.listAllowlist(startAfter(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, entryView);
  }

  async add(ctx: RequestContext, input: CreateEgressAllowlistEntryDto): Promise<EgressAllowlistEntryView> {
    const entry = Object.assign(new EgressAllowlistEntity(), {
      id: randomUUID(),
      host: normalizeHost(input.host),
      createdAt: this.clock.now(),
      createdBy: staffOf(ctx).userId,
    });
    await this.transactions.run(async (tx) => {
      if (!(await this.repository.insertAllowlistEntry(tx, entry))) throw new EgressHostAlreadyAllowedException();
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'egress_allowlist.added',
        resourceType: 'egress_allowlist',
        resourceId: entry.id,
        requestId: ctx.requestId,
        details: { host: entry.host },
      });
    });
    return entryView(entry);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const removed = await this.repository.deleteAllowlistEntry(tx, id);
      if (!removed) throw new RecordNotFoundException('allowlist entry');
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'egress_allowlist.removed',
        resourceType: 'egress_allowlist',
        resourceId: id,
        requestId: ctx.requestId,
        details: { host: removed.host },
      });
    });
  }
}

const entryView = (row: EgressAllowlistEntity): EgressAllowlistEntryView => ({ id: row.id, host: row.host, createdAt: row.createdAt.toISOString() });
