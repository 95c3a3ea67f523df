import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { CredentialEpoch } from '@common/access/credential-epoch';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { FailureKind } from '@common/errors/domain.exception';
import { RateLimitedException } from '@common/errors/rate-limited.exception';
import { AuthConfig } from '@config/auth.config';
import { RateLimiter } from '@infra/redis/rate-limiter';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { LockdownService } from '@modules/lockdown/lockdown.service';
import { hashCredential, issueCredential, looksLike } from './credential-tokens';
import { loginSource } from './login-source';
import { PasswordHasher } from './password-hasher';
import { passwordProblems, type PasswordProblem } from './password-policy';
import { SessionRepository } from './session.repository';
import {
  InvalidCredentialsException,
  InvalidRefreshTokenException,
  InvalidTotpCodeException,
  TotpCodeReusedException,
  WeakPasswordException,
  WrongPasswordException,
} from './staff.exception';
import { StaffRepository } from './staff.repository';
import { StaffSecrets } from './staff-secrets';
import { StaffStatus, type StaffUserEntity } from './staff-user.entity';
import { matchTotp } from './totp';

export interface IssuedTokens {
  tokenType: 'Bearer';
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  sessionExpiresAt: string;
}

export interface SessionView {
  id: string;
  createdAt: string;
  refreshedAt: string | null;
  expiresAt: string;
  current: boolean;
}

const MAX_LOCKOUT_SECONDS = 86_400;

type PasswordChangeOutcome = 'changed' | 'wrong-password' | 'wrong-code' | 'code-reused' | { problems: PasswordProblem[] } | { lockedForSeconds: number };

type LoginOutcome = { ok: true; tokens: IssuedTokens } | { ok: false; reused?: boolean };

