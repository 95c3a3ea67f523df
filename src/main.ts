import 'reflect-metadata';
import { createCorridorApp } from '@app/create-app';
import { prepareDatabase } from '@app/prepare-database';
import { loadConfig } from '@config/app.config';
import { ConfigError } from '@config/config.error';
import { FirstAdminBootstrap } from '@modules/staff/first-admin.bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const singleMachine = config.process.autoMigrate;
  if (singleMachine) await prepareDatabase(config);
  const corridor = await createCorridorApp({ config });
  // A hard stop if draining takes longer than allowed.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.process.shutdownTimeoutMs).unref());
  }
  if (corridor.kind !== 'http') return;
  await corridor.app.listen(config.http.port, config.http.host);
  if (singleMachine && config.process.mode !== 'production') {
    const issued = await corridor.app.get(FirstAdminBootstrap).ensure(config.auth.firstAdminEmail);
    if (issued) printFirstAdmin(issued.account.email, issued.enrolmentToken, `http://${config.http.host}:${config.http.port}`);
  }
}

/** To the operator's console, not the log: a one-time token the first admin enrols with. */
function printFirstAdmin(email: string, token: string, base: string): void {
  process.stdout.write(
    [
      '',
      '================================ FIRST ADMIN ================================',
      `No admin has enrolled yet. A one-time enrolment token for ${email}:`,
      `  ${token}`,
      'Enrol (set your password, then add the secret to an authenticator app):',
      `  curl -s -X POST ${base}/api/v1/auth/enrolment -H 'content-type: application/json' \\`,
      `       -d '{"token":"<token>","password":"<a long passphrase>"}'`,
      `  curl -s -X POST ${base}/api/v1/auth/enrolment/confirm -H 'content-type: application/json' \\`,
      `       -d '{"token":"<token>","code":"<6 digits from the app>"}'`,
      'Each restart before enrolment issues a new token; the old one stops working.',
      '=============================================================================',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  // Only configuration problems are printed in full; they name variables, never values.
  const message = error instanceof ConfigError ? error.message : `Corridor failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
