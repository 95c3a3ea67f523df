/**
 * What `npm start` prints for people: the first-admin banner (last on the console, ready to
 * paste) and a start-up failure that says which service, which variable and what to do.
 */

export interface FirstAdminBannerInput {
  email: string;
  token: string;
  base: string;
}

/** To the operator's console, not the log: a one-time token the first admin enrols with. */
export function firstAdminBanner({ email, token, base }: FirstAdminBannerInput): string {
  return [
    '',
    '================================ FIRST ADMIN ================================',
    `No admin has enrolled yet. A one-time enrolment token for ${email}:`,
    `  ${token}`,
    '1. Choose your password (typed, not shown); the answer holds the authenticator secret:',
    "  printf 'New password (12+ characters): '; read -rs CORRIDOR_PASSWORD; echo",
    `  curl -s -X POST ${base}/api/v1/auth/enrolment -H 'content-type: application/json' \\`,
    `       -d "{\\"token\\":\\"${token}\\",\\"password\\":\\"$CORRIDOR_PASSWORD\\"}"`,
    '2. Add the secret to an authenticator app, then confirm with the code it shows:',
    "  printf 'Code from the app: '; read -r CORRIDOR_CODE",
    `  curl -s -X POST ${base}/api/v1/auth/enrolment/confirm -H 'content-type: application/json' \\`,
    `       -d "{\\"token\\":\\"${token}\\",\\"code\\":\\"$CORRIDOR_CODE\\"}"`,
    'Each restart before enrolment issues a new token; the old one stops working.',
    '=============================================================================',
    '',
  ].join('\n');
}

export interface ServiceAddresses {
  databaseUrl: string;
  redisUrl: string;
}

interface ErrorFacts {
  code?: string;
  port?: number;
  address?: string;
  hostname?: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
const UNKNOWN_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const COMPOSE_HINT = 'or run `docker compose up -d postgres redis`';

/**
 * One paragraph for a failed start: the service, its address (host and port only — never a
 * password), the variable that points at it, and what to do. Null when the error is none of
 * these (the caller prints its name and message; never a stack trace).
 */
export function startupFailureMessage(error: unknown, services: ServiceAddresses): string | null {
  const facts = factsOf(error);
  if (!facts.code) return null;
  const database = endpoint(services.databaseUrl, 5432);
  const redis = endpoint(services.redisUrl, 6379);
  const isRedis = redis !== null && facts.port === redis.port && (database === null || facts.port !== database.port);
  const target = isRedis
    ? { name: 'Redis', variable: 'REDIS_URL', at: redis, start: 'Start Redis' }
    : { name: 'PostgreSQL', variable: 'DATABASE_URL', at: database, start: 'Start PostgreSQL' };
  const where = target.at ? ` at ${target.at.host}:${target.at.port}` : '';
  if (UNREACHABLE.has(facts.code)) {
    return `Corridor could not start: ${target.name} is not reachable${where} (${target.variable}). ${target.start} (${COMPOSE_HINT}), or set ${target.variable} to a server that is running.`;
  }
  if (UNKNOWN_HOST.has(facts.code)) {
    return `Corridor could not start: the ${target.name} host${where} is unknown (${target.variable}). Check the host name in ${target.variable}.`;
  }
  if (facts.code === '28P01' || facts.code === '28000') {
    return `Corridor could not start: PostgreSQL${database ? ` at ${database.host}:${database.port}` : ''} refused the user or password in DATABASE_URL. Check the credentials in DATABASE_URL.`;
  }
  if (facts.code === '3D000') {
    return `Corridor could not start: the database named in DATABASE_URL does not exist. Create it, or start with CORRIDOR_AUTO_MIGRATE=true (the single-machine default) to create and migrate it.`;
  }
  return null;
}

/**
 * Redis down does not stop the service (PostgreSQL holds every job; bull catches up), but a first
 * run should say so plainly rather than fail later in a rate limit or a job.
 */
export function redisUnreachableWarning(redisUrl: string): string {
  const at = endpoint(redisUrl, 6379);
  return `Warning: Redis is not reachable${at ? ` at ${at.host}:${at.port}` : ''} (REDIS_URL). Jobs, sign-in rate limits and live-event tickets wait until it is. Start Redis (${COMPOSE_HINT}), or set REDIS_URL to a server that is running.`;
}

function factsOf(error: unknown): ErrorFacts {
  if (error === null || typeof error !== 'object') return {};
  const own = error as ErrorFacts & { errors?: unknown[]; cause?: unknown };
  // Node reports a refused dual-stack connect as an AggregateError; the first attempt has the port.
  const inner = Array.isArray(own.errors) && own.errors.length > 0 ? factsOf(own.errors[0]) : own.cause ? factsOf(own.cause) : {};
  return { code: typeof own.code === 'string' ? own.code : inner.code, port: typeof own.port === 'number' ? own.port : inner.port };
}

function endpoint(url: string, defaultPort: number): { host: string; port: number } | null {
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : defaultPort };
  } catch {
    return null;
  }
}
