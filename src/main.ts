import 'reflect-metadata';
import { createCorridorApp } from '@app/create-app';
import { firstAdminBanner, redisUnreachableWarning, startupFailureMessage } from '@app/first-run';
import { prepareDatabase } from '@app/prepare-database';
import { loadConfig } from '@config/app.config';
import { DatabaseConfig } from '@config/database.config';
import { RedisConfig } from '@config/redis.config';
import { ConfigError } from '@config/config.error';
import { RedisClient } from '@infra/redis/redis-client';
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
  if (singleMachine && !(await corridor.app.get(RedisClient).ping(2_000))) process.stderr.write(`${redisUnreachableWarning(config.redis.url)}\n`);
  if (singleMachine && config.process.mode !== 'production') {
    const issued = await corridor.app.get(FirstAdminBootstrap).ensure(config.auth.firstAdminEmail);
    // Last on the console, after every start-up log line, ready to paste.
    if (issued)
      process.stdout.write(
        firstAdminBanner({ email: issued.account.email, token: issued.enrolmentToken, base: `http://${config.http.host}:${config.http.port}` }),
      );
  }
}

main().catch((error: unknown) => {
  // Configuration problems name variables, never values; an unreachable service names itself,
  // its variable and what to do; anything else its name and message. Never a stack trace.
  const message =
    error instanceof ConfigError
      ? error.message
      : (startupFailureMessage(error, addressesFromEnvironment()) ??
        `Corridor failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

/** Where the service looked (the defaults when the variables are unset); only host and port are ever printed. */
function addressesFromEnvironment(): { databaseUrl: string; redisUrl: string } {
  return { databaseUrl: process.env.DATABASE_URL ?? new DatabaseConfig().url, redisUrl: process.env.REDIS_URL ?? new RedisConfig().url };
}
