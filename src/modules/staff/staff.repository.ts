import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StaffRole } from '@common/access/roles';
import type { KeysetPosition } from '@common/pagination/keyset';
import { StaffEnrolmentEntity } from './staff-enrolment.entity';
import { StaffStatus, StaffUserEntity } from './staff-user.entity';

/** Staff accounts and their enrolment tokens. Queries only. */
@Injectable()
export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  private users(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(StaffUserEntity);
  }

  private enrolments(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(StaffEnrolmentEntity);
  }

  async insertUser(tx: EntityManager, user: Pick<StaffUserEntity, 'id' | 'emailIndex' | 'emailSealed' | 'roles' | 'status' | 'createdAt'>): Promise<void> {
    await this.users(tx).insert(user);
  }

  findById(id: string, tx?: EntityManager): Promise<StaffUserEntity | null> {
    return this.users(tx).findOne({ where: { id } });
  }

  /** Locks the account row: concurrent logins count failures one at a time. */
  findByEmailIndexForUpdate(tx: EntityManager, emailIndex: string): Promise<StaffUserEntity | null> {
    return this.users(tx).findOne({ where: { emailIndex }, lock: { mode: 'pessimistic_write' } });
  }

  findByIdForUpdate(tx: EntityManager, id: string): Promise<StaffUserEntity | null> {
    return this.users(tx).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every account's id and sealed email, for re-indexing (a few hundred rows at most). */
  allEmails(tx: EntityManager): Promise<Array<Pick<StaffUserEntity, 'id' | 'emailIndex' | 'emailSealed'>>> {
    return this.users(tx).find({
      select: { id: true, emailIndex: true, emailSealed: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async emailIndexTaken(tx: EntityManager, emailIndex: string): Promise<boolean> {
    return (await this.users(tx).count({ where: { emailIndex } })) > 0;
  }

  async updateUser(tx: EntityManager, id: string, changes: Partial<Omit<StaffUserEntity, 'id'>>): Promise<void> {
    await this.users(tx).update({ id }, changes);
  }

  /** Keyset page ordered by (created_at, id); one row more than `limit` says another page exists. */
  page(after: KeysetPosition | null, limit: number): Promise<StaffUserEntity[]> {
    const query = this.users()
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(limit + 1);
    if (after) query.where('(u.created_at, u.id) > (:createdAt, :id)', after);
    return query.getMany();
  }

  /** Keyset page of accounts holding any of `roles` (INVITED ones excluded), ordered by (created_at, id). */
  pageWithAnyRole(after: KeysetPosition | null, limit: number, roles: StaffRole[]): Promise<StaffUserEntity[]> {
    const query = this.users()
      .createQueryBuilder('u')
      .where('u.roles && :roles::text[]', { roles })
      .andWhere('u.status <> :invited', { invited: StaffStatus.Invited })
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(limit + 1);
    if (after) query.andWhere('(u.created_at, u.id) > (:createdAt, :id)', after);
    return query.getMany();
  }

  /** Active holders of a role other than `exceptUserId`, for notifications. */
  async activeIdsWithRole(tx: EntityManager, role: StaffRole, exceptUserId: string | null): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM staff_users WHERE status = $1 AND $2 = ANY(roles) AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [StaffStatus.Active, role, exceptUserId],
    );
    return rows.map((row) => row.id);
  }

  async countActiveAdmins(tx: EntityManager): Promise<number> {
    const [row]: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM staff_users WHERE status = $1 AND 'admin' = ANY(roles)`, [
      StaffStatus.Active,
    ]);
    return row?.n ?? 0;
  }

  async insertEnrolment(
    tx: EntityManager,
    enrolment: Pick<StaffEnrolmentEntity, 'id' | 'userId' | 'tokenHash' | 'purpose' | 'expiresAt' | 'issuedBy'>,
  ): Promise<void> {
    await this.enrolments(tx).insert(enrolment);
  }

  findEnrolmentByHashForUpdate(tx: EntityManager, tokenHash: string): Promise<StaffEnrolmentEntity | null> {
    return this.enrolments(tx).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async updateEnrolment(tx: EntityManager, id: string, changes: Partial<Omit<StaffEnrolmentEntity, 'id'>>): Promise<void> {
    await this.enrolments(tx).update({ id }, changes);
  }

  /** A new invitation or reset makes the user's earlier unused tokens worthless. */
  async expireOpenEnrolments(tx: EntityManager, userId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE staff_enrolments SET expires_at = $2 WHERE user_id = $1 AND used_at IS NULL AND expires_at > $2`, [userId, at]);
  }
}
