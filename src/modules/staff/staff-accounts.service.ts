import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { mixesAdministrationAndCaseRoles, StaffRole } from '@common/access/roles';
import type { Actor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { AuthConfig } from '@config/auth.config';
import { AuditService } from '@modules/audit/audit.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { issueCredential } from './credential-tokens';
import { SessionRepository } from './session.repository';
import {
  CredentialResetNotRequestedException,
  CurrentPasswordUnavailableException,
  LastAdminException,
  MixedRolesException,
  SecondAdminRequiredException,
  SelfRoleChangeException,
  StaffAccountExistsException,
} from './staff.exception';
import { StaffRepository } from './staff.repository';
import { StaffSecrets } from './staff-secrets';
import { EnrolmentPurpose } from './staff-enrolment.entity';
import { StaffStatus, type StaffUserEntity } from './staff-user.entity';

export interface StaffAccountView {
  id: string;
  email: string;
  roles: StaffRole[];
  status: StaffStatus;
  locked: boolean;
  createdAt: string;
  activatedAt: string | null;
  deactivatedAt: string | null;
}

export interface CredentialResetRequestView {
  account: StaffAccountView;
  status: 'APPROVAL_REQUIRED';
  requestedBy: string;
  requestedAt: string;
}

export interface IssuedEnrolment {
  account: StaffAccountView;
  /** Shown once; the person uses it to set a password and an authenticator. */
  enrolmentToken: string;
  enrolmentExpiresAt: string;
}

/**
 * What admins do to staff accounts. No one but the account's owner ever sets its password; an
 * admin never changes their own roles or status (another admin must), and every role change
 * notifies the other admins, so no admin quietly grants themselves case access.
 */
@Injectable()
export class StaffAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly staff: StaffRepository,
    private readonly sessions: SessionRepository,
    private readonly secrets: StaffSecrets,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(AuthConfig) private readonly config: AuthConfig,
  ) {}

  invite(ctx: RequestContext, input: { email: string; roles: StaffRole[] }): Promise<IssuedEnrolment> {
    return this.createAccount(actorOf(ctx), ctx.requestId, input);
  }

  /** The CLI's `admin:create`: an admin account created by an operator at the console. */
  createAdmin(email: string): Promise<IssuedEnrolment> {
    return this.createAccount({ kind: 'system', component: 'cli' }, null, { email, roles: [StaffRole.Admin] });
  }

  /**
   * First start: the bootstrap admin's account, created if missing, with a fresh enrolment token
   * (earlier unused ones stop working). The token is a FIRST_ADMIN one: short-lived, and refused
   * once any admin has enrolled (see EnrolmentService).
   */
  enrolFirstAdmin(email: string): Promise<IssuedEnrolment> {
    return this.dataSource.transaction(async (tx) => {
      const existing = await this.staff.findByEmailIndexForUpdate(tx, this.secrets.emailIndex(email));
      if (!existing)
        return this.createAccount({ kind: 'system', component: 'bootstrap' }, null, { email, roles: [StaffRole.Admin] }, tx, EnrolmentPurpose.FirstAdmin);
      const enrolment = await this.issueEnrolment(tx, existing.id, EnrolmentPurpose.FirstAdmin, null);
      await this.audit.record(tx, {
        actor: { kind: 'system', component: 'bootstrap' },
        action: 'staff.enrolment_reissued',
        resourceType: 'staff_user',
        resourceId: existing.id,
      });
      return { account: await this.view(tx, existing), ...enrolment };
    });
  }

  private async createAccount(
    actor: Actor,
    requestId: string | null,
    input: { email: string; roles: StaffRole[] },
    outer?: EntityManager,
    purpose = EnrolmentPurpose.Invitation,
  ): Promise<IssuedEnrolment> {
    if (mixesAdministrationAndCaseRoles(input.roles)) throw new MixedRolesException();
    const work = async (tx: EntityManager): Promise<IssuedEnrolment> => {
      const emailIndex = this.secrets.emailIndex(input.email);
      if (await this.staff.emailIndexTaken(tx, emailIndex)) throw new StaffAccountExistsException();
      const id = randomUUID();
      await this.secrets.createKey(tx, id);
      const roles = [...new Set(input.roles)].sort();
      await this.staff.insertUser(tx, {
        id,
        emailIndex,
        emailSealed: await this.secrets.seal(tx, id, 'email', StaffSecrets.normalizeEmail(input.email)),
        roles,
        status: StaffStatus.Invited,
        // From the clock, at the millisecond precision keyset cursors carry.
        createdAt: this.clock.now(),
      });
      const issuedBy = actor.kind === 'staff' ? actor.userId : null;
      const enrolment = await this.issueEnrolment(tx, id, purpose, issuedBy);
      await this.audit.record(tx, { actor, action: 'staff.invited', resourceType: 'staff_user', resourceId: id, requestId, details: { roles } });
      if (roles.includes(StaffRole.Admin) || actor.kind === 'staff') {
        await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin, issuedBy), {
          kind: 'staff.invited',
          subjectType: 'staff_user',
          subjectId: id,
          details: { roles },
        });
      }
      return { account: await this.view(tx, await this.require(tx, id)), ...enrolment };
    };
    return outer ? work(outer) : this.dataSource.transaction(work);
  }

  /**
   * Recomputes every account's email index under the current normalisation (NFKC + case fold), for
   * rows indexed under an older rule. Two accounts whose emails now coincide are both left as they
   * are and reported: an admin decides which one is genuine (the other is a lookalike to
   * deactivate). Idempotent; the CLI's `staff:reindex-emails`.
   */
  reindexEmails(): Promise<{ reindexed: number; conflicts: string[][] }> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await this.staff.allEmails(tx);
      const byIndex = new Map<string, Array<{ id: string; current: string }>>();
      for (const row of rows) {
        const email = await this.secrets.openText(tx, row.id, 'email', row.emailSealed);
        const index = this.secrets.emailIndex(email);
        byIndex.set(index, [...(byIndex.get(index) ?? []), { id: row.id, current: row.emailIndex }]);
      }
      let reindexed = 0;
      const conflicts: string[][] = [];
      for (const [index, owners] of byIndex) {
        if (owners.length > 1) {
          conflicts.push(owners.map((owner) => owner.id));
          continue;
        }
        const [owner] = owners;
        if (!owner || owner.current === index) continue;
        await this.staff.updateUser(tx, owner.id, { emailIndex: index });
        reindexed += 1;
      }
      await this.audit.record(tx, {
        actor: { kind: 'system', component: 'cli' },
        action: 'staff.emails_reindexed',
        resourceType: 'staff_user',
        resourceId: null,
        details: { reindexed, conflicts: conflicts.length },
      });
      return { reindexed, conflicts };
    });
  }

  async list(query: { cursor?: string; limit: number }): Promise<Page<StaffAccountView>> {
    const rows = await this.staff.page(startAfter(query.cursor), query.limit);
    const page = toPage(rows, query.limit, (user) => user);
    return { items: await this.dataSource.transaction((tx) => Promise.all(page.items.map((user) => this.view(tx, user)))), nextCursor: page.nextCursor };
  }

  get(id: string): Promise<StaffAccountView> {
    return this.dataSource.transaction(async (tx) => this.view(tx, await this.require(tx, id)));
  }

  changeRoles(ctx: RequestContext, id: string, roles: StaffRole[]): Promise<StaffAccountView> {
    const admin = staffOf(ctx);
    if (admin.userId === id) throw new SelfRoleChangeException();
    if (mixesAdministrationAndCaseRoles(roles)) throw new MixedRolesException();
    return this.dataSource.transaction(async (tx) => {
      const user = await this.require(tx, id, true);
      const next = [...new Set(roles)].sort();
      const before = [...user.roles].sort();
      if (before.includes(StaffRole.Admin) && !next.includes(StaffRole.Admin) && user.status === StaffStatus.Active) await this.keepOneAdmin(tx);
      await this.staff.updateUser(tx, id, { roles: next });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.roles_changed',
        resourceType: 'staff_user',
        resourceId: id,
        requestId: ctx.requestId,
        details: { before, after: next },
      });
      await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin, admin.userId), {
        kind: 'staff.roles_changed',
        subjectType: 'staff_user',
        subjectId: id,
        details: { before, after: next, by: admin.userId },
      });
      return this.view(tx, { ...user, roles: next });
    });
  }

  /** Ends the account's sessions at once (in the same transaction as the status change). */
  deactivate(ctx: RequestContext, id: string): Promise<StaffAccountView> {
    const admin = staffOf(ctx);
    if (admin.userId === id) throw new SelfRoleChangeException();
    return this.dataSource.transaction(async (tx) => {
      const user = await this.require(tx, id, true);
      if (user.status === StaffStatus.Deactivated) return this.view(tx, user);
      if (user.roles.includes(StaffRole.Admin) && user.status === StaffStatus.Active) await this.keepOneAdmin(tx);
      const now = this.clock.now();
      await this.staff.updateUser(tx, id, { status: StaffStatus.Deactivated, deactivatedAt: now });
      const ended = await this.sessions.revokeAllOfUser(tx, id, 'deactivated', now);
      await this.staff.expireOpenEnrolments(tx, id, now);
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.deactivated',
        resourceType: 'staff_user',
        resourceId: id,
        requestId: ctx.requestId,
        details: { sessionsEnded: ended },
      });
      await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin, admin.userId), {
        kind: 'staff.deactivated',
        subjectType: 'staff_user',
        subjectId: id,
      });
      return this.view(tx, { ...user, status: StaffStatus.Deactivated, deactivatedAt: now });
    });
  }

  /**
   * For a lost authenticator: sessions end, the old TOTP secret stops working, and a one-time
   * token lets the owner enrol a new authenticator — only with their current password, so the
   * admin who receives the token cannot use it to become the owner. The owner is told in their
   * notifications, the other admins in theirs.
   */
  resetAuthenticator(ctx: RequestContext, id: string): Promise<IssuedEnrolment> {
    const admin = staffOf(ctx);
    if (admin.userId === id) throw new SelfRoleChangeException();
    return this.dataSource.transaction(async (tx) => {
      const user = await this.require(tx, id, true);
      if (user.status === StaffStatus.Deactivated) throw new RecordNotFoundException('staff account');
      if (!user.passwordHash) throw new CurrentPasswordUnavailableException();
      const enrolment = await this.resetCredentials(tx, user, EnrolmentPurpose.AuthenticatorReset, admin.userId, { keepPassword: true });
      await this.audit.record(tx, { actor: admin, action: 'staff.authenticator_reset', resourceType: 'staff_user', resourceId: id, requestId: ctx.requestId });
      await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin, admin.userId), {
        kind: 'staff.authenticator_reset',
        subjectType: 'staff_user',
        subjectId: id,
      });
      await this.notifications.notify(tx, [id], { kind: 'staff.authenticator_reset', subjectType: 'staff_user', subjectId: id, details: { by: admin.userId } });
      return { account: await this.view(tx, { ...user, status: StaffStatus.Invited }), ...enrolment };
    });
  }

  /**
   * Password and authenticator both lost: one admin asks, and nothing happens to the account until
   * a second admin approves (`approveCredentialReset`). The owner and the other admins are told.
   */
  requestCredentialReset(ctx: RequestContext, id: string): Promise<CredentialResetRequestView> {
    const admin = staffOf(ctx);
    if (admin.userId === id) throw new SelfRoleChangeException();
    return this.dataSource.transaction(async (tx) => {
      const user = await this.require(tx, id, true);
      if (user.status === StaffStatus.Deactivated) throw new RecordNotFoundException('staff account');
      const now = this.clock.now();
      await this.staff.updateUser(tx, id, { credentialResetRequestedBy: admin.userId, credentialResetRequestedAt: now });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.credential_reset_requested',
        resourceType: 'staff_user',
        resourceId: id,
        requestId: ctx.requestId,
      });
      await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin, admin.userId), {
        kind: 'staff.credential_reset_requested',
        subjectType: 'staff_user',
        subjectId: id,
        details: { by: admin.userId },
      });
      await this.notifications.notify(tx, [id], {
        kind: 'staff.credential_reset_requested',
        subjectType: 'staff_user',
        subjectId: id,
        details: { by: admin.userId },
      });
      return { account: await this.view(tx, user), status: 'APPROVAL_REQUIRED', requestedBy: admin.userId, requestedAt: now.toISOString() };
    });
  }

  /**
   * The second admin approves: password and authenticator are cleared, sessions end, and a token
   * (returned to the approver, for the owner) lets the owner set both anew. The owner's
   * notifications say who asked and who approved.
   */
  approveCredentialReset(ctx: RequestContext, id: string): Promise<IssuedEnrolment> {
    const admin = staffOf(ctx);
    if (admin.userId === id) throw new SelfRoleChangeException();
    return this.dataSource.transaction(async (tx) => {
      const user = await this.require(tx, id, true);
      if (user.status === StaffStatus.Deactivated) throw new RecordNotFoundException('staff account');
      const requestedAt = user.credentialResetRequestedAt;
      const now = this.clock.now();
      if (!user.credentialResetRequestedBy || !requestedAt || now.getTime() - requestedAt.getTime() > this.config.enrolmentTokenTtlHours * 3_600_000)
        throw new CredentialResetNotRequestedException();
      const requestedBy = user.credentialResetRequestedBy;
      if (requestedBy === admin.userId) throw new SecondAdminRequiredException();
      const enrolment = await this.resetCredentials(tx, user, EnrolmentPurpose.CredentialReset, admin.userId, { keepPassword: false });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.credential_reset',
        resourceType: 'staff_user',
        resourceId: id,
        requestId: ctx.requestId,
        details: { requestedBy },
      });
      const notice = { kind: 'staff.credential_reset', subjectType: 'staff_user', subjectId: id, details: { requestedBy, approvedBy: admin.userId } };
      await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin, admin.userId), notice);
      await this.notifications.notify(tx, [id], notice);
      return { account: await this.view(tx, { ...user, status: StaffStatus.Invited }), ...enrolment };
    });
  }

  private async resetCredentials(tx: EntityManager, user: StaffUserEntity, purpose: EnrolmentPurpose, issuedBy: string, options: { keepPassword: boolean }) {
    const now = this.clock.now();
    await this.staff.updateUser(tx, user.id, {
      ...(options.keepPassword ? {} : { passwordHash: null }),
      totpSecretSealed: null,
      totpLastStep: null,
      status: StaffStatus.Invited,
      failedLogins: 0,
      lockedUntil: null,
      credentialResetRequestedBy: null,
      credentialResetRequestedAt: null,
    });
    await this.sessions.revokeAllOfUser(tx, user.id, 'authenticator_reset', now);
    return this.issueEnrolment(tx, user.id, purpose, issuedBy);
  }

  private async issueEnrolment(tx: EntityManager, userId: string, purpose: EnrolmentPurpose, issuedBy: string | null) {
    const now = this.clock.now();
    await this.staff.expireOpenEnrolments(tx, userId, now);
    const { token, hash } = issueCredential('Enrolment');
    const ttlMs = purpose === EnrolmentPurpose.FirstAdmin ? this.config.firstAdminTokenTtlMinutes * 60_000 : this.config.enrolmentTokenTtlHours * 3_600_000;
    const expiresAt = new Date(now.getTime() + ttlMs);
    await this.staff.insertEnrolment(tx, { id: randomUUID(), userId, tokenHash: hash, purpose, expiresAt, issuedBy });
    return { enrolmentToken: token, enrolmentExpiresAt: expiresAt.toISOString() };
  }

  private async keepOneAdmin(tx: EntityManager): Promise<void> {
    if ((await this.staff.countActiveAdmins(tx)) <= 1) throw new LastAdminException();
  }

  private async require(tx: EntityManager, id: string, forUpdate = false): Promise<StaffUserEntity> {
    const user = forUpdate ? await this.staff.findByIdForUpdate(tx, id) : await this.staff.findById(id, tx);
    if (!user) throw new RecordNotFoundException('staff account');
    return user;
  }

  private async view(tx: EntityManager, user: StaffUserEntity): Promise<StaffAccountView> {
    return {
      id: user.id,
      email: await this.secrets.openText(tx, user.id, 'email', user.emailSealed),
      roles: user.roles,
      status: user.status,
      locked: user.lockedUntil !== null && user.lockedUntil > this.clock.now(),
      createdAt: user.createdAt.toISOString(),
      activatedAt: user.activatedAt?.toISOString() ?? null,
      deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    };
  }
}
