import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import {
  EgressAllowlistEntity,
  WebhookAudience,
  WebhookDeliveryEntity,
  WebhookDeliveryStatus,
  WebhookEndpointEntity,
  WebhookEndpointStatus,
} from './webhook-records.entity';

/** Whose endpoints: one agency's, or the staff alert channels. */
export type EndpointScope = { audience: WebhookAudience.PARTNER; agencyId: string } | { audience: WebhookAudience.STAFF };

export type EndpointChanges = Partial<
  Pick<WebhookEndpointEntity, 'status' | 'disabledReason' | 'disabledAt' | 'consecutiveFailedDeliveries' | 'failingSince' | 'deletedAt' | 'secretSealed'>
>;
export type DeliveryChanges = Partial<
  Pick<WebhookDeliveryEntity, 'status' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'lastStatusCode' | 'lastError' | 'responseExcerpt' | 'completedAt'>
>;

/** Queries for webhook endpoints, deliveries and the egress allowlist. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async insertEndpoint(tx: EntityManager, row: WebhookEndpointEntity): Promise<void> {
    await tx.getRepository(WebhookEndpointEntity).insert(row);
  }

  /** A live (not deleted) endpoint in the scope; anything else is "not found". */
  async findEndpoint(scope: EndpointScope, id: string, tx?: EntityManager, lock = false): Promise<WebhookEndpointEntity | null> {
    const query = this.m(tx)
      .getRepository(WebhookEndpointEntity)
      .createQueryBuilder('e')
      .where('e.id = :id AND e.deleted_at IS NULL AND e.audience = :audience', { id, audience: scope.audience });
    if (scope.audience === WebhookAudience.PARTNER) query.andWhere('e.agency_id = :agencyId', { agencyId: scope.agencyId });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  findEndpointById(id: string, tx?: EntityManager): Promise<WebhookEndpointEntity | null> {
    return this.m(tx).getRepository(WebhookEndpointEntity).findOneBy({ id });
  }

  lockEndpointById(tx: EntityManager, id: string): Promise<WebhookEndpointEntity | null> {
    return tx.getRepository(WebhookEndpointEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateEndpoint(tx: EntityManager, id: string, changes: EndpointChanges): Promise<void> {
    await tx.getRepository(WebhookEndpointEntity).update({ id }, changes);
  }

  listEndpoints(scope: EndpointScope, after: KeysetPosition | null, limit: number): Promise<WebhookEndpointEntity[]> {
    const query = this.dataSource
      .getRepository(WebhookEndpointEntity)
      .createQueryBuilder('e')
      .where('e.deleted_at IS NULL AND e.audience = :audience', { audience: scope.audience });
    if (scope.audience === WebhookAudience.PARTNER) query.andWhere('e.agency_id = :agencyId', { agencyId: scope.agencyId });
    if (after) query.andWhere('(e.created_at, e.id) > (:at, :id)', { at: after.createdAt, id: after.id });
    return query.orderBy('e.created_at', 'ASC').addOrderBy('e.id', 'ASC').limit(limit).getMany();
  }

  async countEndpoints(tx: EntityManager, scope: EndpointScope): Promise<number> {
    const query = tx
      .getRepository(WebhookEndpointEntity)
      .createQueryBuilder('e')
      .where('e.deleted_at IS NULL AND e.audience = :audience', { audience: scope.audience });
    if (scope.audience === WebhookAudience.PARTNER) query.andWhere('e.agency_id = :agencyId', { agencyId: scope.agencyId });
    return query.getCount();
  }

  /** Active endpoints of the scope that subscribed to the event type. */
  subscribedEndpoints(tx: EntityManager, scope: EndpointScope, eventType: string): Promise<WebhookEndpointEntity[]> {
    const query = tx
      .getRepository(WebhookEndpointEntity)
      .createQueryBuilder('e')
      .where('e.deleted_at IS NULL AND e.status = :status AND e.audience = :audience AND :type = ANY(e.event_types)', {
        status: WebhookEndpointStatus.ACTIVE,
        audience: scope.audience,
        type: eventType,
      });
    if (scope.audience === WebhookAudience.PARTNER) query.andWhere('e.agency_id = :agencyId', { agencyId: scope.agencyId });
    return query.orderBy('e.id').getMany();
  }

  /** False when the event already has a delivery for this endpoint (a repeated fan-out). */
  async insertDelivery(tx: EntityManager, row: WebhookDeliveryEntity): Promise<boolean> {
    const result = await tx.getRepository(WebhookDeliveryEntity).createQueryBuilder().insert().values(row).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  findDelivery(id: string, tx?: EntityManager): Promise<WebhookDeliveryEntity | null> {
    return this.m(tx).getRepository(WebhookDeliveryEntity).findOneBy({ id });
  }

  lockDelivery(tx: EntityManager, id: string): Promise<WebhookDeliveryEntity | null> {
    return tx.getRepository(WebhookDeliveryEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateDelivery(tx: EntityManager, id: string, changes: DeliveryChanges): Promise<void> {
    await tx.getRepository(WebhookDeliveryEntity).update({ id }, changes);
  }

  listDeliveries(endpointId: string, after: KeysetPosition | null, limit: number): Promise<WebhookDeliveryEntity[]> {
    const query = this.dataSource.getRepository(WebhookDeliveryEntity).createQueryBuilder('d').where('d.endpoint_id = :endpointId', { endpointId });
    if (after) query.andWhere('(d.created_at, d.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return query.orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC').limit(limit).getMany();
  }

  /** A disabled or deleted endpoint's pending deliveries stop; their scheduled attempts find them cancelled. */
  async cancelPendingDeliveries(tx: EntityManager, endpointId: string, at: Date): Promise<void> {
    await tx
      .getRepository(WebhookDeliveryEntity)
      .update({ endpointId, status: WebhookDeliveryStatus.PENDING }, { status: WebhookDeliveryStatus.CANCELLED, nextAttemptAt: null, completedAt: at });
  }

  listAllowlist(after: KeysetPosition | null, limit: number): Promise<EgressAllowlistEntity[]> {
    const query = this.dataSource.getRepository(EgressAllowlistEntity).createQueryBuilder('a');
    if (after) query.where('(a.created_at, a.id) > (:at, :id)', { at: after.createdAt, id: after.id });
    return query.orderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC').limit(limit).getMany();
  }

  async insertAllowlistEntry(tx: EntityManager, row: EgressAllowlistEntity): Promise<boolean> {
    const result = await tx.getRepository(EgressAllowlistEntity).createQueryBuilder().insert().values(row).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  async deleteAllowlistEntry(tx: EntityManager, id: string): Promise<EgressAllowlistEntity | null> {
    const row = await tx.getRepository(EgressAllowlistEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (row) await tx.getRepository(EgressAllowlistEntity).delete({ id });
    return row;
  }

  async isAllowlisted(host: string): Promise<boolean> {
    return this.dataSource.getRepository(EgressAllowlistEntity).existsBy({ host });
  }
}
