import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CheckinKeeper } from './checkin-keeper';
import { ACTIVATION_CODE, adminOf, lead, staffCredential, type DemoCase, type DemoContext, type HostCountry } from './context';
import { DemoHttp, NotAvailable } from './http';
import { generatePeople, type DemoPerson } from './people';
import { assertTestDatabase, clearDemoRedis, databaseName, DEMO_DATABASE, DEMO_REDIS_PREFIX, dropDemoDatabase, freePort, runCli, ServiceProcess, type DemoEnv } from './service';
import { DEMO_DOMAIN, STEPS } from './steps';
import { Timeline, type DemoOutput } from './timeline';

export interface DemoOptions {
  /** How many fictional people (default 200). */
  people?: number;
  /** Leave the service running at the end, for looking around (the caller stops it). */
  keepRunning?: boolean;
  /**
   * `…/corridor_demo` (the default): dropped, recreated and migrated. A test passes its own
   * migrated `corridor_test_*` database, which the demo uses as it is and never drops.
   */
  databaseUrl?: string;
  /** A compiled tree holding `src/main.js` and `src/cli/main.js` (default: this build's `dist/`). */
  buildDir?: string;
  /** Environment for the service (a test passes its own keys, Redis prefix and database). */
  env?: DemoEnv;
  /** Drill time factor (default 60: the drill's 60-minute check-in interval lasts a minute). */
  drillTimeCompression?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  out?: DemoOutput;
  seed?: number;
}

export interface DemoResult {
  baseUrl: string;
  people: DemoPerson[];
  references: string[];
  skipped: string[];
  checkinsRecorded: number;
  /** Everything the service logged while the demo ran. */
  serviceLogs(): string;
  /** Stops the service (already stopped unless `keepRunning`). */
  stop(): Promise<void>;
}

const DEFAULT_DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DEMO_DATABASE}`;

/** Decided by index, not chance, so even a dozen people play every part of the story. */
function castPeople(people: DemoPerson[]): DemoCase[] {
  let moved = 0;
  let firstTurkey = true;
  let firstGeorgia = true;
  return people.map((person, i) => {
    const host: HostCountry | null = i % 10 < 7 ? (moved % 5 < 3 ? 'GE' : 'TR') : null;
    const k = host ? moved++ : -1;
    const underDuress = host === 'TR' && firstTurkey;
    if (underDuress) firstTurkey = false;
    const accepted = host === 'GE' && firstGeorgia;
    if (accepted) firstGeorgia = false;
    return {
      person,
      via: i % 4 === 1 ? 'partner' : 'staff',
      wave: i < Math.max(2, Math.round(people.length * 0.3)) ? 1 : 2,
      reference: null,
      caseworker: null,
      host,
      goesSilent: host !== null && !underDuress && !accepted && k % 12 === 6,
      underDuress,
      usesLink: host !== null && !underDuress && !accepted && (k === 1 || k === 4),
      accepted,
      arrived: false,
      lastTouchMs: 0,
      sharedWith: null,
    };
  });
}

function serviceEnv(options: DemoOptions, databaseUrl: string, port: number, compression: number): DemoEnv {
  const base: DemoEnv = options.env ?? {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: DEMO_REDIS_PREFIX,
    // Fresh keys per run: the demo database is recreated every time, and nothing here is real.
    CORRIDOR_MASTER_KEY: randomBytes(32).toString('base64'),
    CORRIDOR_MASTER_KEY_ID: 'demo',
    CORRIDOR_INDEX_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
  };
  return {
    ...base,
    DATABASE_URL: databaseUrl,
    CORRIDOR_ROLES: 'api,worker,scheduler',
    CORRIDOR_AUTO_MIGRATE: 'false',
    HOST: '127.0.0.1',
    PORT: String(port),
    DRILL_TIME_COMPRESSION: String(compression),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    LOG_LEVEL: base.LOG_LEVEL === 'warn' || !base.LOG_LEVEL ? 'info' : base.LOG_LEVEL,
  };
}

/**
 * The demo scenario of issue 10: a fictional rapid response modelled on the September 2017 purge
 * in Baku, told through the public APIs of a real service process. Steps whose routes other
 * branches add are skipped with a note while those routes answer 404.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out: DemoOutput = options.out ?? process.stdout;
  const timeline = new Timeline(out);
  const compression = options.drillTimeCompression ?? 60;
  const buildDir = options.buildDir ?? join(__dirname, '..', '..');
  const databaseUrl = options.databaseUrl ?? DEFAULT_DATABASE_URL;
  const ownDatabase = databaseName(databaseUrl) === DEMO_DATABASE;
  if (!ownDatabase) assertTestDatabase(databaseUrl);

  const port = await freePort();
  const env = serviceEnv(options, databaseUrl, port, compression);
  const cliEnv: DemoEnv = { ...env, DRILL_TIME_COMPRESSION: undefined, LOG_LEVEL: 'warn' };
  if (ownDatabase) {
    timeline.say(`recreating the demo database ${DEMO_DATABASE} (and clearing its Redis keys, ${DEMO_REDIS_PREFIX}:*)`);
    await dropDemoDatabase(databaseUrl);
    if (env.REDIS_PREFIX === DEMO_REDIS_PREFIX) await clearDemoRedis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    await runCli(buildDir, cliEnv, ['migrate']);
  }
  const service = new ServiceProcess(buildDir, env, `http://127.0.0.1:${port}`);
  await service.start();
  timeline.say(`service up at ${service.base} (api, worker and scheduler in one process; drill time ${compression}×)`);

  const people = generatePeople(options.people ?? 200, options.seed);
  const ctx: DemoContext = {
    http: new DemoHttp(service.base),
    timeline,
    buildDir,
    cliEnv,
    drillTimeCompression: compression,
    checkinIntervalMs: (60 * 60_000) / compression,
    concurrency: options.concurrency ?? 4,
    admin: null,
    coordinators: [],
    caseworkers: [],
    auditor: null,
    agencies: [],
    cases: castPeople(people),
    activationCode: ACTIVATION_CODE,
    activationDeclared: false,
    skipped: [],
    checkinsRecorded: 0,
  };
  const keeper = new CheckinKeeper(ctx);
  const result: DemoResult = {
    baseUrl: service.base,
    people,
    references: [],
    skipped: ctx.skipped,
    checkinsRecorded: 0,
    serviceLogs: () => service.logs(),
    stop: () => service.stop(),
  };
  try {
    for (const [index, step] of STEPS.entries()) {
      timeline.heading(`${index + 1}/${STEPS.length} ${step.title}`);
      if (index === 5) keeper.start(); // from the first intake on
      try {
        await step.run(ctx);
      } catch (error) {
        if (!(step.dependsOnUnmerged && error instanceof NotAvailable)) throw error;
        timeline.say(`skipped (not available): ${error.route}`);
        ctx.skipped.push(step.title);
      }
      keeper.assertHealthy();
    }
    await keeper.stop();
    await finale(ctx, service.base);
    result.references = ctx.cases.map((c) => c.reference).filter((r): r is string => r !== null);
    result.checkinsRecorded = ctx.checkinsRecorded;
    if (!options.keepRunning) await service.stop();
    return result;
  } catch (error) {
    await keeper.stop().catch(() => undefined);
    timeline.done();
    await service.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\n--- last lines of the service log ---\n${service.tail()}`, { cause: error });
  } finally {
    await Promise.all(ctx.agencies.map((a) => a.receiver.stop()));
  }
}

interface CasePage {
  items: Array<{ stage: string }>;
  nextCursor: string | null;
}

async function caseCounts(ctx: DemoContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let cursor: string | null = null;
  do {
    const page: CasePage = (await ctx.http.call<CasePage>(staffCredential(lead(ctx)), 'GET', `/api/v1/cases?includeClosed=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    for (const item of page.items) counts[item.stage] = (counts[item.stage] ?? 0) + 1;
    cursor = page.nextCursor;
  } while (cursor);
  return counts;
}

