/** Test databases, and only they, carry this prefix; the harness refuses to touch anything else. */
export const TEST_DATABASE_PREFIX = 'corridor_test_';

export function assertTestDatabaseName(name: string): void {
  if (!name.startsWith(TEST_DATABASE_PREFIX) || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Refusing to use database "${name}": test databases must be named ${TEST_DATABASE_PREFIX}*`);
  }
}

/** The server tests connect to; its own database name is ignored (we create ours). */
export function testServerUrl(): URL {
  return new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
}

export function testDatabaseUrl(name: string): string {
  assertTestDatabaseName(name);
  const url = testServerUrl();
  url.pathname = `/${name}`;
  return url.toString();
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}
