import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { AuthConfig } from '@config/auth.config';
import { AuditService } from '@modules/audit/audit.service';
import { hashCredential, looksLike } from './credential-tokens';
import { PasswordHasher } from './password-hasher';
import { passwordProblems } from './password-policy';
import { SessionRepository } from './session.repository';
import {
  EnrolmentNotStartedException,
  InvalidEnrolmentTokenException,
  InvalidTotpCodeException,
  WeakPasswordException,
  WrongPasswordException,
} from './staff.exception';
import { StaffRepository } from './staff.repository';
import { StaffSecrets } from './staff-secrets';
import { EnrolmentPurpose, type StaffEnrolmentEntity } from './staff-enrolment.entity';
import { StaffStatus, type StaffUserEntity } from './staff-user.entity';
import { base32Encode, generateTotpSecret, matchTotp, otpauthUri } from './totp';

export interface EnrolmentChallenge {
  /** For the authenticator app (as a QR code or typed in); shown once. */
  otpauthUri: string;
  secret: string;
}

/** Wrong current passwords an authenticator-reset token survives. */
const RESET_PASSWORD_ATTEMPTS = 5;

/**
 * Enrolment with a one-time token: first a password (checked against the policy) and a fresh
 * TOTP secret are held as pending; a valid code from the authenticator then makes them the
 * account's and spends the token. Until then, the step may be repeated.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly staff: StaffRepository,
    private readonly sessions: SessionRepository,
    private readonly secrets: StaffSecrets,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(AuthConfig) private readonly config: AuthConfig,
  ) {}

  async begin(ctx: RequestContext, input: { token: string; password: string; currentPassword?: string; displayName?: string }): Promise<EnrolmentChallenge> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      const { enrolment, user } = await this.open(tx, input.token);
      // An authenticator reset is for the owner, who still knows the password; the admin who
      // holds the token does not. Wrong attempts are counted and spend the token at the limit.
      if (enrolment.purpose === EnrolmentPurpose.AuthenticatorReset && !(await this.hasher.verify(user.passwordHash, input.currentPassword ?? ''))) {
        const failedAttempts = enrolment.failedAttempts + 1;
        const spent = failedAttempts >= RESET_PASSWORD_ATTEMPTS;
        await this.staff.updateEnrolment(tx, enrolment.id, { failedAttempts, ...(spent ? { expiresAt: this.clock.now() } : {}) });
        await this.audit.record(tx, {
          actor: { kind: 'anonymous' },
          action: 'staff.enrolment_refused',
          resourceType: 'staff_user',
          resourceId: user.id,
          requestId: ctx.requestId,
          details: { purpose: enrolment.purpose, reason: 'wrong-current-password', spent },
        });
        return null;
      }
      const email = await this.secrets.openText(tx, user.id, 'email', user.emailSealed);
      const problems = passwordProblems(input.password, email);
      if (problems.length > 0) throw new WeakPasswordException(problems);
      const secret = generateTotpSecret();
      await this.staff.updateEnrolment(tx, enrolment.id, {
        pendingPasswordHash: await this.hasher.hash(input.password),
        pendingTotpSealed: await this.secrets.seal(tx, user.id, 'pending_totp', secret),
      });
      // The person names themselves; sealed like the email.
      if (input.displayName)
        await this.staff.updateUser(tx, user.id, { displayNameSealed: await this.secrets.seal(tx, user.id, 'display_name', input.displayName) });
      await this.audit.record(tx, {
        actor: { kind: 'anonymous' },
        action: 'staff.enrolment_started',
        resourceType: 'staff_user',
        resourceId: user.id,
        requestId: ctx.requestId,
        details: { purpose: enrolment.purpose },
      });
      return { otpauthUri: otpauthUri(this.config.totpIssuer, email, secret), secret: base32Encode(secret) };
    });
    // Thrown after the commit, so the counted attempt stays counted.
    if (!outcome) throw new WrongPasswordException();
    return outcome;
  }

  async confirm(ctx: RequestContext, input: { token: string; code: string }): Promise<{ status: 'ACTIVE' }> {
    return this.dataSource.transaction(async (tx) => {
      const { enrolment, user } = await this.open(tx, input.token);
      if (!enrolment.pendingPasswordHash || !enrolment.pendingTotpSealed) throw new EnrolmentNotStartedException();
      const secret = await this.secrets.openBytes(tx, user.id, 'pending_totp', enrolment.pendingTotpSealed);
      const now = this.clock.now();
      const step = matchTotp(secret, input.code, now.getTime());
      if (step === null) throw new InvalidTotpCodeException();
      await this.staff.updateUser(tx, user.id, {
        passwordHash: enrolment.pendingPasswordHash,
        passwordChangedAt: now,
        totpSecretSealed: await this.secrets.seal(tx, user.id, 'totp_secret', secret),
        totpLastStep: String(step),
        status: StaffStatus.Active,
        activatedAt: user.activatedAt ?? now,
        failedLogins: 0,
        lockouts: 0,
        lockedUntil: null,
      });
      await this.staff.updateEnrolment(tx, enrolment.id, { usedAt: now, pendingPasswordHash: null, pendingTotpSealed: null });
      await this.sessions.revokeAllOfUser(tx, user.id, 'enrolled', now);
      await this.audit.record(tx, {
        actor: { kind: 'anonymous' },
        action: 'staff.mfa_enrolled',
        resourceType: 'staff_user',
        resourceId: user.id,
        requestId: ctx.requestId,
        details: { purpose: enrolment.purpose },
      });
      return { status: 'ACTIVE' as const };
    });
  }

  private async open(tx: EntityManager, token: string): Promise<{ enrolment: StaffEnrolmentEntity; user: StaffUserEntity }> {
    if (!looksLike('Enrolment', token)) throw new InvalidEnrolmentTokenException();
    const enrolment = await this.staff.findEnrolmentByHashForUpdate(tx, hashCredential(token));
    if (!enrolment || enrolment.usedAt || enrolment.expiresAt <= this.clock.now()) throw new InvalidEnrolmentTokenException();
    // The console's first-admin token dies as soon as any admin has enrolled (by it or otherwise).
    if (enrolment.purpose === EnrolmentPurpose.FirstAdmin && (await this.staff.countActiveAdmins(tx)) > 0) throw new InvalidEnrolmentTokenException();
    const user = await this.staff.findByIdForUpdate(tx, enrolment.userId);
    if (!user || user.status === StaffStatus.Deactivated) throw new InvalidEnrolmentTokenException();
    return { enrolment, user };
  }
}
