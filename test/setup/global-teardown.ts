import { Client } from 'pg';
import { TEST_DATABASE_PREFIX, assertTestDatabaseName, testServerUrl } from '../support/test-database-names';

/** Drops this run's template and any file database a crashed test left behind. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.CORRIDOR_TEST_RUN;
  if (!runId) return;
  const admin = new Client({ connectionString: testServerUrl().toString() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DATABASE_PREFIX}${runId}\\_%`]);
    for (const { datname } of rows) {
      assertTestDatabaseName(datname);
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
