import type { Command } from 'commander';
import type { Environment } from '@config/load-section';
import { StaffAccountsService } from '@modules/staff/staff-accounts.service';
import { say, withAppContext } from '../cli-context';

export function registerStaffCommands(program: Command, env: Environment = process.env): void {
  program
    .command('admin:create')
    .description('Create an admin account and print its one-time enrolment token')
    .requiredOption('--email <email>', "the admin's email")
    .action(async (options: { email: string }) => {
      await withAppContext(env, async (context) => {
        const issued = await context.get(StaffAccountsService).createAdmin(options.email);
        say(`admin account ${issued.account.id} created`);
        say(`one-time enrolment token (expires ${issued.enrolmentExpiresAt}):`);
        say(`  ${issued.enrolmentToken}`);
        say('The admin enrols with POST /api/v1/auth/enrolment (token + new password), then');
        say('POST /api/v1/auth/enrolment/confirm with a code from the authenticator app.');
      });
    });
  program
    .command('staff:reindex-emails')
    .description('Re-index staff emails under the current normalisation (NFKC + case fold); reports lookalike accounts')
    .action(async () => {
      await withAppContext(env, async (context) => {
        const { reindexed, conflicts } = await context.get(StaffAccountsService).reindexEmails();
        say(`${reindexed} account(s) re-indexed`);
        for (const ids of conflicts) say(`the same email after normalisation: accounts ${ids.join(', ')} — keep the genuine one, deactivate the others`);
      });
    });
}