/** Password + TOTP login, rotating refresh tokens, sessions, password change. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly staff: StaffRepository,
    private readonly sessions: SessionRepository,
    private readonly secrets: StaffSecrets,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly lockdown: LockdownService,
    private readonly epoch: CredentialEpoch,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(AuthConfig) private readonly config: AuthConfig,
  ) {}

  /**
   * Limits, in this order: per client address; per account *and* address (an attacker spends only
   * their own allowance, never the owner's); a high per-account ceiling over every address (so
   * brute force stays bounded however many addresses guess). The account lockout counts only
   * attempts that passed the password check: without the password no one can lock the owner out.
   */
  async login(ctx: RequestContext, input: { email: string; password: string; code: string }): Promise<IssuedTokens> {
    const emailIndex = this.secrets.emailIndex(input.email);
    await this.limit(ctx, `login:ip:${ctx.ip}`, this.config.loginRateLimitPerIp);
    await this.limit(ctx, `login:account-source:${emailIndex}:${loginSource(ctx.ip)}`, this.config.loginRateLimitPerAccountAndAddress);
    await this.limit(ctx, `login:account:${emailIndex}`, this.config.loginRateLimitPerAccount);
    const lockdown = await this.lockdown.isActive();
    // Failures commit their counters and audit rows; the exception is thrown after the commit.
    const outcome = await this.dataSource.transaction(async (tx): Promise<LoginOutcome> => {
      const user = await this.staff.findByEmailIndexForUpdate(tx, emailIndex);
      const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, input.password);
      const now = this.clock.now();
      if (!user || user.status !== StaffStatus.Active) {
        await this.failure(tx, ctx, user?.id ?? null, user ? 'inactive' : 'unknown_account');
        return { ok: false };
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        await this.failure(tx, ctx, user.id, 'locked');
        return { ok: false };
      }
      if (lockdown && !user.roles.includes(StaffRole.Admin)) {
        await this.failure(tx, ctx, user.id, 'lockdown');
        return { ok: false };
      }
      if (!passwordOk) {
        // Limited by the rate limits above, not by the lockout: a stranger could otherwise lock the owner out.
        await this.failure(tx, ctx, user.id, 'password');
        return { ok: false };
      }
      const step = await this.totpStep(tx, user, input.code, now);
      if (step === 'replay') {
        // A known code used again is no guess at an unknown one: audited, not counted toward the lockout.
        await this.failure(tx, ctx, user.id, 'totp_replay');
        return { ok: false, reused: true };
      }
      if (step === null) {
        await this.countFailure(tx, ctx, user, now, 'totp');
        return { ok: false };
      }
      await this.staff.updateUser(tx, user.id, { failedLogins: 0, lockouts: 0, lockedUntil: null, totpLastStep: String(step) });
      const tokens = await this.openSession(tx, user.id, now);
      await this.audit.record(tx, {
        actor: { kind: 'staff', userId: user.id, sessionId: tokens.sessionId, roles: user.roles },
        action: 'auth.login',
        resourceType: 'staff_user',
        resourceId: user.id,
        requestId: ctx.requestId,
      });
      return { ok: true, tokens: tokens.issued };
    });
    if (!outcome.ok) throw outcome.reused ? new TotpCodeReusedException() : new InvalidCredentialsException();
    return outcome.tokens;
  }

  async refresh(ctx: RequestContext, refreshToken: string): Promise<IssuedTokens> {
    if (!looksLike('Refresh', refreshToken)) throw new InvalidRefreshTokenException();
    await this.limit(ctx, `refresh:ip:${ctx.ip}`, this.config.loginRateLimitPerIp * 4);
    const outcome = await this.dataSource.transaction(async (tx): Promise<LoginOutcome> => {
      const presented = await this.sessions.findRefreshTokenForUpdate(tx, hashCredential(refreshToken));
      if (!presented) return { ok: false };
      const session = await this.sessions.findSessionForUpdate(tx, presented.sessionId);
      if (!session) return { ok: false };
      const now = this.clock.now();
      if (presented.usedAt) {
        // A spent token came back: it was copied. End the whole session (the token family).
        if (await this.sessions.revoke(tx, session.id, 'refresh_reuse', now)) {
          await this.audit.record(tx, {
            actor: { kind: 'anonymous' },
            action: 'auth.refresh_reuse_detected',
            resourceType: 'staff_session',
            resourceId: session.id,
            outcome: AuditOutcome.Denied,
            requestId: ctx.requestId,
            details: { userId: session.userId },
          });
        }
        return { ok: false };
      }
      const user = await this.staff.findById(session.userId, tx);
      const live =
        session.revokedAt === null && session.expiresAt > now && session.epoch === (await this.epoch.current()) && user?.status === StaffStatus.Active;
      if (!live) return { ok: false };
      await this.sessions.markRefreshTokenUsed(tx, presented.tokenHash, now);
      const access = issueCredential('Access');
      const refresh = issueCredential('Refresh');
      const accessExpiresAt = this.accessExpiry(now, session.expiresAt);
      await this.sessions.rotateAccess(tx, session.id, access.hash, accessExpiresAt, now);
      await this.sessions.insertRefreshToken(tx, { tokenHash: refresh.hash, sessionId: session.id, issuedAt: now });
      return { ok: true, tokens: tokensOf(access.token, accessExpiresAt, refresh.token, session.expiresAt) };
    });
    if (!outcome.ok) throw new InvalidRefreshTokenException();
    return outcome.tokens;
  }

  async logout(ctx: RequestContext): Promise<void> {
    const principal = staffOf(ctx);
    await this.dataSource.transaction(async (tx) => {
      await this.sessions.revoke(tx, principal.sessionId, 'logout', this.clock.now());
      await this.audit.record(tx, {
        actor: principal,
        action: 'auth.logout',
        resourceType: 'staff_session',
        resourceId: principal.sessionId,
        requestId: ctx.requestId,
      });
    });
  }

  /**
   * Browser logout: the refresh cookie names the session (the page may have lost its access
   * token on reload). An unknown token ends nothing and answers like a success; a spent one still ends its session (the user wants out).
   */
  async logoutByRefreshToken(ctx: RequestContext, refreshToken: string | null): Promise<void> {
    if (!refreshToken || !looksLike('Refresh', refreshToken)) return;
    await this.dataSource.transaction(async (tx) => {
      const presented = await this.sessions.findRefreshTokenForUpdate(tx, hashCredential(refreshToken));
      if (!presented) return;
      const session = await this.sessions.findSessionForUpdate(tx, presented.sessionId);
      if (!session || !(await this.sessions.revoke(tx, session.id, 'logout', this.clock.now()))) return;
      const user = await this.staff.findById(session.userId, tx);
      await this.audit.record(tx, {
        actor: { kind: 'staff', userId: session.userId, sessionId: session.id, roles: user?.roles ?? [] },
        action: 'auth.logout',
        resourceType: 'staff_session',
        resourceId: session.id,
        requestId: ctx.requestId,
        details: { via: 'browser_cookie' },
      });
    });
  }

  async listSessions(ctx: RequestContext): Promise<SessionView[]> {
    const principal = staffOf(ctx);
    const sessions = await this.sessions.listLive(principal.userId, this.clock.now());
    return sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt.toISOString(),
      refreshedAt: session.refreshedAt?.toISOString() ?? null,
      expiresAt: session.expiresAt.toISOString(),
      current: session.id === principal.sessionId,
    }));
  }

  async revokeSession(ctx: RequestContext, sessionId: string): Promise<void> {
    const principal = staffOf(ctx);
    await this.dataSource.transaction(async (tx) => {
      const session = await this.sessions.findSessionForUpdate(tx, sessionId);
      // Someone else's session answers like a missing one.
      if (!session || session.userId !== principal.userId || session.revokedAt) throw new RecordNotFoundException('session');
      await this.sessions.revoke(tx, sessionId, 'revoked_by_owner', this.clock.now());
      await this.audit.record(tx, {
        actor: principal,
        action: 'auth.session_revoked',
        resourceType: 'staff_session',
        resourceId: sessionId,
        requestId: ctx.requestId,
      });
    });
  }

  /**
   * Needs the current password and a current TOTP code: a stolen session plus a shoulder-surfed
   * password is not enough to take the account over. A wrong code counts toward the account's
   * lockout like one at login; while locked, nothing is changed. Other sessions end; this one stays.
   */
  async changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string; code: string }): Promise<void> {
    const principal = staffOf(ctx);
    // A stolen session must not become an unlimited oracle for the current password.
    await this.limit(ctx, `password-change:account:${principal.userId}`, this.config.loginRateLimitPerAccountAndAddress);
    const outcome = await this.dataSource.transaction(async (tx): Promise<PasswordChangeOutcome> => {
      const user = await this.staff.findByIdForUpdate(tx, principal.userId);
      if (!user || !(await this.hasher.verify(user.passwordHash, input.currentPassword))) return 'wrong-password';
      const now = this.clock.now();
      if (user.lockedUntil && user.lockedUntil > now) return { lockedForSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) };
      const step = await this.totpStep(tx, user, input.code, now);
      if (step === 'replay') return 'code-reused';
      if (step === null) {
        await this.countFailure(tx, ctx, user, now, 'totp', 'auth.password_change_failed');
        return 'wrong-code';
      }
      const email = await this.secrets.openText(tx, user.id, 'email', user.emailSealed);
      const problems = passwordProblems(input.newPassword, email);
      if (problems.length > 0) return { problems };
      await this.staff.updateUser(tx, user.id, {
        passwordHash: await this.hasher.hash(input.newPassword),
        passwordChangedAt: now,
        totpLastStep: String(step),
        failedLogins: 0,
      });
      const ended = await this.sessions.revokeAllOfUser(tx, user.id, 'password_changed', now, principal.sessionId);
      await this.audit.record(tx, {
        actor: principal,
        action: 'auth.password_changed',
        resourceType: 'staff_user',
        resourceId: user.id,
        requestId: ctx.requestId,
        details: { sessionsEnded: ended },
      });
      return 'changed';
    });
    if (outcome === 'changed') return;
    if (outcome === 'wrong-password') throw new WrongPasswordException();
    if (outcome === 'wrong-code') throw new InvalidTotpCodeException();
    if (outcome === 'code-reused') throw new TotpCodeReusedException(FailureKind.Unprocessable);
    if ('problems' in outcome) throw new WeakPasswordException(outcome.problems);
    throw new RateLimitedException(outcome.lockedForSeconds);
  }

  private async openSession(tx: EntityManager, userId: string, now: Date): Promise<{ sessionId: string; issued: IssuedTokens }> {
    const access = issueCredential('Access');
    const refresh = issueCredential('Refresh');
    const sessionId = randomUUID();
    const expiresAt = new Date(now.getTime() + this.config.sessionMaxAgeSeconds * 1000);
    const accessExpiresAt = this.accessExpiry(now, expiresAt);
    await this.sessions.insertSession(tx, {
      id: sessionId,
      userId,
      accessTokenHash: access.hash,
      accessExpiresAt,
      expiresAt,
      epoch: await this.epoch.current(),
      createdAt: now,
    });
    await this.sessions.insertRefreshToken(tx, { tokenHash: refresh.hash, sessionId, issuedAt: now });
    return { sessionId, issued: tokensOf(access.token, accessExpiresAt, refresh.token, expiresAt) };
  }

  private accessExpiry(now: Date, sessionExpiresAt: Date): Date {
    return new Date(Math.min(now.getTime() + this.config.accessTokenTtlSeconds * 1000, sessionExpiresAt.getTime()));
  }

  /** The matched step, 'replay' for a code already used, or null. */
  private async totpStep(tx: EntityManager, user: StaffUserEntity, code: string, now: Date): Promise<number | 'replay' | null> {
    if (!user.totpSecretSealed) return null;
    const secret = await this.secrets.openBytes(tx, user.id, 'totp_secret', user.totpSecretSealed);
    const step = matchTotp(secret, code, now.getTime());
    if (step === null) return null;
    return user.totpLastStep !== null && step <= Number(user.totpLastStep) ? 'replay' : step;
  }

  /** A wrong second factor after a right password: counted; at the threshold the account locks. */
  private async countFailure(
    tx: EntityManager,
    ctx: RequestContext,
    user: StaffUserEntity,
    now: Date,
    reason: string,
    action: 'auth.login_failed' | 'auth.password_change_failed' = 'auth.login_failed',
  ): Promise<void> {
    const failures = user.failedLogins + 1;
    if (failures < this.config.lockoutThreshold) {
      await this.staff.updateUser(tx, user.id, { failedLogins: failures });
      await this.failure(tx, ctx, user.id, reason, action);
      return;
    }
    // Each lockout doubles the last, up to a day.
    const seconds = Math.min(this.config.lockoutBaseSeconds * 2 ** user.lockouts, MAX_LOCKOUT_SECONDS);
    const lockedUntil = new Date(now.getTime() + seconds * 1000);
    await this.staff.updateUser(tx, user.id, { failedLogins: 0, lockouts: user.lockouts + 1, lockedUntil });
    await this.failure(tx, ctx, user.id, reason, action);
    await this.audit.record(tx, {
      actor: { kind: 'system', component: 'auth' },
      action: 'auth.account_locked',
      resourceType: 'staff_user',
      resourceId: user.id,
      requestId: ctx.requestId,
      details: { seconds, lockouts: user.lockouts + 1 },
    });
  }

  private failure(tx: EntityManager, ctx: RequestContext, userId: string | null, reason: string, action = 'auth.login_failed'): Promise<void> {
    return this.audit.record(tx, {
      actor: { kind: 'anonymous' },
      action,
      resourceType: 'staff_user',
      resourceId: userId,
      outcome: AuditOutcome.Denied,
      requestId: ctx.requestId,
      details: { reason },
    });
  }

  private async limit(ctx: RequestContext, key: string, limit: number): Promise<void> {
    const verdict = await this.limiter.hit(key, limit, this.config.loginRateLimitWindowSeconds);
    if (verdict.allowed) return;
    await this.audit.recordAlone({
      actor: { kind: 'anonymous' },
      action: 'auth.rate_limited',
      resourceType: 'staff_user',
      outcome: AuditOutcome.Denied,
      requestId: ctx.requestId,
      details: { limiter: key.split(':').slice(0, 2).join(':') },
    });
    throw new RateLimitedException(verdict.retryAfterSeconds);
  }
}

function tokensOf(accessToken: string, accessExpiresAt: Date, refreshToken: string, sessionExpiresAt: Date): IssuedTokens {
  return {
    tokenType: 'Bearer',
    accessToken,
    accessTokenExpiresAt: accessExpiresAt.toISOString(),
    refreshToken,
    sessionExpiresAt: sessionExpiresAt.toISOString(),
  };
}
