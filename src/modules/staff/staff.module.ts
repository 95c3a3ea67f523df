import { Global, Module } from '@nestjs/common';
import { StaffDirectory } from '@common/access/staff-directory';
import { StaffTokenAuthenticator } from '@modules/access/authenticators';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BrowserAuthController } from './browser-auth.controller';
import { EnrolmentService } from './enrolment.service';
import { FirstAdminBootstrap } from './first-admin.bootstrap';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffAdminController } from './staff-admin.controller';
import { StaffProfilesService } from './staff-profiles.service';
import { StaffDirectoryService } from './staff-directory';
import { StaffRepository } from './staff.repository';
import { StaffSecrets } from './staff-secrets';
import { SessionTokenAuthenticator } from './staff-token.authenticator';
import { StreamTickets } from './stream-tickets';

/** Global for the two ports it implements: the access guard's authenticator and the directory. */
@Global()
@Module({
  controllers: [AuthController, BrowserAuthController, MeController, StaffAdminController],
  providers: [
    AuthService,
    EnrolmentService,
    StaffAccountsService,
    StaffProfilesService,
    FirstAdminBootstrap,
    StaffRepository,
    SessionRepository,
    StaffSecrets,
    PasswordHasher,
    StreamTickets,
    { provide: StaffTokenAuthenticator, useClass: SessionTokenAuthenticator },
    { provide: StaffDirectory, useClass: StaffDirectoryService },
  ],
  exports: [StaffTokenAuthenticator, StaffDirectory, StaffAccountsService, StaffProfilesService, FirstAdminBootstrap],
})
export class StaffModule {}