/** One level of a JSON document, as short readable lines. */
function describe(value: unknown, indent = '  '): string[] {
  if (value === null || typeof value !== 'object') return [`${indent}${String(value)}`];
  return Object.entries(value as Record<string, unknown>).map(([key, inner]) => {
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      const flat = Object.entries(inner as Record<string, unknown>).filter(([, v]) => v === null || typeof v !== 'object');
      return `${indent}${key}: ${flat.map(([k, v]) => `${k}=${String(v)}`).join(', ')}`;
    }
    return `${indent}${key}: ${Array.isArray(inner) ? `${inner.length} item(s)` : String(inner)}`;
  });
}

async function finale(ctx: DemoContext, base: string): Promise<void> {
  const { timeline } = ctx;
  timeline.heading('Where things stand');
  let dashboardShown = false;
  if (ctx.activationDeclared) {
    try {
      const dashboard = await ctx.http.optional<unknown>(staffCredential(lead(ctx)), 'GET', `/api/v1/activations/${ctx.activationCode}/dashboard`);
      timeline.say(`activation ${ctx.activationCode} dashboard:`);
      for (const line of describe(dashboard)) timeline.detail(line);
      dashboardShown = true;
    } catch (error) {
      if (!(error instanceof NotAvailable)) throw error;
      timeline.say('activation dashboard: skipped (not available)');
      ctx.skipped.push('activation dashboard');
    }
  }
  if (!dashboardShown) {
    const counts = await caseCounts(ctx);
    timeline.say('cases by stage:');
    for (const [stage, n] of Object.entries(counts)) timeline.detail(`${stage.padEnd(26)} ${n}`);
  }
  timeline.say(`check-ins recorded by the demo: ${ctx.checkinsRecorded}`);
  for (const agency of ctx.agencies.filter((a) => a.webhookRegistered)) {
    const verified = agency.receiver.events.filter((e) => e.verified).length;
    timeline.say(`${agency.city} receiver: ${agency.receiver.events.length} webhook deliveries, ${verified} with a valid signature`);
  }
  if (ctx.auditor) {
    const verification = await ctx.http.call<{ status: string; sealedCount: number }>(staffCredential(ctx.auditor), 'GET', '/api/v1/audit/verification');
    timeline.say(`audit chain (checked by ${ctx.auditor.email}): ${verification.status}, ${verification.sealedCount} events sealed`);
  }
  if (ctx.skipped.length > 0) timeline.say(`not on this build yet (skipped): ${ctx.skipped.join('; ')}`);

  const coordinator = lead(ctx);
  const admin = adminOf(ctx);
  timeline.raw(
    [
      '',
      '================================ LOOK AROUND ================================',
      `Service:       ${base}   (API docs: ${base}/docs)`,
      `Sign in:       POST ${base}/api/v1/auth/login  {"email","password","code"}`,
      `Coordinator:   ${coordinator.email}`,
      `  password:    ${coordinator.password}`,
      `  TOTP secret: ${coordinator.totpSecret}   (add to an authenticator app, or compute the code)`,
      `Admin:         ${admin.email}   password ${admin.password}   TOTP secret ${admin.totpSecret}`,
      'The drill clock keeps running: with the demo no longer checking people in, their check-ins',
      'fall due within minutes and escalate, as they would if everyone went silent.',
      `Every account uses @${DEMO_DOMAIN}. Secrets are printed because this is the demo only:`,
      'every person, name and story in it is fictional and generated.',
      '=============================================================================',
      '',
    ].join('\n'),
  );
}
