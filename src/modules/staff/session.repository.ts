import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StaffRole } from '@common/access/roles';
import { prepared, queryPrepared } from '@infra/database/prepared';
import { StaffRefreshTokenEntity, StaffSessionEntity } from './staff-session.entity';

export interface AuthenticatedSession {
  sessionId: string;
  userId: string;
  roles: StaffRole[];
}

// Prepared: it runs before every staff request.
const LIVE_SESSION_BY_ACCESS_HASH = prepared(
  'staff_session_by_access_hash',
  `SELECT s.id AS session_id, u.id AS user_id, u.roles
   FROM staff_sessions s
   JOIN staff_users u ON u.id = s.user_id
   JOIN system_state st ON st.id = 1
   WHERE s.access_token_hash = $1 AND s.revoked_at IS NULL AND s.access_expires_at > $2 AND s.expires_at > $2
     AND s.epoch = st.credential_epoch AND u.status = 'ACTIVE'`,
);

const LIVE_SESSION_BY_ID = prepared(
  'staff_session_live_by_id',
  `SELECT s.id AS session_id, u.id AS user_id, u.roles
   FROM staff_sessions s
   JOIN staff_users u ON u.id = s.user_id
   JOIN system_state st ON st.id = 1
   WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
     AND s.epoch = st.credential_epoch AND u.status = 'ACTIVE'`,
);

/** Staff sessions and refresh tokens. Queries only. */
@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The hot path of every staff request: one indexed lookup that also checks the account is
   * active and the session belongs to the current credential epoch.
   */
  async findLiveByAccessHash(accessTokenHash: string, now: Date): Promise<AuthenticatedSession | null> {
    const rows = await queryPrepared<Array<{ session_id: string; user_id: string; roles: StaffRole[] }>>(this.dataSource.manager, LIVE_SESSION_BY_ACCESS_HASH, [
      accessTokenHash,
      now,
    ]);
    const row = rows[0];
    return row ? { sessionId: row.session_id, userId: row.user_id, roles: row.roles } : null;
  }

  /** The session by id if it may still act (its access token's own expiry aside: a stream outlives it). */
  async findLiveById(sessionId: string, now: Date): Promise<AuthenticatedSession | null> {
    const rows = await queryPrepared<Array<{ session_id: string; user_id: string; roles: StaffRole[] }>>(this.dataSource.manager, LIVE_SESSION_BY_ID, [
      sessionId,
      now,
    ]);
    const row = rows[0];
    return row ? { sessionId: row.session_id, userId: row.user_id, roles: row.roles } : null;
  }

  async insertSession(
    tx: EntityManager,
    session: Pick<StaffSessionEntity, 'id' | 'userId' | 'accessTokenHash' | 'accessExpiresAt' | 'expiresAt' | 'epoch' | 'createdAt'>,
  ): Promise<void> {
    await tx.getRepository(StaffSessionEntity).insert(session);
  }

  findSessionForUpdate(tx: EntityManager, id: string): Promise<StaffSessionEntity | null> {
    return tx.getRepository(StaffSessionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async rotateAccess(tx: EntityManager, sessionId: string, accessTokenHash: string, accessExpiresAt: Date, at: Date): Promise<void> {
    await tx.getRepository(StaffSessionEntity).update({ id: sessionId }, { accessTokenHash, accessExpiresAt, refreshedAt: at });
  }

  async insertRefreshToken(tx: EntityManager, token: Pick<StaffRefreshTokenEntity, 'tokenHash' | 'sessionId' | 'issuedAt'>): Promise<void> {
    await tx.getRepository(StaffRefreshTokenEntity).insert(token);
  }

  findRefreshTokenForUpdate(tx: EntityManager, tokenHash: string): Promise<StaffRefreshTokenEntity | null> {
    return tx.getRepository(StaffRefreshTokenEntity).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markRefreshTokenUsed(tx: EntityManager, tokenHash: string, at: Date): Promise<void> {
    await tx.getRepository(StaffRefreshTokenEntity).update({ tokenHash }, { usedAt: at });
  }

  async revoke(tx: EntityManager, sessionId: string, reason: string, at: Date): Promise<boolean> {
    const result: [unknown[], number] = await tx.query(`UPDATE staff_sessions SET revoked_at = $3, revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      reason,
      at,
    ]);
    return result[1] > 0;
  }

  /** Ends every session of a user (deactivation, password change), optionally keeping one. */
  async revokeAllOfUser(tx: EntityManager, userId: string, reason: string, at: Date, keepSessionId: string | null = null): Promise<number> {
    const result: [unknown[], number] = await tx.query(
      `UPDATE staff_sessions SET revoked_at = $3, revoke_reason = $2
       WHERE user_id = $1 AND revoked_at IS NULL AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [userId, reason, at, keepSessionId],
    );
    return result[1];
  }

  listLive(userId: string, now: Date): Promise<StaffSessionEntity[]> {
    return this.dataSource
      .getRepository(StaffSessionEntity)
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > :now', { userId, now })
      .orderBy('s.created_at', 'DESC')
      .take(100)
      .getMany();
  }
}
